package org.furnacewatch.cases;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Documents a case sends to other departments, each dated by the action that sent it and naming its recipients:
 * the 函 with findings and draft disposal plan of a suspected 地条钢 site to the city 经济信息委 (seeds/002), the land-auction
 * restriction to the planning and natural resources bureau and the new-credit restriction to banks for an enterprise that
 * missed its exit deadline (seeds/002 “六、(四)(六)”, seeds/000).
 */
final class Notices {
    private final Documents documents;
    private final ZoneId zone;

    Notices(Documents documents, ZoneId zone) {
        this.documents = documents;
        this.zone = zone;
    }

    Sheet notice(CaseFile f, String type) {
        String dn = documents.districtName(f.district);
        String who = f.registered() ? f.enterpriseName + "（统一社会信用代码：" + f.enterprise + "）" : "位于" + f.siteAddress() + "的场所";
        List<String> cols = List.of("案件编号", "企业或场所", "统一社会信用代码", "地址", "区县", "违规方面", "当前状态");
        List<String> row = List.of(f.id, f.registered() ? f.enterpriseName : "（未登记场所）", f.registered() ? f.enterprise : "",
                f.siteAddress() == null ? "" : f.siteAddress(), dn, Documents.dims(f.dimensions) + (f.ditiaogang() ? "（地条钢）" : ""), f.state().zh);
        switch (type) {
            case "city-letter" -> {
                CaseEvent e = need(f, ActionType.REPORT_TO_CITY, type);
                String recipient = documents.parentName(f.district) + "经济信息委";
                return new Sheet("关于疑似“地条钢”生产场所排查情况及初步处置方案的函", f.id + "-HG", dn + f.lead, date(e), recipient,
                        List.of("我区接到线索" + (f.channel() == null ? "" : "（" + Channel.valueOf(f.channel()).zh + "）") + "，经现场核查，" + who
                                        + "涉嫌违法生产“地条钢”。现将排查情况及初步处置方案函告如下。",
                                "一、排查情况：" + e.text("findings"),
                                "二、初步处置方案：" + e.text("plan"),
                                "依据：涪经信发〔2020〕85号“及时将排查情况以及初步处置方案等情况函告市经济信息委”。"),
                        cols, List.of(row));
            }
            case "land-restriction" -> {
                CaseEvent e = need(f, ActionType.NOTIFY_LAND_RESTRICTION, type);
                List<String> related = strings(e.detail().get("relatedEnterprises"));
                String recipient = dn + "规划和自然资源局";
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of(f.enterpriseName, f.enterprise, "本企业"));
                for (String r : related) rows.add(List.of(r, "", "关联企业"));
                return new Sheet("关于限制未按期完成落后产能退出企业参与土地竞买的抄告函", f.id + "-TD", dn + "经济信息委", date(e), recipient,
                        List.of(who + "未按期完成落后产能退出（期限 " + f.currentDeadline() + "）。请在该企业整改到位前，限制该企业及其关联企业参与新的土地竞买活动。",
                                "依据：区政府落后产能退出工作方案“盘活土地资源”（seeds/002）。"),
                        List.of("企业名称", "统一社会信用代码", "关系"), rows);
            }
            case "bank-credit" -> {
                CaseEvent e = need(f, ActionType.NOTIFY_BANK_CREDIT, type);
                List<String> recipients = strings(e.detail().get("recipients"));
                if (recipients.isEmpty()) recipients = List.of("人民银行" + dn + "支行", dn + "各银行业金融机构");
                return new Sheet("关于对未按期退出落后产能企业严控新增授信的函", f.id + "-XD", dn + "经济信息委", date(e), String.join("、", recipients),
                        List.of(who + "未按期完成落后产能退出（期限 " + f.currentDeadline() + "）。请督促银行业机构对其严控新增授信，压缩退出存量贷款。",
                                "依据：执行差别化信贷政策（seeds/000、002）。"),
                        cols, List.of(row));
            }
            default -> throw new CaseService.NotFound("无此文书类型 (no such document type): " + type);
        }
    }

    private static CaseEvent need(CaseFile f, ActionType a, String type) {
        CaseEvent e = Documents.event(f, a);
        if (e == null) throw new RuleViolation(Rule.RULE_DOCUMENT_NOT_APPLICABLE, type + ": 尚未记录 " + a + "（" + a.zh + "）");
        return e;
    }

    private String date(CaseEvent e) {
        return e.at().atZone(zone).toLocalDate().toString();
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }
}
