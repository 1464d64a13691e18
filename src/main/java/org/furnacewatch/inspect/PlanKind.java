package org.furnacewatch.inspect;

import java.util.EnumSet;
import java.util.Set;

/** What a plan is for, and the strata it must cover in full. */
public enum PlanKind {
    /**
     * 地条钢巡查: seeds/002 “定期对全区企业开展‘地条钢’巡查”. Every risky site (closed, steel and cement, licensed furnaces,
     * past alerts) is visited; the rest of the district at the plan's rate (1.0, the whole district, unless a rotation
     * asks for less).
     */
    PATROL("“地条钢”巡查", EnumSet.of(Stratum.CLOSED_SITE, Stratum.LICENSED_STEEL_CEMENT, Stratum.LICENSED_FURNACE, Stratum.PAST_ALERT), 1.0),
    /**
     * 双随机、一公开 抽查: random enterprises, random inspectors, results published. seeds/000: 钢铁、水泥产品生产许可获证企业
     * “纳入‘双随机、一公开’抽查计划，实行100%全覆盖检查”; the rest is sampled at the plan's rate or count (required).
     */
    RANDOM("“双随机、一公开”抽查", EnumSet.of(Stratum.LICENSED_STEEL_CEMENT), null);

    public final String zh;
    public final Set<Stratum> fullCoverage;
    /** The rate of the other strata when the plan names none; null: the plan must name one. */
    public final Double defaultRate;

    PlanKind(String zh, Set<Stratum> fullCoverage, Double defaultRate) {
        this.zh = zh;
        this.fullCoverage = fullCoverage;
        this.defaultRate = defaultRate;
    }

    public static PlanKind parse(String s) {
        for (PlanKind k : values()) if (k.name().equals(s)) return k;
        return null;
    }
}
