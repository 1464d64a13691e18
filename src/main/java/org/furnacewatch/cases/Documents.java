package org.furnacewatch.cases;

import org.furnacewatch.registry.District;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.Equipment;
import org.furnacewatch.registry.Registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The consequences a case produces, as the documents departments send: the yellow and red lists (DOMAIN.md
 * “yellow-card list … red-card list”, seeds/000, 001, 002 “黄牌”“红牌”名单), the credit record, the differential /
 * punitive electricity price notice for the power company, and the licence revocation.
 */
public final class Documents {
    public static final List<String> TYPES = List.of("credit-record", "electricity-price", "licence-revocation", "city-letter",
            "land-restriction", "bank-credit");

    private static final List<String> NOTICES = List.of("city-letter", "land-restriction", "bank-credit");
    private final Registry registry;
    private final ZoneId zone;
    private final Notices notices;

    public Documents(Registry registry, ZoneId zone) {
        this.registry = registry;
        this.zone = zone;
        this.notices = new Notices(this, zone);
    }

    /** One row of the yellow or red list. */
    public record ListEntry(String caseId, String enterprise, String name, String district, String districtName,
                            List<Dimension> dimensions, boolean ditiaogang, Instant since, LocalDate deadline, String state,
                            String issuer, boolean overdue) {}

    public List<ListEntry> yellow(List<CaseFile> cases, LocalDate today) {
        List<ListEntry> out = new ArrayList<>();
        for (CaseFile f : cases) if (f.onYellowList()) out.add(entry(f, f.yellowSince(), f.rectificationDeadline(), today));
        return out;
    }

    public List<ListEntry> red(List<CaseFile> cases, LocalDate today) {
        List<ListEntry> out = new ArrayList<>();
        for (CaseFile f : cases) if (f.onRedList()) out.add(entry(f, f.redSince(), f.dismantleDeadline(), today));
        return out;
    }

    private ListEntry entry(CaseFile f, Instant since, LocalDate deadline, LocalDate today) {
        return new ListEntry(f.id, f.enterprise, f.enterpriseName, f.district, districtName(f.district), f.dimensions, f.ditiaogang(),
                since, deadline, f.state().name(), issuer(f), f.overdue(today));
    }

    public Sheet listSheet(String color, List<ListEntry> entries, String scope, LocalDate today) {
        boolean yellow = "yellow".equals(color);
        String title = yellow ? "不达标应限期整改企业名单（“黄牌”名单）" : "经整改仍不达标、已依法关闭企业名单（“红牌”名单）";
        List<String> body = List.of((scope == null ? "" : scope) + "依据利用综合标准依法依规推动落后产能退出工作要求，现公布"
                + (yellow ? "须限期整改的企业名单。" : "已依法关停退出的企业名单，供在“信用中国”及国家企业信用信息公示系统公示。"));
        List<String> cols = List.of("序号", "企业名称", "统一社会信用代码", "区县", "方面", "地条钢", yellow ? "列入日期" : "关停日期",
                yellow ? "整改期限" : "拆除期限", "案件编号", "牵头部门", "逾期");
        List<List<String>> rows = new ArrayList<>();
        int i = 1;
        for (ListEntry e : entries) {
            rows.add(List.of(String.valueOf(i++), e.name(), e.enterprise(), e.districtName(), dims(e.dimensions()),
                    e.ditiaogang() ? "是" : "否", date(e.since()), e.deadline() == null ? "" : e.deadline().toString(), e.caseId(),
                    e.issuer(), e.overdue() ? "逾期" : ""));
        }
        return new Sheet(title, null, scope == null || scope.isBlank() ? "落后产能退出工作领导小组办公室" : scope + "落后产能退出工作领导小组办公室",
                today.toString(), null, body, cols, rows);
    }

