package org.furnacewatch.detect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Plain-Chinese explanations a district officer understands without statistics: what was seen,
 * against what, and what to do. Called only when a finding is emitted (allocation is fine here).
 */
final class Explanations {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private final ZoneId zone;

  Explanations(ZoneId zone) {
    this.zone = zone;
  }

  String minute(long ts) {
    return MINUTE.format(Instant.ofEpochSecond(ts).atZone(zone));
  }

  /** Local date of the interval ending at ts (an interval ending at midnight belongs to the day before). */
  String day(long ts) {
    return DAY.format(Instant.ofEpochSecond(ts - 1).atZone(zone));
  }

  static String num(double v) {
    if (Math.abs(v) >= 100) {
      return String.format("%,.0f", v);
    }
    return String.format("%.1f", v);
  }

  String resurgence(EnterpriseContext c, long firstTs, double loadKw, double ceilingKw,
      int over, int window) {
    return "该企业登记状态为" + c.status().chinese() + "(" + c.status() + ")，但自 "
        + minute(firstTs - 900) + " 起用电持续高于待机负荷：最近 " + window + " 个15分钟读数中有 "
        + over + " 个超过待机上限 " + num(ceilingKw) + " 千瓦，最新平均负荷约 " + num(loadKw)
        + " 千瓦。已关停、查封或取缔的企业恢复用电，可能是死灰复燃，建议尽快现场核查是否恢复生产。";
  }

  String furnace(EnterpriseContext c, long firstTs, FurnaceCycleDetector f, int windowSlots) {
    String licence = c.licensedFurnaceKw() > 0
        ? "企业登记的已许可感应炉仅 " + num(c.licensedFurnaceKw()) + " 千瓦，不足以解释这样的负荷"
        : "企业没有登记已许可的感应炉";
    String industry = c.industry().isEmpty() ? "未登记行业" : "行业代码 " + c.industry();
    return "自 " + minute(firstTs - 900) + " 起，该企业用电呈现中频炉熔炼的典型节奏：在 "
        + windowSlots / 4 + " 小时内出现 " + f.cycles + " 次“高负荷约 " + num(f.plateauKw)
        + " 千瓦、持续约 " + Math.round(f.meanHeatSlots * 15) + " 分钟后短暂回落”的循环"
        + (f.periodSlots > 0 ? "（约每 " + f.periodSlots * 15 + " 分钟一炉）" : "") + "。"
        + licence + "（" + industry + "）。建议现场核查是否存在违规中频炉或“地条钢”生产。";
  }

  String levelShift(long dayTs, double kwh, double baseline, boolean working, int days) {
    return day(dayTs) + " 用电量 " + num(kwh) + " 千瓦时，是该企业平时" + (working ? "工作日" : "休息日")
        + "用电（约 " + num(baseline) + " 千瓦时）的 " + num(kwh / baseline) + " 倍，已连续 " + days
        + " 天明显偏高。登记信息中没有扩容、换表或复产等可以解释的变化，建议核实是否新增了用电设备。";
  }

  String nightLoad(long dayTs, double nightKwh, double share, double baseShare, double nightKw,
      int days) {
    return day(dayTs) + " 夜间（22:00 至次日 06:00）用电 " + num(nightKwh) + " 千瓦时，平均负荷约 "
        + num(nightKw) + " 千瓦，占全天用电的 " + Math.round(share * 100) + "%，而该企业平时夜间只占约 "
        + Math.round(baseShare * 100) + "%，已连续 " + days
        + " 天如此。夜间集中用电是躲避检查的常见做法，建议安排夜间核查。";
  }

  String flat(long dayTs, double meanKw, double cv, int days, EnterpriseContext c) {
    return "截至 " + day(dayTs) + "，该企业已连续 " + days + " 天全天 24 小时负荷几乎不变（约 "
        + num(meanKw) + " 千瓦，波动仅约 " + num(cv * 100) + "%），而此前并非如此。这与虚拟货币“挖矿”设备的用电特征相似，"
        + "且所属行业（" + (c.industry().isEmpty() ? "未登记" : c.industry())
        + "）通常不是全天连续生产，建议核查现场设备。";
  }

  String peer(long dayTs, double ratio, int peers, int days, EnterpriseContext c) {
    return day(dayTs) + " 该企业每千伏安报装容量的日用电量，是同区县（" + c.district() + "）同行业（"
        + c.industry() + "）" + peers + " 家企业中间水平的 " + num(ratio) + " 倍，已连续 " + days
        + " 天远高于同行，建议核实其实际生产内容。";
  }

  String intensityTonnes(long dayTs, double kwh, double tonnes, double maxKwhPerTonne,
      double expected) {
    return day(dayTs).substring(0, 7) + " 月用电约 " + num(kwh) + " 千瓦时；按申报产量 " + num(tonnes)
        + " 吨、每吨钢最多约 " + num(maxKwhPerTonne) + " 千瓦时计算，只应用电约 " + num(expected)
        + " 千瓦时，实际是其 " + num(kwh / expected) + " 倍。用电与申报产量明显不符，可能存在未申报的生产。";
  }

  String intensitySales(long dayTs, double kwh, double yuan, double maxKwhPerYuan,
      double expected) {
    return day(dayTs).substring(0, 7) + " 月用电约 " + num(kwh) + " 千瓦时；按开票销售额 " + num(yuan)
        + " 元、本行业每元最多约 " + maxKwhPerYuan + " 千瓦时计算，只应用电约 " + num(expected)
        + " 千瓦时，实际是其 " + num(kwh / expected) + " 倍。用电与销售明显不符，可能存在账外生产。";
  }
}
