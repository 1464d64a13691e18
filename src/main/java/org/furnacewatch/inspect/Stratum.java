package org.furnacewatch.inspect;

import org.furnacewatch.registry.EnterpriseRecord;

import java.util.Set;

/**
 * The layer a candidate enterprise falls in when a plan is drawn; the first that fits, in this order. Which layers a plan
 * covers in full (100 %) depends on its {@link PlanKind}; the rest is sampled.
 */
public enum Stratum {
    /** 已关停、查封、取缔：the site stays watched after closure (seeds/000 “严防‘地条钢’死灰复燃”). */
    CLOSED_SITE("已关停、查封、取缔企业"),
    /**
     * 钢铁、水泥产品生产许可获证企业 (seeds/000 “实行100%全覆盖检查”): GB/T 4754 31xx 黑色金属冶炼和压延加工业 and 3011 水泥制造 that
     * are not closed. The registry holds no permit numbers, so the industry stands for the permit.
     */
    LICENSED_STEEL_CEMENT("钢铁、水泥产品生产许可获证企业"),
    /** 持证中频炉：foundries (3391) and anyone with a licensed induction furnace, who could melt rebar with it. */
    LICENSED_FURNACE("持证中频炉（铸造）企业"),
    /** 曾有用电异常告警 (seeds/000 “加强对用电量异常企业的监测”). */
    PAST_ALERT("曾有用电异常告警的企业"),
    /** Everyone else in the district. */
    OTHER("其他企业");

    public final String zh;

    Stratum(String zh) {
        this.zh = zh;
    }

    /** The stratum of {@code r}; {@code alerted}: enterprises that ever had an alert. */
    public static Stratum of(EnterpriseRecord r, Set<String> alerted) {
        if (r.status().mustBeIdle()) return CLOSED_SITE;
        String ind = r.industry() == null ? "" : r.industry();
        if (ind.startsWith("31") || ind.equals("3011")) return LICENSED_STEEL_CEMENT;
        if (ind.equals("3391") || r.licensedFurnaceKw() > 0) return LICENSED_FURNACE;
        if (alerted.contains(r.creditCode())) return PAST_ALERT;
        return OTHER;
    }
}
