package org.furnacewatch.sim;

import java.util.List;

/** The GB/T 4754-2017 industries the simulator draws enterprises from, with their load profile and size range. */
public final class Industries {
    /** How an industry's load behaves over the day and the calendar. */
    public enum Profile {
        /** 08:00-17:30 on working days, off at weekends (Saturday sometimes worked) and holidays. */
        DAY_SHIFT,
        /** two shifts 08:00-24:00, Sunday often off, holidays off. */
        TWO_SHIFT,
        /** 24/7 process plant (chemicals, cement, paper): high, fairly flat, runs through holidays. */
        CONTINUOUS,
        /** refrigeration compressors cycling 24/7: flat-ish but legitimate. */
        COLD_STORAGE,
        /** the real steel plant shape (UCI 851) scaled to capacity. */
        STEEL_PLANT,
        /** licensed induction furnaces melting in day-shift heats: legal heats. */
        FOUNDRY,
        /** lighting, forklifts, small loads in the daytime every day. */
        WAREHOUSE,
        /** shops and wholesale: 09:00-22:00 every day including holidays. */
        COMMERCE
    }

    /**
     * @param code     four-digit GB/T 4754-2017 class
     * @param label    the class name
     * @param nameWord word used in enterprise names
     * @param profile  load profile
     * @param minKva   smallest contracted capacity
     * @param maxKva   largest contracted capacity
     * @param weight   relative frequency in a district
     */
    public record Industry(String code, String label, String nameWord, Profile profile, int minKva, int maxKva, double weight) {}

    public static final List<Industry> ALL = List.of(
            new Industry("3311", "金属结构制造", "钢结构", Profile.DAY_SHIFT, 200, 2500, 10),
            new Industry("3484", "机械零部件加工", "机械", Profile.DAY_SHIFT, 100, 1250, 10),
            new Industry("1819", "其他机织服装制造", "服饰", Profile.DAY_SHIFT, 80, 630, 7),
            new Industry("1713", "棉印染精加工", "纺织印染", Profile.TWO_SHIFT, 400, 3150, 6),
            new Industry("2929", "塑料零件及其他塑料制品制造", "塑胶制品", Profile.TWO_SHIFT, 200, 1600, 7),
            new Industry("3670", "汽车零部件及配件制造", "汽车配件", Profile.TWO_SHIFT, 500, 4000, 6),
            new Industry("3360", "金属表面处理及热处理加工", "表面处理", Profile.TWO_SHIFT, 200, 1600, 4),
            new Industry("2614", "有机化学原料制造", "化工", Profile.CONTINUOUS, 1000, 10000, 4),
            new Industry("3011", "水泥制造", "水泥", Profile.CONTINUOUS, 3150, 20000, 2),
            new Industry("2221", "机制纸及纸板制造", "纸业", Profile.CONTINUOUS, 1000, 8000, 2),
            new Industry("5930", "低温仓储", "冷链物流", Profile.COLD_STORAGE, 200, 2000, 4),
            new Industry("4610", "自来水生产和供应", "水务", Profile.CONTINUOUS, 400, 5000, 2),
            new Industry("3120", "炼钢", "钢铁", Profile.STEEL_PLANT, 5000, 40000, 1.5),
            new Industry("3130", "钢压延加工", "钢材", Profile.STEEL_PLANT, 2000, 20000, 2),
            new Industry("3391", "黑色金属铸造", "铸造", Profile.FOUNDRY, 630, 5000, 4),
            new Industry("5920", "通用仓储", "仓储", Profile.WAREHOUSE, 50, 630, 8),
            new Industry("5165", "金属及金属矿批发", "金属材料", Profile.WAREHOUSE, 50, 400, 5),
            new Industry("5212", "超级市场零售", "商贸", Profile.COMMERCE, 100, 1000, 8));

    /** Standard transformer sizes (kVA) that contracted capacities are drawn from. */
    static final int[] KVA = {50, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500,
        3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000, 25000, 31500, 40000};

    private Industries() {}

    public static Industry byCode(String code) {
        for (Industry i : ALL) if (i.code().equals(code)) return i;
        throw new IllegalArgumentException("unknown industry " + code);
    }

    /** True for industries whose output is tonnes of metal (declared output is produced for them). */
    public static boolean producesMetal(String code) {
        return code.equals("3120") || code.equals("3130") || code.equals("3391");
    }
}
