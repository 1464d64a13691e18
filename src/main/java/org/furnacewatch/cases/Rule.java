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
    RULE_CONFISCATION_SCOPE("没收产品与工具仅适用于地条钢及产品质量违法", "confiscation applies to 地条钢 and product-quality offences",
            "DOMAIN.md「地条钢 producers additionally」; seeds/000、002 “严格按照《中华人民共和国产品质量法》相关条款，依法查处”"),
    RULE_CRIMINAL_TRANSFER_SCOPE("移送公安、司法机关适用于地条钢及涉嫌环境、产品质量犯罪", "transfer to the police or judicial organs applies to 地条钢 and suspected environment or product-quality crimes",
            "seeds/002 “对涉嫌犯罪的人员，依法移送司法机关”; DOMAIN.md「地条钢 producers additionally」"),
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
    RULE_SITE_NOT_REGISTERED("举报或巡查的场所尚未登记为企业：须先将核查属实的场所登记，方可认定违规和处置", "the site is not registered yet: register the verified site as an enterprise before confirming and disposing",
            "DOMAIN.md「The compliance case」; issue 11; seeds/001 “举报线索信息按职责分工推送有关市级部门核实查处”"),
    RULE_ALREADY_REGISTERED("本案已有登记企业", "the case already concerns a registered enterprise",
            "DOMAIN.md「The compliance case」; issue 11"),
    RULE_CITY_LETTER_DTG_ONLY("函告市经济信息委适用于疑似地条钢", "the letter to the city 经济信息委 is for suspected 地条钢",
            "DOMAIN.md「The compliance case」; seeds/002 “及时将排查情况以及初步处置方案等情况函告市经济信息委”"),
    RULE_DTG_REPORT_TO_CITY("疑似地条钢案件须将排查情况和初步处置方案函告市经济信息委后方可结案", "a 地条钢 case closes only after the findings and draft plan were sent to the city 经济信息委",
            "DOMAIN.md「The compliance case」; seeds/002 “及时将排查情况以及初步处置方案等情况函告市经济信息委”"),
    RULE_BUSINESS_LICENCE_AFTER_FAILED_QUALITY("吊销营业执照仅适用于质量违规在6个月内未整改或经整改仍未达标", "the business licence is revoked only after a quality violation was not rectified in 6 months or failed re-inspection",
            "DOMAIN.md「The compliance case」; seeds/000、001、002 “在6个月内未整改或经整改仍未达标的，依法吊销营业执照”"),
    RULE_PERMIT_AFTER_CLOSURE("注销生产许可须在企业关停之后", "a production permit is cancelled once the enterprise is closed",
            "DOMAIN.md「The compliance case」; seeds/002 “及时办理撤销、注销生产许可手续”"),
    RULE_CLOSURE_NEEDS_APPROVAL("能耗、环保、质量违规关停须先报经有批准权的人民政府批准", "closing for energy, environment or quality needs the approval of the people's government with that power",
            "DOMAIN.md「The compliance case」; seeds/002、003、004 “报经有批准权的人民政府批准，责令停业、关闭”"),
    RULE_SAFETY_CLOSURE_BY_GOVERNMENT("停产整顿后仍不具备安全生产条件的，由地方人民政府予以关闭", "a site still unsafe after stopping is closed by the local people's government",
            "DOMAIN.md「Safety」; seeds/000、004 “依法予以关闭”"),
    RULE_MINING_ONLY("清退挖矿设备仅适用于虚拟货币“挖矿”案件", "removing mining rigs applies to cryptocurrency-mining cases",
            "DOMAIN.md「cryptocurrency mining」; seeds/000 “挖矿”"),
    RULE_MINING_NO_FURNACE_CHECKLIST("“挖矿”案件不适用冶炼设备“五拆除”清单，须清退挖矿设备", "a mining case does not use the furnace dismantling checklist: remove the mining rigs",
            "DOMAIN.md「cryptocurrency mining」; seeds/000 “建立工作台账”"),
    RULE_ACCEPTANCE_AFTER_MEASURES("现场验收须在拆除（或封存全部措施、清退矿机）完成之后", "on-site acceptance follows the dismantling (or every sealing measure, or rig removal)",
            "DOMAIN.md「The compliance case」; seeds/003 “发现一起、淘汰一起，并组织现场验收”"),
    RULE_ACCEPTANCE_REQUIRED("关停退出须经现场验收后方可结案", "a closure ends only after on-site acceptance",
            "DOMAIN.md「The compliance case」; seeds/003 “做好落后产能退出的验收、公告和档案保存工作”"),
    RULE_ANNOUNCE_AFTER_ACCEPTANCE("拆除完毕公告须在拆除完毕并验收之后", "the announcement of completed dismantling follows dismantling and acceptance",
            "DOMAIN.md「The compliance case」; seeds/002 “拆除完毕后，在区政府网站公告”; seeds/003 “验收、公告”"),
    RULE_DISMANTLING_ANNOUNCEMENT_REQUIRED("拆除完毕后须在区政府网站公告，方可结案", "after dismantling the district government's website announces it before the case ends",
            "DOMAIN.md「The compliance case」; seeds/002 “拆除完毕后，在区政府网站公告，接受社会监督”"),
    RULE_ENFORCEMENT_NEEDS_PENALTY("申请人民法院强制执行须有逾期未履行的行政处罚决定（决定后15日缴纳期已过）", "court enforcement needs a penalty decision not carried out (its 15-day payment period passed)",
            "DOMAIN.md「The compliance case」; seeds/000、001 “对逾期不履行行政处罚决定的依法申请人民法院强制执行”; 行政处罚法第六十七条 十五日内缴纳"),
    RULE_MISSED_EXIT_DEADLINE("限制土地竞买、严控新增授信适用于未按期完成整改或退出的企业", "land-auction and new-credit restrictions apply to enterprises that missed their rectification or exit deadline",
            "DOMAIN.md「The compliance case」; seeds/002 “对未按期完成落后产能退出的企业，由区经济信息委将相关情况抄告区规划自然资源局……限制该企业及其关联企业参与新的土地竞买活动”“对未按期退出落后产能的企业，严控新增授信”; seeds/000"),
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
