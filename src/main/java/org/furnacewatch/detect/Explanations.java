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

  /**
   * newSiteHours: hours since a new account's first reading, or -1 for an account with history;
   * restingSite: new only as heats on a rest day the site otherwise rests; learnedPeakKw: the
   * highest load a licensed foundry drew on its learned days, exceeded by a heat for
   * minutesBeyondPeak (a second furnace melting together with the licensed one), or -1.
   */
  String furnace(EnterpriseContext c, long firstTs, FurnaceCycleDetector f, int windowSlots,
      int newSiteHours, boolean restingSite, double learnedPeakKw, int minutesBeyondPeak) {
    String licence = learnedPeakKw >= 0
        ? "企业登记的已许可感应炉为 " + num(c.licensedFurnaceKw()) + " 千瓦，连同厂内其他用电，此前最高用电约 "
            + num(learnedPeakKw) + " 千瓦；这次有 " + minutesBeyondPeak + " 分钟的用电比这一最高值还高出一炉的功率，"
            + "像是另一台炉与已许可的炉同时熔炼"
        : newSiteHours >= 0
        ? "该户 " + newSiteHours + " 小时前才开始用电（新户号或新用电户），用电之初即呈现熔炼节奏；"
            + (c.licensedFurnaceKw() > 0 ? "已许可感应炉 " + num(c.licensedFurnaceKw()) + " 千瓦不能解释这样的负荷"
                : "企业没有登记已许可的感应炉")
        : restingSite
        ? (c.licensedFurnaceKw() > 0 ? "已许可感应炉 " + num(c.licensedFurnaceKw()) + " 千瓦不能解释这样的负荷；"
            : "企业没有登记已许可的感应炉；")
            + "该企业休息日通常停产，这次在休息日出现熔炼节奏，两炉之间负荷回落到停产时的水平，与其工作日的生产不同"
        : c.licensedFurnaceKw() > 0
        ? "企业登记的已许可感应炉为 " + num(c.licensedFurnaceKw()) + " 千瓦，其平时的运行规模和时段不能解释这样的负荷"
        : "企业没有登记已许可的感应炉，此前也没有出现过这样的用电节奏";
    String industry = c.industry().isEmpty() ? "未登记行业" : "行业代码 " + c.industry();
    long heatMinutes = Math.round(f.meanHeatSlots * 15);
    long cycleMinutes = Math.max(heatMinutes, Math.round(f.cycleSlots * 15));
    return "自 " + minute(firstTs - 900) + " 起，该企业用电呈现中频炉熔炼的典型节奏：在 "
        + windowSlots / 4 + " 小时内出现 " + f.cycles + " 次“高负荷约 " + num(f.plateauKw)
        + " 千瓦、持续约 " + heatMinutes + " 分钟后短暂回落”的循环"
        + (cycleMinutes > 0 ? "（连同出钢回落，约每 " + cycleMinutes + " 分钟一炉）" : "") + "。"
        + licence + "（" + industry + "）。建议现场核查是否存在违规中频炉或“地条钢”生产。";
  }

  String furnaceAddedToSteel(EnterpriseContext c, long firstTs, int heats, double heatKw,
      double meanHeatMinutes, int flatHeats, int quietHours) {
    long heatMinutes = Math.round(meanHeatMinutes);
    return "自 " + minute(firstTs - 900) + " 起，这家钢铁企业（行业代码 " + c.industry() + "）近一天半内在平时用电远低于此的 "
        + quietHours + " 个小时里用电明显上升，并呈现中频炉熔炼的节奏：" + heats + " 次“高出平时约 "
        + num(heatKw) + " 千瓦、持续约 " + heatMinutes + " 分钟后短暂回落”的循环，其中 " + flatHeats
        + " 炉功率保持平稳（中频炉恒功率熔炼的特征）。"
        + "其登记的炼钢、轧钢设备平时不在这些时段这样运行，建议核实是否新增了中频炉等未经许可的设备。";
  }

  String levelShift(long firstTs, int hours, double actualKwh, double baselineKwh,
      EnterpriseContext c) {
    String head = "自 " + minute(firstTs - 900) + " 起，该企业有 " + hours + " 个小时的用电明显高于自身同类日期同一时段的正常水平："
        + "这些小时共用电 " + num(actualKwh) + " 千瓦时，平时约 " + num(baselineKwh) + " 千瓦时，是平时的 "
        + num(actualKwh / Math.max(baselineKwh, 1e-9)) + " 倍。";
    if (c.status() == EnterpriseStatus.SUSPENDED) {
      return head + "该企业登记状态为“" + c.status().chinese() + "”，登记信息中没有复产记录，用电却明显回升，"
          + "可能擅自恢复生产，建议现场核查。";
    }
    return head + "登记信息中没有扩容、换表或复产等可以解释的变化，建议核实是否新增了用电设备（如中频炉）。";
  }

  String nightLoad(long firstTs, int nightHours, int notDelivered, double actualKwh,
      double baselineKwh) {
    return day(firstTs) + " 夜间（22:00 至次日 06:00）有 " + nightHours + " 个小时用电明显高于该企业平时夜间水平"
        + (notDelivered > 0 ? "（其间另有 " + notDelivered + " 个小时的数据尚未送达）" : "") + "：共用电 "
        + num(actualKwh) + " 千瓦时，平时约 " + num(baselineKwh) + " 千瓦时（"
        + num(actualKwh / Math.max(baselineKwh, 1e-9)) + " 倍），而天亮后又回落。"
        + "夜间集中用电是躲避检查的常见做法，建议安排夜间核查。";
  }

  /**
   * Around the clock, what each hour was tested on: the floor hours one by one (but a shoulder
   * hour, where {@link FlatClaim#shoulderLeftOut}), the hours at work by their mean excess alone,
   * or not at all where the window held none to compare.
   */
  String flat(long firstTs, FlatClaim f, EnterpriseContext c) {
    String excess = num(f.excessKw()) + " 千瓦";
    return "自 " + minute(firstTs - 900) + " 起连续 " + f.hours()
        + switch (f.read()) {
          case WORKING_HOURS -> " 个工作小时（此后尚无夜间数据），该企业负荷都比自身同一时段的正常水平高出至少 "
              + excess + "，午休、换班等用电较低的时段也高出同样多：是叠加了一个恒定负荷，而不是原有生产按比例放大。";
          case WORKING_HOURS_AND_AFTER -> " 个小时（工作时段及收工后的 " + f.floorHours()
              + " 个小时，此后尚无数据），该企业负荷都比自身同一时段的正常水平高出至少 " + excess
              + "，收工后平时用电很低的时段也高出同样多：是叠加了一个恒定负荷，而不是原有生产按比例放大。";
          case REST_DAY -> " 个小时（休息日，此后尚无夜间数据），该企业负荷都比自身休息日同一时段的正常水平高出至少 "
              + excess + "，一刻钟之间的波动没有随负荷放大（与平时空闲时相近）；加班生产会随工作日的作息起落（午休、换班、下班），"
              + "这部分负荷却不随之变化：是叠加了一个恒定负荷。";
          case AROUND_THE_CLOCK -> " 个小时中，该企业平时用电较低的 " + f.floorHours()
              + " 个小时（夜间、上下班前后或休息日），每小时都比自身同一时段的正常水平高出至少 " + excess
              + (f.shoulderLeftOut() ? "（上下班前后一个过渡小时除外，其时点每天略有不同）" : "")
              + "，且高出的部分几乎恒定"
              + (f.workedHours() == 0 ? "" : "；" + (f.workedAtRest() ? "休息日照常生产的 " : "工作日生产的 ")
                  + f.workedHours() + " 个小时平均也高出约 " + num(f.workedExcessKw()) + " 千瓦")
              + (f.workedHours() == 0 ? "。" : "：白天黑夜叠加了大致相同的负荷。");
        }
        + "这与虚拟货币“挖矿”设备全天恒定用电的特征相似，"
        + "而所属行业（" + (c.industry().isEmpty() ? "未登记" : c.industry())
        + "）平时的用电有明显的作息规律，建议核查现场设备。";
  }

  String peer(long dayTs, double ratio, int peers, int days, EnterpriseContext c) {
    return day(dayTs) + " 该企业每千伏安报装容量的日用电量，是同区县（" + c.district() + "）同行业（"
        + c.industry() + "）" + peers + " 家企业中间水平的 " + num(ratio) + " 倍，已连续 " + days
        + " 天远高于同行，建议核实其实际生产内容。";
  }

  /** A half-day (morning: 0-12 h) of an enterprise in its first days, against peers' same half. */
  String peerFirstDays(long endTs, boolean morning, double ratio, int peers, double loadFactor,
      EnterpriseContext c) {
    return day(endTs) + (morning ? " 0-12 时" : " 12-24 时")
        + "，该企业尚无可比的自身用电历史（监测初期或新接入），这半天每千伏安报装容量的用电量是同区县（"
        + c.district() + "）同行业（" + c.industry() + "）" + peers + " 家企业同时段中间水平的 " + num(ratio)
        + " 倍，平均负荷约为报装容量的 " + Math.round(loadFactor * 100) + "%，建议核实其实际生产内容。";
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
