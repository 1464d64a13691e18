package org.furnacewatch.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.furnacewatch.cases.CaseFixtures.confirmed;
import static org.furnacewatch.cases.CaseFixtures.ok;
import static org.furnacewatch.cases.CaseFixtures.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules issue 11 added to the one table, each over HTTP, each test naming the seed it implements. */
class PolicyRulesTest {
    static Api admin;
    static Api own;
    static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "政策规则区");
        own = admin.as(admin.token("district", district));
    }

    static String site() {
        return CaseFixtures.enterprise(admin, district, "OPERATING", Fixtures.newMeterId("PR"));
    }

    static final String GOV = "政策规则区人民政府";

    @Test
    void seed000_businessLicence_isRevokedOnlyAfterAFailedQualityRectification() {
        String energy = confirmed(own, site(), "ENERGY", false, "2026-03-02");
        ok(own, energy, "ORDER_RECTIFICATION", "2026-03-02T12:00:00+08:00");
        ok(own, energy, "REINSPECT_FAIL", "2026-04-02T12:00:00+08:00");
        refused(own, energy, "REVOKE_BUSINESS_LICENCE", "2026-04-02T13:00:00+08:00", null, "RULE_BUSINESS_LICENCE_AFTER_FAILED_QUALITY");

        String quality = confirmed(own, site(), "QUALITY", false, "2026-03-02");
        refused(own, quality, "REVOKE_BUSINESS_LICENCE", "2026-03-02T12:00:00+08:00", null, "RULE_BUSINESS_LICENCE_AFTER_FAILED_QUALITY");
        ok(own, quality, "ORDER_RECTIFICATION", "2026-03-02T12:00:00+08:00");
        refused(own, quality, "REVOKE_BUSINESS_LICENCE", "2026-04-01T12:00:00+08:00", null, "RULE_BUSINESS_LICENCE_AFTER_FAILED_QUALITY");
        ok(own, quality, "REINSPECT_FAIL", "2026-04-02T12:00:00+08:00");
        ok(own, quality, "REVOKE_BUSINESS_LICENCE", "2026-04-02T13:00:00+08:00", new JsonObject().put("by", "区市场监管局"));
        refused(own, quality, "REVOKE_BUSINESS_LICENCE", "2026-04-02T14:00:00+08:00", null, "RULE_ONCE");
        // seeds/000 also: products confiscated and, for crimes, transfer to judicial organs — quality, not only 地条钢
        ok(own, quality, "CONFISCATE", "2026-04-02T15:00:00+08:00");
        ok(own, quality, "TRANSFER_TO_JUDICIAL", "2026-04-02T16:00:00+08:00", new JsonObject().put("note", "涉嫌生产、销售伪劣产品罪"));
    }

    @Test
    void seed002_environmentCrimes_goToJudicialOrgans_energyOnesDoNot() {
        String env = confirmed(own, site(), "ENVIRONMENT", false, "2026-03-03");
        ok(own, env, "TRANSFER_TO_JUDICIAL", "2026-03-03T12:00:00+08:00", new JsonObject().put("note", "涉嫌污染环境罪"));
        ok(own, env, "TRANSFER_TO_POLICE", "2026-03-03T13:00:00+08:00");
        refused(own, env, "CONFISCATE", "2026-03-03T14:00:00+08:00", null, "RULE_CONFISCATION_SCOPE");
        String energy = confirmed(own, site(), "ENERGY", false, "2026-03-03");
        refused(own, energy, "TRANSFER_TO_JUDICIAL", "2026-03-03T12:00:00+08:00", null, "RULE_CRIMINAL_TRANSFER_SCOPE");
    }

    @Test
    void seed002_productionPermit_isCancelledOnlyOnceClosed() {
        String id = confirmed(own, site(), "TECHNOLOGY", false, "2026-03-04");
        refused(own, id, "CANCEL_PERMIT", "2026-03-04T12:00:00+08:00", null, "RULE_PERMIT_AFTER_CLOSURE");
        ok(own, id, "CLOSE_IMMEDIATELY", "2026-03-04T13:00:00+08:00");
        ok(own, id, "CANCEL_PERMIT", "2026-03-04T14:00:00+08:00");
        refused(own, id, "CANCEL_PERMIT", "2026-03-04T15:00:00+08:00", null, "RULE_ONCE");
    }

    @Test
    void seed002_cityLetter_isForSuspected地条钢Only_andNeedsAVerifiedSite() {
        String id = CaseFixtures.open(own, site(), "INSPECTION", "ENERGY", false, "2026-03-05T09:00:00+08:00").getString("id");
        JsonObject body = new JsonObject().put("findings", "能耗超限额").put("plan", "限期整改");
        refused(own, id, "REPORT_TO_CITY", "2026-03-05T10:00:00+08:00", body, "RULE_VERIFY_FIRST");
        ok(own, id, "VERIFY", "2026-03-05T11:00:00+08:00");
        refused(own, id, "REPORT_TO_CITY", "2026-03-05T12:00:00+08:00", body, "RULE_CITY_LETTER_DTG_ONLY");
        Api.Answer noPlan = CaseFixtures.act(own, id, "REPORT_TO_CITY", "2026-03-05T12:00:00+08:00", new JsonObject().put("findings", "x"));
        assertEquals(400, noPlan.status());
        assertEquals("plan", noPlan.json().getString("field"));
        Api.Answer doc = own.get("/api/v1/cases/" + id + "/documents/city-letter");
        assertEquals(409, doc.status(), doc.body());
        assertEquals("RULE_DOCUMENT_NOT_APPLICABLE", doc.json().getString("rule"));
    }

    @Test
    void seed000_courtEnforcement_needsAPenaltyNotCarriedOutWithinFifteenDays() {
        String id = confirmed(own, site(), "ENVIRONMENT", false, "2026-03-06");
        refused(own, id, "APPLY_COURT_ENFORCEMENT", "2026-03-06T12:00:00+08:00", null, "RULE_ENFORCEMENT_NEEDS_PENALTY");
        ok(own, id, "IMPOSE_PENALTY", "2026-03-06T13:00:00+08:00", new JsonObject().put("decision", "规环罚〔2026〕12号").put("amountYuan", 200000));
        refused(own, id, "APPLY_COURT_ENFORCEMENT", "2026-03-21T12:00:00+08:00", null, "RULE_ENFORCEMENT_NEEDS_PENALTY");
        ok(own, id, "APPLY_COURT_ENFORCEMENT", "2026-03-22T12:00:00+08:00", new JsonObject().put("note", "逾期未缴纳罚款"));
        Api.Answer bad = CaseFixtures.act(own, id, "IMPOSE_PENALTY", "2026-03-23T12:00:00+08:00", new JsonObject().put("decision", "x").put("amountYuan", "many"));
        assertEquals("amountYuan", bad.json().getString("field"));
    }

    @Test
    void seed002_landAndCreditNotices_followAMissedDeadline_asDatedDocumentsWithRecipients() {
        String e = site();
        String id = confirmed(own, e, "ENERGY", false, "2026-01-05");
        refused(own, id, "NOTIFY_LAND_RESTRICTION", "2026-01-05T12:00:00+08:00", null, "RULE_MISSED_EXIT_DEADLINE");
        ok(own, id, "ORDER_RECTIFICATION", "2026-01-05T12:00:00+08:00"); // deadline 2026-07-06 (07-05 is a Sunday)
        refused(own, id, "NOTIFY_BANK_CREDIT", "2026-07-06T12:00:00+08:00", null, "RULE_MISSED_EXIT_DEADLINE");
        ok(own, id, "NOTIFY_LAND_RESTRICTION", "2026-07-07T09:00:00+08:00",
                new JsonObject().put("relatedEnterprises", new JsonArray().add("某某关联实业有限公司")));
        ok(own, id, "NOTIFY_BANK_CREDIT", "2026-07-07T10:00:00+08:00");
        String land = own.get("/api/v1/cases/" + id + "/documents/land-restriction?format=csv").body();
        assertTrue(land.contains("规划和自然资源局") || land.contains("土地竞买"), land);
        assertTrue(land.contains("某某关联实业有限公司") && land.contains("2026-07-07") && land.contains(e), land);
        String bank = own.get("/api/v1/cases/" + id + "/documents/bank-credit").body();
        assertTrue(bank.contains("严控新增授信") && bank.contains("银行业金融机构") && bank.contains("2026-07-07"), bank);
        Api.Answer bad = CaseFixtures.act(own, id, "NOTIFY_BANK_CREDIT", "2026-07-08T10:00:00+08:00", new JsonObject().put("recipients", "某银行"));
        assertEquals("recipients", bad.json().getString("field"));
    }

    @Test
    void seed000_miningCase_skipsTheFurnaceChecklist_rigsAreRemovedThenAccepted() {
        Api.Answer a = own.post("/api/v1/cases", new JsonObject().put("enterprise", site()).put("source", "INSPECTION").put("mining", true)
                .put("at", "2026-03-09T09:00:00+08:00"));
        assertEquals(201, a.status(), a.body());
        assertTrue(a.json().getBoolean("mining"));
        String id = a.json().getString("id");
        ok(own, id, "VERIFY", "2026-03-09T10:00:00+08:00");
        ok(own, id, "CONFIRM_VIOLATION", "2026-03-09T11:00:00+08:00");
        refused(own, id, "ORDER_RECTIFICATION", "2026-03-09T12:00:00+08:00", null, "RULE_DTG_NO_RECTIFICATION");
        ok(own, id, "CLOSE_IMMEDIATELY", "2026-03-09T12:00:00+08:00");
        refused(own, id, "DISMANTLE_ITEM", "2026-03-10T12:00:00+08:00", new JsonObject().put("item", "FURNACE_BODY"), "RULE_MINING_NO_FURNACE_CHECKLIST");
        refused(own, id, "CLOSE_CASE", "2026-03-10T12:00:00+08:00", null, "RULE_ACCEPTANCE_REQUIRED");
        refused(own, id, "ACCEPT_ON_SITE", "2026-03-10T12:00:00+08:00", null, "RULE_ACCEPTANCE_AFTER_MEASURES");
        ok(own, id, "REMOVE_MINING_RIGS", "2026-03-10T13:00:00+08:00", new JsonObject().put("note", "清退矿机120台"));
        ok(own, id, "ACCEPT_ON_SITE", "2026-03-11T09:00:00+08:00");
        ok(own, id, "ANNOUNCE_DISMANTLED", "2026-03-11T10:00:00+08:00", new JsonObject().put("date", "2026-03-11").put("url", "https://www.example.gov.cn/gg/wk.html"));
        assertEquals("CLOSED", ok(own, id, "CLOSE_CASE", "2026-03-12T09:00:00+08:00").getString("state"));

        String furnace = confirmed(own, site(), "TECHNOLOGY", false, "2026-03-09");
        ok(own, furnace, "CLOSE_IMMEDIATELY", "2026-03-09T12:00:00+08:00");
        refused(own, furnace, "REMOVE_MINING_RIGS", "2026-03-09T13:00:00+08:00", null, "RULE_MINING_ONLY");
    }

    @Test
    void seed002_approval_isByAPeoplesGovernment_andOnlyAfterAFailureOrMissedDeadline() {
        String id = confirmed(own, site(), "ENVIRONMENT", false, "2026-03-10");
        refused(own, id, "GOVERNMENT_APPROVAL", "2026-03-10T12:00:00+08:00", new JsonObject().put("authority", GOV), "RULE_RECTIFICATION_FIRST");
        ok(own, id, "ORDER_RECTIFICATION", "2026-03-10T12:00:00+08:00");
        refused(own, id, "GOVERNMENT_APPROVAL", "2026-03-11T12:00:00+08:00", new JsonObject().put("authority", GOV), "RULE_DEADLINE_NOT_PASSED");
        Api.Answer none = CaseFixtures.act(own, id, "GOVERNMENT_APPROVAL", "2026-03-11T12:00:00+08:00", null);
        assertEquals("authority", none.json().getString("field"));
    }
}
