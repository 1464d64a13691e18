package org.furnacewatch.inspect;

import org.furnacewatch.cases.Sheet;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A plan as it is published (一公开): its seed, method and inputs, then one row per check with its result. */
public final class PlanSheet {
    public static final List<String> COLUMNS = List.of("序号", "统一社会信用代码", "企业名称", "抽取层", "全覆盖", "抽取键值 SHA-256",
            "执法人员", "检查期限", "检查结果", "检查日期", "立案编号");

    private PlanSheet() {}

    public static Sheet of(Plan p, String districtName, ZoneId zone) {
        Map<String, Plan.Inspector> byId = p.inspectors().stream().collect(Collectors.toMap(Plan.Inspector::id, Function.identity()));
        List<List<String>> rows = new ArrayList<>();
        for (Plan.Check c : p.checks()) {
            rows.add(List.of(String.valueOf(c.seq()), c.enterprise(), c.name(), c.stratum().zh, p.kind().fullCoverage.contains(c.stratum()) ? "是" : "否",
                    c.key(), c.inspectors().stream().map(i -> byId.containsKey(i) ? byId.get(i).name() + "（" + i + "）" : i).collect(Collectors.joining("、")),
                    c.due().toString(), resultZh(c.result()), c.resultAt() == null ? "" : c.resultAt().atZone(zone).toLocalDate().toString(),
                    c.caseId() == null ? "" : c.caseId()));
        }
        long done = p.checks().stream().filter(c -> !c.open()).count();
        long problems = p.checks().stream().filter(c -> "PROBLEM_FOUND".equals(c.result())).count();
        List<String> body = new ArrayList<>();
        body.add("依据：" + basis(p.kind()));
        body.add("抽取时间：" + p.drawnAt().atZone(zone).toLocalDateTime().withNano(0) + "；随机种子：" + p.seed() + "；候选企业 " + p.population().size()
                + " 家，抽中 " + p.checks().size() + " 家；全覆盖层：" + p.kind().fullCoverage.stream().map(s -> s.zh).collect(Collectors.joining("、"))
                + "；其余企业" + (p.count() != null ? "抽取 " + p.count() + " 家" : "按比例 " + p.rate() + " 抽取")
                + (p.industries().isEmpty() ? "" : "；行业：" + String.join("、", p.industries())) + "。");
        body.add("抽取方法：" + p.method());
        body.add("执法检查人员名录：" + p.inspectors().stream().filter(Plan.Inspector::active).map(i -> i.name() + "（" + i.id() + "）")
                .collect(Collectors.joining("、")) + "；每项检查 " + p.inspectorsPerCheck() + " 名。");
        body.add("核验：任何人可按上述方法以本计划的种子与候选名单（GET /api/v1/inspections/plans/" + p.id() + " 的 population）重新抽取，"
                + "或调用 GET /api/v1/inspections/plans/" + p.id() + "/verify。");
        body.add("检查期限：" + p.due() + "；已完成 " + done + " 项，发现问题 " + problems + " 项。");
        return new Sheet(p.title(), p.id(), districtName, p.drawnAt().atZone(zone).toLocalDate().toString(), null, body, COLUMNS, rows);
    }

    static String basis(PlanKind k) {
        return switch (k) {
            case PATROL -> "“定期对全区企业开展‘地条钢’巡查”（涪陵区 2020，seeds/002）；“严防‘地条钢’死灰复燃”（seeds/000）";
            case RANDOM -> "“将钢铁、水泥产品生产许可获证企业监督检查纳入‘双随机、一公开’抽查计划，实行100%全覆盖检查”（重庆市 2022，seeds/000）";
        };
    }

    public static String resultZh(String result) {
        if (result == null) return "待检查";
        return "PROBLEM_FOUND".equals(result) ? "发现问题" : "未发现问题";
    }
}
