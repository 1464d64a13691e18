package org.furnacewatch.cases;

/**
 * The rules a case obeys, each with the text it enforces. A refused action answers 409 with {@link #message()}:
 * the code, the rule in Chinese (English in brackets) and where it comes from (DOMAIN.md, seeds/).
 */
public enum Rule {
    RULE_CASE_FINAL("已排除或已结案的案件不得再处置", "a dismissed or closed case takes no more actions",
            "DOMAIN.md「The compliance case」"),
    RULE_ACTION_ORDER("动作时间不得早于本案上一动作", "an action cannot be dated before the case's previous action",
            "DOMAIN.md「The compliance case」：处置过程按时间记录"),
    RULE_ACTION_IN_FUTURE("动作时间不得晚于当前时刻", "an action cannot be dated in the future",
            "DOMAIN.md「The compliance case」"),
    RULE_SEQUENCE("该动作不适用于案件当前状态", "this action does not apply in the case's current state",
            "DOMAIN.md「The compliance case」状态流转"),
    RULE_VERIFY_FIRST("须先现场核查，才能认定违规", "verify on site before confirming a violation",
            "DOMAIN.md「Verification (核查/认定排查)」; seeds/002 涪经信发〔2020〕85号 认定排查"),
    RULE_TIPOFF_MUST_BE_VERIFIED("有举报必查：举报案件未经核查不得排除或结案", "every tip-off is checked: a tip-off case cannot end without verification",
            "DOMAIN.md「Sources of a case」有举报必查; seeds/000、001 “做到有举报必查，有线索反映必查”"),
    RULE_DTG_NO_RECTIFICATION("地条钢与淘汰类设备案件不得限期整改或停产整顿，须立即关停", "no rectification period for 地条钢 or eliminated equipment: close at once",
            "DOMAIN.md「Technology / eliminated equipment and 地条钢」; seeds/002、003 “立即断水、断电，拆除动力装置，封存主体设备”"),
    RULE_RECTIFICATION_SCOPE("限期整改仅适用于能耗、环保、质量违规", "rectification by a deadline applies to energy, environment and quality only",
            "DOMAIN.md「Energy, quality, environment」; seeds/002、003、004 “应在6个月内整改”"),
    RULE_RECTIFICATION_FIRST("能耗、环保、质量、安全违规须先整改（整顿），逾期或复查不合格方可关停", "energy, environment, quality and safety violations are rectified first; shutdown follows only a missed deadline or a failed re-inspection",
            "DOMAIN.md「Energy, quality, environment」「Safety」; seeds/002 “逾期未整改或经整改仍未达标的，依法关停退出”"),
    RULE_SAFETY_STOP_PRODUCTION("停产停业整顿仅适用于安全违规", "stop production for rectification applies to safety violations only",
            "DOMAIN.md「Safety」; seeds/000、003、004 “立即停产停业整顿”"),
    RULE_EXTENSION_ONCE("整改期限只能延期一次", "the rectification deadline may be extended once only",
            "DOMAIN.md「Energy, quality, environment」; seeds/002、003、004 “确需延长整改期限的，可提出不超过3个月的延期申请”"),
    RULE_EXTENSION_MAX_3_MONTHS("延期不得超过3个月", "an extension is at most 3 months",
            "DOMAIN.md「Energy, quality, environment」; seeds/002、003、004 “不超过3个月的延期申请”"),
    RULE_EXTENSION_BEFORE_DEADLINE("延期须在整改期限届满前申请", "an extension is requested before the deadline passes",
            "DOMAIN.md「Energy, quality, environment」; seeds/002 “逾期未整改……依法关停退出”"),
    RULE_DEADLINE_MISSED("整改期限已过，逾期未整改须依法关停退出，不能再复查合格", "the deadline has passed: overdue rectification leads to shutdown, not a passed re-inspection",
            "DOMAIN.md「Energy, quality, environment」; seeds/002、003、004 “逾期未整改或经整改仍未达标的，依法关停退出”"),
    RULE_DEADLINE_NOT_PASSED("整改期限未到且复查未不合格，不得关停", "no shutdown before the deadline unless a re-inspection failed",
            "DOMAIN.md「Energy, quality, environment」; seeds/002、003、004"),
    RULE_CLOSE_IMMEDIATELY_SCOPE("立即关停仅适用于地条钢与淘汰类设备（技术）", "immediate closure applies to 地条钢 and eliminated equipment (technology)",
            "DOMAIN.md「Technology / eliminated equipment and 地条钢」"),
    RULE_DTG_ONLY("没收产品与工具、移送公安机关仅适用于地条钢", "confiscation and transfer to the police apply to 地条钢 only",
            "DOMAIN.md「地条钢 producers additionally」"),
    RULE_ONCE("该动作已记录，不得重复", "this action is already recorded",
            "DOMAIN.md「The compliance case」"),
    RULE_DISMANTLE_ITEM_ONCE("该拆除项目已记录", "this dismantling item is already recorded",
            "DOMAIN.md「Field practice checks 五拆除」"),
    RULE_DISMANTLING_INCOMPLETE("“五拆除”（炉体、变压器、除尘罩、操作平台、轨道）未逐项完成，不得结案", "every item of 五拆除 must be checked before the case closes",
            "DOMAIN.md「Technology / eliminated equipment and 地条钢」五拆除; seeds/002 “并限时拆除，确保落后生产工艺装备不具备恢复生产条件”"),
    RULE_SEALING_INCOMPLETE("暂不能拆除时须断水断电、拆除动力装置、封存主体设备、企业公开承诺并网站公告，缺一不可", "where dismantling waits: cut power and water, remove power units, seal, public pledge and website announcement, all of them",
            "DOMAIN.md「Technology / eliminated equipment and 地条钢」; seeds/002、003、004 “暂不具备拆除条件的，应立即断水、断电，拆除动力装置，封存主体设备（生产线），企业向社会公开承诺不再恢复生产，同时……网站公告”"),
    RULE_DTG_LICENCE_AND_CONFISCATION("地条钢案件须撤销生产许可证并没收产品与工具后方可结案", "a 地条钢 case closes only after the licence is revoked and products and tools confiscated",
            "DOMAIN.md「地条钢 producers additionally」; seeds/002 “对违规生产‘地条钢’的获证企业，要坚决撤销生产许可证”"),
    RULE_DOCUMENT_NOT_APPLICABLE("本案尚无出具该文书的依据", "the case has no ground for this document yet",
            "DOMAIN.md「Consequences recorded against the enterprise」"),
    RULE_SAFETY_LICENCE_REVOKED("停产整顿后仍不具备安全生产条件的，须吊销相关证照后方可结案", "still unsafe after stopping: the licence is revoked before the case closes",
            "DOMAIN.md「Safety」; seeds/000、004 “依法予以关闭，有关部门依法吊销其相关证照”");

    public final String zh;
    public final String en;
    public final String cites;

    Rule(String zh, String en, String cites) {
        this.zh = zh;
        this.en = en;
        this.cites = cites;
    }

    public String message() {
        return name() + ": " + zh + " (" + en + "; " + cites + ")";
    }
}
