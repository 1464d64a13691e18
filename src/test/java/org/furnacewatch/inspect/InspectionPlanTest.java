package org.furnacewatch.inspect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inspection planning over HTTP (issue 11): 双随机、一公开 draws that cover in full what seeds/000 says
 * (“将钢铁、水泥产品生产许可获证企业监督检查纳入‘双随机、一公开’抽查计划，实行100%全覆盖检查”), re-drawn by anyone from the
 * published seed; 地条钢 patrols (seeds/002 “定期对全区企业开展‘地条钢’巡查”) whose problem found opens an INSPECTION case.
 */
class InspectionPlanTest {
    static Api admin;
    static Api own;
    static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "抽查测试区");
        own = admin.as(admin.token("district", district));
        JsonArray inspectors = new JsonArray();
        for (String[] i : new String[][] {{"ZF001", "王强"}, {"ZF002", "李娜"}, {"ZF003", "陈刚"}, {"ZF004", "刘洋"}, {"ZF005", "赵静"}})
            inspectors.add(new JsonObject().put("id", i[0]).put("name", i[1]).put("unit", "区经济信息委执法大队"));
        Api.Answer a = own.put("/api/v1/districts/" + district + "/inspectors", new JsonObject().put("inspectors", inspectors));
        assertEquals(200, a.status(), a.body());
    }

    static String enterprise(String d, String industry, String status, boolean licensedFurnace) {
        JsonObject e = Fixtures.enterprise(d, status, 800, Fixtures.newMeterId("IN")).put("industry", industry).put("name", "企业" + industry)
                .put("effectiveFrom", "2025-01-01T00:00:00+08:00");
        if (licensedFurnace)
            e.put("equipment", new JsonArray().add(new JsonObject().put("type", "INDUCTION_FURNACE").put("ratedKw", 500).put("licensed", true)));
        return Fixtures.putEnterprise(admin, e);
    }

    static JsonObject draw(Api api, JsonObject body) {
        Api.Answer a = api.post("/api/v1/inspections/plans", body);
        assertEquals(201, a.status(), a.body());
        return a.json();
    }

    static List<String> enterprises(JsonObject plan) {
        return plan.getJsonArray("checks").stream().map(o -> ((JsonObject) o).getString("enterprise")).toList();
    }

    /** The published method, done here independently: rank by SHA-256(seed|code), take the first n. */
    static List<String> redraw(String seed, List<String> codes, int n) {
        List<String> sorted = new ArrayList<>(codes);
        sorted.sort(Comparator.comparing(c -> Draw.sha256(seed + "|" + c)));
        return sorted.subList(0, n);
    }

    @Test
    void seed000_randomChecks_coverEveryLicensedSteelAndCementWorks_andAnyoneRedrawsThemFromTheSeed() {
        Set<String> steelCement = new HashSet<>(List.of(enterprise(district, "3120", "OPERATING", false),
                enterprise(district, "3130", "OPERATING", false), enterprise(district, "3110", "RECTIFYING", false),
                enterprise(district, "3011", "OPERATING", false)));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) others.add(enterprise(district, "3311", "OPERATING", false));
        others.add(enterprise(district, "3311", "CLOSED", false));

        JsonObject body = new JsonObject().put("district", district).put("kind", "RANDOM").put("seed", "20260415").put("rate", 0.3)
                .put("title", "抽查测试区2026年第二季度“双随机、一公开”抽查计划");
        JsonObject plan = draw(own, body);
        assertEquals("20260415", plan.getString("seed"));
        assertEquals(15, plan.getInteger("populationSize"));
        assertEquals(List.of("LICENSED_STEEL_CEMENT"), plan.getJsonArray("fullCoverage").getList());
        List<String> drawn = enterprises(plan);
        assertTrue(drawn.containsAll(steelCement), "100 % of the steel and cement works (seeds/000 实行100%全覆盖检查): " + drawn);
        List<String> sampled = drawn.stream().filter(c -> !steelCement.contains(c)).toList();
        assertEquals(4, sampled.size(), "⌈0.3 × 11⌉ of the others");
        assertEquals(new HashSet<>(redraw("20260415", others, 4)), new HashSet<>(sampled), "the published method, redone independently");
        for (Object o : plan.getJsonArray("checks")) {
            JsonObject c = (JsonObject) o;
            assertEquals(Draw.sha256("20260415|" + c.getString("enterprise")), c.getString("key"));
            assertEquals(2, new HashSet<>(c.getJsonArray("inspectors").getList()).size(), "two inspectors (行政处罚法第四十二条)");
            assertNull(c.getString("result"));
        }

        // the same seed draws the same plan; another seed another sample, but the same full coverage
        JsonObject again = draw(own, body);
        assertNotEquals(plan.getString("id"), again.getString("id"));
        assertEquals(plan.getJsonArray("checks").stream().map(o -> ((JsonObject) o).copy().put("due", "")).toList().toString(),
                again.getJsonArray("checks").stream().map(o -> ((JsonObject) o).copy().put("due", "")).toList().toString());
        JsonObject other = draw(own, body.copy().put("seed", "20260416"));
        assertTrue(enterprises(other).containsAll(steelCement));
        assertEquals(new HashSet<>(redraw("20260416", others, 4)),
                new HashSet<>(enterprises(other).stream().filter(c -> !steelCement.contains(c)).toList()));

        JsonObject verify = own.get("/api/v1/inspections/plans/" + plan.getString("id") + "/verify").json();
        assertTrue(verify.getBoolean("reproduced"), verify.encode());
        assertEquals(8, verify.getInteger("checks"));

        // 一公开: the plan as CSV and as a printable page carry the seed and the method
        Api.Answer csv = own.get("/api/v1/inspections/plans/" + plan.getString("id") + "?format=csv");
        assertEquals(200, csv.status());
        assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().contains("抽取键值 SHA-256") && csv.body().contains(Draw.sha256("20260415|" + drawn.get(0))), csv.body());
        Api.Answer html = own.get("/api/v1/inspections/plans/" + plan.getString("id") + "?format=html");
        assertTrue(html.body().contains("随机种子：20260415") && html.body().contains("实行100%全覆盖检查"), html.body());
        assertEquals(400, own.get("/api/v1/inspections/plans/" + plan.getString("id") + "?format=xml").status());
    }

    @Test
    void seed002_patrol_visitsEveryRiskySite_andAProblemFoundOpensAnInspectionCase() {
        String d = TestService.newDistrictCode();
        Fixtures.district(admin, d, "巡查测试区");
        Api mine = admin.as(admin.token("district", d));
        assertEquals(200, mine.put("/api/v1/districts/" + d + "/inspectors", new JsonObject().put("inspectors", new JsonArray()
                .add(new JsonObject().put("id", "A1").put("name", "周明")).add(new JsonObject().put("id", "A2").put("name", "吴芳"))
                .add(new JsonObject().put("id", "A3").put("name", "郑伟").put("active", false)))).status());
        String closed = enterprise(d, "3311", "CLOSED", false);
        String foundry = enterprise(d, "3391", "OPERATING", true);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) others.add(enterprise(d, "3311", "OPERATING", false));

        JsonObject plan = draw(mine, new JsonObject().put("district", d).put("kind", "PATROL").put("seed", "fuling-2026-q2").put("rate", 0.5));
        List<String> drawn = enterprises(plan);
        assertTrue(drawn.contains(closed) && drawn.contains(foundry), "the closed site and the licensed furnace are always patrolled");
        assertEquals(4, drawn.size());
        assertEquals(new HashSet<>(redraw("fuling-2026-q2", others, 2)), new HashSet<>(drawn.subList(0, 4).stream()
                .filter(others::contains).toList()));
        for (Object o : plan.getJsonArray("checks"))
            assertEquals(Set.of("A1", "A2"), new HashSet<>(((JsonObject) o).getJsonArray("inspectors").getList()), "the inactive inspector is not drawn");

        String id = plan.getString("id");
        int closedSeq = seq(plan, closed);
        int foundrySeq = seq(plan, foundry);
        String base = "/api/v1/inspections/plans/" + id + "/checks/";
        Api.Answer bad = mine.post(base + closedSeq + "/result", new JsonObject().put("result", "PROBLEM_FOUND"));
        assertEquals(400, bad.status());
        assertEquals("dimension", bad.json().getString("field"));
        assertEquals("result", mine.post(base + closedSeq + "/result", new JsonObject().put("result", "MAYBE")).json().getString("field"));

        Api.Answer fine = mine.post(base + foundrySeq + "/result", new JsonObject().put("result", "NO_PROBLEM").put("note", "持证中频炉正常生产，未见违规熔炼"));
        assertEquals(200, fine.status(), fine.body());
        assertEquals("NO_PROBLEM", fine.json().getString("result"));
        assertNull(fine.json().getString("caseId"));

        Api.Answer found = mine.post(base + closedSeq + "/result", new JsonObject().put("result", "PROBLEM_FOUND").put("ditiaogang", true)
                .put("note", "已关停厂房内发现中频炉正在熔炼废钢"));
        assertEquals(200, found.status(), found.body());
        String caseId = found.json().getString("caseId");
        assertNotNull(caseId);
        JsonObject kase = mine.get("/api/v1/cases/" + caseId).json();
        assertEquals("INSPECTION", kase.getString("source"));
        assertEquals(closed, kase.getString("enterprise"));
        assertTrue(kase.encode().contains(id), "the case names the plan it came from");

        Api.Answer twice = mine.post(base + closedSeq + "/result", new JsonObject().put("result", "NO_PROBLEM"));
        assertEquals(409, twice.status(), "a result is recorded once");
        assertEquals(404, mine.post(base + "99/result", new JsonObject().put("result", "NO_PROBLEM")).status());

        JsonObject published = mine.get("/api/v1/inspections/plans/" + id).json();
        assertEquals(2, published.getLong("done"));
        assertEquals(1, published.getLong("problems"));
        assertTrue(mine.get("/api/v1/inspections/plans/" + id + "?format=csv").body().contains(caseId));
        assertTrue(mine.get("/api/v1/inspections/plans/" + id + "?format=html").body().contains("定期对全区企业开展‘地条钢’巡查"));
    }

    @Test
    void roles_districtSeesItsOwn_cityBelowIt_feedNothing_andBadInputNamesTheField() {
        enterprise(district, "3120", "OPERATING", false);
        JsonObject plan = draw(own, new JsonObject().put("district", district).put("kind", "RANDOM").put("count", 1));
        String id = plan.getString("id");
        assertEquals(12, plan.getString("seed").length(), "a seed is generated and recorded when none is given");

        String otherCode = TestService.newDistrictCode();
        Fixtures.district(admin, otherCode, "他区");
        Api other = admin.as(admin.token("district", otherCode));
        assertEquals(404, other.get("/api/v1/inspections/plans/" + id).status());
        assertEquals(404, other.get("/api/v1/inspections/plans/" + id + "/verify").status());
        assertEquals(404, other.post("/api/v1/inspections/plans/" + id + "/checks/1/result", new JsonObject().put("result", "NO_PROBLEM")).status());
        assertEquals(404, other.post("/api/v1/inspections/plans", new JsonObject().put("district", district).put("kind", "PATROL")).status());
        assertEquals(404, other.get("/api/v1/districts/" + district + "/inspectors").status());
        assertTrue(other.get("/api/v1/inspections/plans").array().isEmpty());

        Api city = admin.as(admin.token("district", "500000"));
        assertTrue(city.get("/api/v1/inspections/plans").array().stream().anyMatch(o -> id.equals(((JsonObject) o).getString("id"))));
        assertEquals(200, city.get("/api/v1/inspections/plans/" + id + "?format=html").status());

        Api feed = admin.as(admin.token("feed", null));
        assertEquals(403, feed.get("/api/v1/inspections/plans/" + id).status());
        assertEquals(403, feed.get("/api/v1/inspections/plans").status());
        Api analyst = admin.as(admin.token("analyst", null));
        assertEquals(200, analyst.get("/api/v1/inspections/plans/" + id).status());
        assertEquals(403, analyst.post("/api/v1/inspections/plans", new JsonObject().put("district", district).put("kind", "PATROL")).status());
        assertEquals(401, admin.as(null).get("/api/v1/inspections/plans").status());

        JsonObject ok = new JsonObject().put("district", district).put("kind", "RANDOM").put("rate", 0.1);
        assertEquals("kind", own.post("/api/v1/inspections/plans", ok.copy().put("kind", "SOMETIMES")).json().getString("field"));
        assertEquals("district", own.post("/api/v1/inspections/plans", ok.copy().put("district", "12")).json().getString("field"));
        assertEquals("rate", own.post("/api/v1/inspections/plans", ok.copy().put("rate", 2)).json().getString("field"));
        assertEquals("rate", own.post("/api/v1/inspections/plans", ok.copy().putNull("rate")).json().getString("field"), "双随机 needs a rate or count");
        assertEquals("seed", own.post("/api/v1/inspections/plans", ok.copy().put("seed", "有空格 的种子")).json().getString("field"));
        assertEquals("due", own.post("/api/v1/inspections/plans", ok.copy().put("due", "next week")).json().getString("field"));
        assertEquals("due", own.post("/api/v1/inspections/plans", ok.copy().put("due", "2020-01-02")).json().getString("field"));
        assertEquals("inspectorsPerCheck", own.post("/api/v1/inspections/plans", ok.copy().put("inspectorsPerCheck", 1)).json().getString("field"));
        assertEquals("industries", own.post("/api/v1/inspections/plans", ok.copy().put("industries", new JsonArray().add("steel"))).json().getString("field"));
        Api.Answer tooFew = own.post("/api/v1/inspections/plans", ok.copy().put("inspectorsPerCheck", 6).put("rate", 1.0));
        assertEquals(409, tooFew.status(), "six inspectors a check from a list of five");
        assertEquals("inspectors[0].name", own.put("/api/v1/districts/" + district + "/inspectors", new JsonObject()
                .put("inspectors", new JsonArray().add(new JsonObject().put("id", "X1")))).json().getString("field"));
    }

    static int seq(JsonObject plan, String enterprise) {
        return plan.getJsonArray("checks").stream().map(o -> (JsonObject) o).filter(c -> enterprise.equals(c.getString("enterprise")))
                .findFirst().orElseThrow().getInteger("seq");
    }
}