    /** A case's document of {@code type}, or a {@link RuleViolation} when the case gives no ground for it yet. */
    public Sheet caseDocument(CaseFile f, String type) {
        if (NOTICES.contains(type)) return notices.notice(f, type);
        if (!f.registered()) throw new RuleViolation(Rule.RULE_DOCUMENT_NOT_APPLICABLE, type + ": 场所尚未登记为企业 (the site is not registered yet)");
        EnterpriseRecord rec = registry.enterprise(f.enterprise).latest();
        String dn = districtName(f.district);
        List<String> cols = List.of("企业名称", "统一社会信用代码", "区县", "行业代码", "报装容量(kVA)", "案件编号", "违规方面", "认定日期", "处置情况");
        CaseEvent confirm = event(f, ActionType.CONFIRM_VIOLATION);
        List<String> row = List.of(f.enterpriseName, f.enterprise, dn, rec.industry(), fmt(rec.capacityKva()), f.id, dims(f.dimensions)
                + (f.ditiaogang() ? "（地条钢）" : ""), confirm == null ? "" : date(confirm.at()), f.state().zh);
        String name = f.enterpriseName + "（统一社会信用代码：" + f.enterprise + "）";
        switch (type) {
            case "credit-record" -> {
                if (confirm == null) throw new RuleViolation(Rule.RULE_DOCUMENT_NOT_APPLICABLE, "credit-record: 违规尚未认定 (no confirmed violation)");
                return new Sheet("失信行为信息报送表", f.id + "-XY", issuer(f), date(confirm.at()), dn + "公共信用信息平台",
                        List.of(name + "经核查认定存在" + dims(f.dimensions) + "方面违法违规行为" + (f.ditiaogang() ? "（违法生产“地条钢”）" : "")
                                        + "，现报送记入公共信用信息平台，实施联合惩戒（用地、信贷、补贴、许可、债券、政府采购等方面依法依规限制）。",
                                "当前处置状态：" + f.state().zh + "。"),
                        cols, List.of(row));
            }
            case "electricity-price" -> {
                boolean applies = confirm != null && (f.ditiaogang() || f.has(Dimension.TECHNOLOGY) || f.has(Dimension.ENERGY));
                if (!applies) throw new RuleViolation(Rule.RULE_DOCUMENT_NOT_APPLICABLE,
                        "electricity-price: 仅适用于已认定的能耗不达标或淘汰类产能 (energy or eliminated-class capacity only)");
                String kind = f.noRectificationPath() ? "淘汰类差别电价及惩罚性电价" : "惩罚性电价（能耗超限额）";
                return new Sheet("关于执行差别电价、惩罚性电价的通知", f.id + "-DJ", issuer(f), date(confirm.at()), dn + "供电公司",
                        List.of(name + "经认定" + (f.noRectificationPath() ? "属淘汰类产能" : "能耗达不到强制性能耗限额标准")
                                        + "。请自本通知之日起对其执行" + kind + "，并将执行情况反馈我单位。",
                                "依据：DOMAIN.md「差别电价、阶梯电价、惩罚性电价」；涪经信发〔2020〕85号。"),
                        List.of("企业名称", "统一社会信用代码", "电表", "报装容量(kVA)", "执行电价", "起始日期", "案件编号"),
                        List.of(List.of(f.enterpriseName, f.enterprise, rec.meters().stream().map(m -> m.id()).collect(Collectors.joining(" ")),
                                fmt(rec.capacityKva()), kind, date(confirm.at()), f.id)));
            }
            case "licence-revocation" -> {
                CaseEvent revoke = event(f, ActionType.REVOKE_LICENCE);
                if (revoke == null) throw new RuleViolation(Rule.RULE_DOCUMENT_NOT_APPLICABLE, "licence-revocation: 尚未撤销生产许可证 (REVOKE_LICENCE not recorded)");
                return new Sheet("撤销生产许可证决定书", f.id + "-XK", dn + "市场监管局", date(revoke.at()), f.enterpriseName,
                        List.of(name + (f.ditiaogang() ? "违法生产“地条钢”" : "经依法关停")
                                        + "，依据《工业产品生产许可证管理条例》及利用综合标准依法依规推动落后产能退出工作要求，决定撤销你单位的生产许可证。",
                                revoke.note() == null ? "" : "说明：" + revoke.note()),
                        cols, List.of(row));
            }
            default -> throw new CaseService.NotFound("无此文书类型 (no such document type): " + type + "；可用 " + TYPES);
        }
    }

    /** The issuing department: the district's name and the case's lead department, e.g. 涪陵区经济信息委. */
    public String issuer(CaseFile f) {
        return districtName(f.district) + f.lead;
    }

    public String districtName(String code) {
        District d = registry.district(code);
        return d == null ? code : d.name();
    }

    static String dims(List<Dimension> ds) {
        return ds.stream().map(d -> d.zh).collect(Collectors.joining("、"));
    }

    /** The latest event of {@code a}, or null. */
    static CaseEvent event(CaseFile f, ActionType a) {
        CaseEvent found = null;
        for (CaseEvent e : f.history()) if (e.action() == a) found = e;
        return found;
    }

    /** The name of the district's parent (the city), or the district's own when it has none. */
    public String parentName(String code) {
        District d = registry.district(code);
        return d == null || d.parent() == null ? districtName(code) : districtName(d.parent());
    }

    private String date(Instant t) {
        return t == null ? "" : t.atZone(zone).toLocalDate().toString();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Rated kW of an enterprise's equipment (induction furnaces and the rest) in a registry record. */
    static double ratedKw(EnterpriseRecord r) {
        double kw = 0;
        for (Equipment e : r.equipment()) kw += e.ratedKw();
        return kw;
    }
}
