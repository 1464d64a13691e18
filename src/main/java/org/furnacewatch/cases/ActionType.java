package org.furnacewatch.cases;

import java.util.List;

/**
 * Every action a case can record, with the fields it needs (a missing one is 400, not a rule). Which action is
 * allowed when is decided by {@link CaseRules}, nowhere else. {@link #OPEN_CASE} is the first event of every
 * case and cannot be posted as an action.
 */
public enum ActionType {
    OPEN_CASE("立案"),
    VERIFY("现场核查"),
    CONFIRM_VIOLATION("认定违规"),
    DISMISS("排除"),
    ORDER_RECTIFICATION("限期整改"),
    REQUEST_EXTENSION("申请延期", "months"),
    STOP_PRODUCTION("停产停业整顿"),
    REINSPECT_PASS("复查合格"),
    REINSPECT_FAIL("复查不合格"),
    ORDER_SHUTDOWN("依法关停退出"),
    CLOSE_IMMEDIATELY("立即关停取缔"),
    CUT_POWER_WATER("断水断电"),
    REMOVE_POWER_UNITS("拆除动力装置"),
    SEAL_EQUIPMENT("封存主体设备"),
    PUBLIC_PLEDGE("公开承诺不再恢复生产"),
    ANNOUNCE("政府网站公告", "date", "url"),
    DISMANTLE_ITEM("拆除", "item"),
    REVOKE_LICENCE("撤销生产许可证"),
    CONFISCATE("没收产品与工具"),
    TRANSFER_TO_POLICE("移送公安机关"),
    // issue 11: the rest of the policy (seeds/000, 001, 002, 003)
    REGISTER_ENTERPRISE("核查场所登记为企业", "enterprise"),
    REPORT_TO_CITY("函告市经济信息委（排查情况及初步处置方案）", "findings", "plan"),
    REVOKE_BUSINESS_LICENCE("吊销营业执照"),
    CANCEL_PERMIT("注销生产许可"),
    TRANSFER_TO_JUDICIAL("移送司法机关"),
    GOVERNMENT_APPROVAL("报经有批准权的人民政府批准关停", "authority"),
    REMOVE_MINING_RIGS("清退挖矿设备"),
    ACCEPT_ON_SITE("现场验收"),
    ANNOUNCE_DISMANTLED("拆除完毕网站公告", "date", "url"),
    IMPOSE_PENALTY("作出行政处罚决定", "decision"),
    APPLY_COURT_ENFORCEMENT("申请人民法院强制执行"),
    NOTIFY_LAND_RESTRICTION("函告规划和自然资源局限制土地竞买"),
    NOTIFY_BANK_CREDIT("函告金融机构严控新增授信"),
    CLOSE_CASE("结案");

    public final String zh;
    public final List<String> required;

    ActionType(String zh, String... required) {
        this.zh = zh;
        this.required = List.of(required);
    }

    /** The interim measures where dismantling cannot be done at once (DOMAIN.md; seeds/002, 003, 004). */
    public static final List<ActionType> INTERIM = List.of(CUT_POWER_WATER, REMOVE_POWER_UNITS, SEAL_EQUIPMENT, PUBLIC_PLEDGE, ANNOUNCE);

    public static ActionType parse(String s) {
        if (s == null) return null;
        for (ActionType a : values()) if (a.name().equals(s) && a != OPEN_CASE) return a;
        return null;
    }
}
