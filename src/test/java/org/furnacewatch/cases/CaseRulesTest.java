package org.furnacewatch.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.furnacewatch.cases.CaseFixtures.act;
import static org.furnacewatch.cases.CaseFixtures.confirmed;
import static org.furnacewatch.cases.CaseFixtures.ok;
import static org.furnacewatch.cases.CaseFixtures.open;
import static org.furnacewatch.cases.CaseFixtures.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every case rule through HTTP against the real service: the allowed path and each refusal (409 naming its rule). */
class CaseRulesTest {
    static Api admin, own;
    static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "规则测试区");
        own = admin.as(admin.token("district", district));
    }

    static String site() {
        return CaseFixtures.enterprise(admin, district, "OPERATING", Fixtures.newMeterId("CR"));
    }

    static String status(String enterprise) {
        return admin.get("/api/v1/enterprises/" + enterprise).json().getString("status");
    }

    // ---- 限期整改: energy, environment, quality -------------------------------------------------------------------

    @Test
    void rectification_deadlineIsSixMonthsFromTheOrder_oneExtensionOfAtMostThreeMonths() {
        String e = site();
        String id = confirmed(own, e, "ENERGY", false, "2026-03-01");
        JsonObject c = ok(own, id, "ORDER_RECTIFICATION", "2026-03-02T10:00:00+08:00", new JsonObject().put("note", "单位产品能耗超限额"));
        assertEquals("RECTIFYING", c.getString("state"));
        assertEquals("2026-09-02", c.getJsonObject("deadlines").getString("rectification"));
        assertEquals("RECTIFYING", status(e));
        assertTrue(yellow(own).contains(id));

        refused(own, id, "REQUEST_EXTENSION", "2026-08-01T09:00:00+08:00", new JsonObject().put("months", 4), "RULE_EXTENSION_MAX_3_MONTHS");
        c = ok(own, id, "REQUEST_EXTENSION", "2026-08-01T09:00:00+08:00", new JsonObject().put("months", 3).put("note", "设备到货延迟"));
        assertEquals("2026-12-02", c.getJsonObject("deadlines").getString("rectification"));
        assertTrue(c.getJsonObject("deadlines").getBoolean("extensionUsed"));
        refused(own, id, "REQUEST_EXTENSION", "2026-08-02T09:00:00+08:00", new JsonObject().put("months", 1), "RULE_EXTENSION_ONCE");

        c = ok(own, id, "REINSPECT_PASS", "2026-11-01T09:00:00+08:00");
        assertEquals("RECTIFIED", c.getString("state"));
        assertEquals("OPERATING", status(e));
        assertFalse(yellow(own).contains(id));
        assertEquals("CLOSED", ok(own, id, "CLOSE_CASE", "2026-11-02T09:00:00+08:00").getString("state"));
    }

    @Test
    void deadlines_areComputed_neverTyped_andMoveOffHolidays() {
        String id = confirmed(own, site(), "QUALITY", false, "2026-03-30");
        Api.Answer typed = act(own, id, "ORDER_RECTIFICATION", "2026-04-01T10:00:00+08:00", new JsonObject().put("deadline", "2027-12-31"));
        assertEquals(400, typed.status(), typed.body());
        assertEquals("deadline", typed.json().getString("field"));
        // 2026-04-01 + 6 months = 2026-10-01, National Day (10-01..10-07): the next working day is 10-08
        JsonObject c = ok(own, id, "ORDER_RECTIFICATION", "2026-04-01T10:00:00+08:00");
        assertEquals("2026-10-08", c.getJsonObject("deadlines").getString("rectification"));
    }

    @Test
    void extension_afterTheDeadline_isRefused() {
        String id = confirmed(own, site(), "ENVIRONMENT", false, "2026-01-05");
        ok(own, id, "ORDER_RECTIFICATION", "2026-01-06T10:00:00+08:00");
        refused(own, id, "REQUEST_EXTENSION", "2026-08-01T10:00:00+08:00", new JsonObject().put("months", 2), "RULE_EXTENSION_BEFORE_DEADLINE");
    }

    @Test
    void missedDeadline_isOverdueForDistrictAndCity_andLeadsToShutdownNotAPass() {
        String e = site();
        String id = confirmed(own, e, "ENERGY", false, "2026-03-02");
        ok(own, id, "ORDER_RECTIFICATION", "2026-03-02T15:00:00+08:00"); // deadline 2026-09-02, long past
        JsonObject c = own.get("/api/v1/cases/" + id).json();
        assertTrue(c.getBoolean("overdue"), c.encode());
        assertTrue(ids(own.get("/api/v1/cases?overdue=true").array()).contains(id));
        assertFalse(ids(own.get("/api/v1/cases?overdue=false").array()).contains(id));
        // the city (市) office: a district token for the parent code sees its districts' overdue cases
        assertEquals(200, admin.put("/api/v1/districts/500000", new JsonObject().put("name", "重庆市").put("receivers", new JsonArray())).status());
        Api city = admin.as(admin.token("district", "500000"));
        JsonArray cityOverdue = city.get("/api/v1/cases?overdue=true").array();
        assertTrue(ids(cityOverdue).contains(id), cityOverdue.encode());
        assertTrue(ids(admin.get("/api/v1/cases?overdue=true&city=500000").array()).contains(id));

        refused(own, id, "REINSPECT_PASS", "2026-10-01T09:00:00+08:00", null, "RULE_DEADLINE_MISSED");
        // seeds/002-004 “报经有批准权的人民政府批准，责令停业、关闭”: a department alone cannot close it
        refused(own, id, "ORDER_SHUTDOWN", "2026-10-02T08:00:00+08:00", null, "RULE_CLOSURE_NEEDS_APPROVAL");
        refused(own, id, "GOVERNMENT_APPROVAL", "2026-10-02T08:10:00+08:00", new JsonObject().put("authority", "区经济信息委"), "RULE_CLOSURE_NEEDS_APPROVAL");
        ok(own, id, "GOVERNMENT_APPROVAL", "2026-10-02T08:30:00+08:00", new JsonObject().put("authority", "规则测试区人民政府"));
        c = ok(own, id, "ORDER_SHUTDOWN", "2026-10-02T09:00:00+08:00");
        assertEquals("SHUTTING_DOWN", c.getString("state"));
        assertEquals("CLOSED", status(e));
        assertTrue(red(own).contains(id));
        assertFalse(yellow(own).contains(id));
    }

    @Test
    void shutdown_beforeTheDeadline_isRefused_butFollowsAFailedReinspection() {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(3).toString();
        String e = site();
        String id = confirmed(own, e, "ENERGY", false, today);
        refused(own, id, "ORDER_SHUTDOWN", today + "T12:00:00+08:00", null, "RULE_RECTIFICATION_FIRST");
        refused(own, id, "CLOSE_IMMEDIATELY", today + "T12:00:00+08:00", null, "RULE_CLOSE_IMMEDIATELY_SCOPE");
        refused(own, id, "STOP_PRODUCTION", today + "T12:00:00+08:00", null, "RULE_SAFETY_STOP_PRODUCTION");
        ok(own, id, "ORDER_RECTIFICATION", today + "T12:00:00+08:00");
        assertFalse(own.get("/api/v1/cases/" + id).json().getBoolean("overdue"));
        refused(own, id, "ORDER_SHUTDOWN", today + "T13:00:00+08:00", null, "RULE_DEADLINE_NOT_PASSED");
        ok(own, id, "REINSPECT_FAIL", today + "T14:00:00+08:00");
        ok(own, id, "GOVERNMENT_APPROVAL", today + "T14:30:00+08:00", new JsonObject().put("authority", "规则测试区人民政府"));
        assertEquals("SHUTTING_DOWN", ok(own, id, "ORDER_SHUTDOWN", today + "T15:00:00+08:00").getString("state"));
        // an energy shutdown closes once the equipment is sealed with every interim measure (or dismantled)
        ok(own, id, "CUT_POWER_WATER", today + "T16:00:00+08:00");
        refused(own, id, "CLOSE_CASE", today + "T16:10:00+08:00", null, "RULE_SEALING_INCOMPLETE");
        ok(own, id, "REMOVE_POWER_UNITS", today + "T16:20:00+08:00");
        ok(own, id, "SEAL_EQUIPMENT", today + "T16:30:00+08:00");
        assertEquals("SEALED", status(e));
        ok(own, id, "PUBLIC_PLEDGE", today + "T16:40:00+08:00");
        ok(own, id, "ANNOUNCE", today + "T16:50:00+08:00", new JsonObject().put("date", today).put("url", "https://www.example.gov.cn/gg/1.html"));
        refused(own, id, "CLOSE_CASE", today + "T16:55:00+08:00", null, "RULE_ACCEPTANCE_REQUIRED");
        ok(own, id, "ACCEPT_ON_SITE", today + "T16:58:00+08:00");
        assertEquals("CLOSED", ok(own, id, "CLOSE_CASE", today + "T17:00:00+08:00").getString("state"));
    }

    // ---- 安全: stop production at once ------------------------------------------------------------------------------

    @Test
    void safety_stopsProductionAtOnce_andStillUnsafeMeansClosureAndLicenceRevocation() {
        String e = site();
        String id = confirmed(own, e, "SAFETY", false, "2026-05-11");
        refused(own, id, "ORDER_RECTIFICATION", "2026-05-11T12:00:00+08:00", null, "RULE_RECTIFICATION_SCOPE");
        JsonObject c = ok(own, id, "STOP_PRODUCTION", "2026-05-11T12:00:00+08:00");
        assertEquals("PRODUCTION_STOPPED", c.getString("state"));
        assertEquals("SUSPENDED", status(e));
        assertTrue(yellow(own).contains(id));
        assertEquals("2026-08-11", c.getJsonObject("deadlines").getString("rectification"), "停产整顿 has a deadline (3 months)");
        refused(own, id, "ORDER_SHUTDOWN", "2026-05-12T12:00:00+08:00", null, "RULE_DEADLINE_NOT_PASSED");
        ok(own, id, "REINSPECT_FAIL", "2026-06-11T12:00:00+08:00");
        // still unsafe: closed by the local people's government (seeds/000, 004 “依法予以关闭”)
        refused(own, id, "ORDER_SHUTDOWN", "2026-06-12T11:00:00+08:00", null, "RULE_SAFETY_CLOSURE_BY_GOVERNMENT");
        refused(own, id, "GOVERNMENT_APPROVAL", "2026-06-12T11:10:00+08:00", new JsonObject().put("authority", "区应急管理局"), "RULE_SAFETY_CLOSURE_BY_GOVERNMENT");
        ok(own, id, "GOVERNMENT_APPROVAL", "2026-06-12T11:30:00+08:00", new JsonObject().put("authority", "规则测试区人民政府"));
        ok(own, id, "ORDER_SHUTDOWN", "2026-06-12T12:00:00+08:00");
        assertEquals("CLOSED", status(e));
        for (String item : new String[] {"FURNACE_BODY", "TRANSFORMER", "DUST_HOOD", "OPERATING_PLATFORM", "RAILS"}) {
            ok(own, id, "DISMANTLE_ITEM", "2026-06-20T12:00:00+08:00", new JsonObject().put("item", item));
        }
        refused(own, id, "CLOSE_CASE", "2026-06-21T12:00:00+08:00", null, "RULE_SAFETY_LICENCE_REVOKED");
        ok(own, id, "REVOKE_LICENCE", "2026-06-21T12:00:00+08:00");
        ok(own, id, "ACCEPT_ON_SITE", "2026-06-21T13:00:00+08:00");
        refused(own, id, "CLOSE_CASE", "2026-06-21T14:00:00+08:00", null, "RULE_DISMANTLING_ANNOUNCEMENT_REQUIRED");
        ok(own, id, "ANNOUNCE_DISMANTLED", "2026-06-21T15:00:00+08:00", new JsonObject().put("date", "2026-06-21").put("url", "https://www.example.gov.cn/gg/2.html"));
        assertEquals("CLOSED", ok(own, id, "CLOSE_CASE", "2026-06-22T12:00:00+08:00").getString("state"));
        assertTrue(own.get("/api/v1/cases/" + id + "/documents/licence-revocation").body().contains("撤销生产许可证决定书"));
    }

    @Test
    void safety_passedReinspection_resumesProduction() {
        String e = site();
        String id = confirmed(own, e, "SAFETY", false, "2026-05-18");
        ok(own, id, "STOP_PRODUCTION", "2026-05-18T12:00:00+08:00");
        assertEquals("RECTIFIED", ok(own, id, "REINSPECT_PASS", "2026-06-18T12:00:00+08:00").getString("state"));
        assertEquals("OPERATING", status(e));
    }

    // ---- 举报: every tip-off is checked ----------------------------------------------------------------------------

    @Test
    void tipOff_cannotEndWithoutVerification() {
        String id = open(own, site(), "TIP_OFF", "TECHNOLOGY", false, "2026-04-08T09:00:00+08:00").getString("id");
        refused(own, id, "DISMISS", "2026-04-08T10:00:00+08:00", null, "RULE_TIPOFF_MUST_BE_VERIFIED");
        refused(own, id, "CLOSE_CASE", "2026-04-08T10:00:00+08:00", null, "RULE_TIPOFF_MUST_BE_VERIFIED");
        refused(own, id, "CONFIRM_VIOLATION", "2026-04-08T10:00:00+08:00", null, "RULE_VERIFY_FIRST");
        ok(own, id, "VERIFY", "2026-04-09T10:00:00+08:00", new JsonObject().put("note", "现场无中频炉，举报不实"));
        JsonObject c = ok(own, id, "DISMISS", "2026-04-09T11:00:00+08:00");
        assertEquals("DISMISSED", c.getString("state"));
        refused(own, id, "VERIFY", "2026-04-10T10:00:00+08:00", null, "RULE_CASE_FINAL");
    }

    @Test
    void inspectionCase_mayBeDismissedOnReview_withoutASiteVisit() {
        String id = open(own, site(), "INSPECTION", "ENVIRONMENT", false, "2026-04-08T09:00:00+08:00").getString("id");
        assertEquals("DISMISSED", ok(own, id, "DISMISS", "2026-04-08T10:00:00+08:00").getString("state"));
    }

    // ---- 地条钢 / 淘汰类设备 ----------------------------------------------------------------------------------------

    @Test
    void ditiaogang_hasNoRectificationPath_andClosesOnlyWhenEveryItemIsDismantled() {
        String e = site();
        String id = confirmed(own, e, "TECHNOLOGY", true, "2026-06-01");
        String msg = refused(own, id, "ORDER_RECTIFICATION", "2026-06-01T12:00:00+08:00", null, "RULE_DTG_NO_RECTIFICATION");
        assertTrue(msg.contains("地条钢"), msg);
        refused(own, id, "STOP_PRODUCTION", "2026-06-01T12:00:00+08:00", null, "RULE_DTG_NO_RECTIFICATION");
        JsonObject c = ok(own, id, "CLOSE_IMMEDIATELY", "2026-06-01T13:00:00+08:00");
        assertEquals("SHUTTING_DOWN", c.getString("state"));
        assertEquals("2026-09-01", c.getJsonObject("deadlines").getString("dismantle"), "3 months (the district's 限时拆除 period)");
        assertEquals("BANNED", status(e));
        refused(own, id, "ORDER_RECTIFICATION", "2026-06-01T14:00:00+08:00", null, "RULE_DTG_NO_RECTIFICATION");
        refused(own, id, "REQUEST_EXTENSION", "2026-06-01T14:00:00+08:00", new JsonObject().put("months", 1), "RULE_DTG_NO_RECTIFICATION");
        String[] items = {"FURNACE_BODY", "TRANSFORMER", "DUST_HOOD", "OPERATING_PLATFORM"};
        for (String item : items) ok(own, id, "DISMANTLE_ITEM", "2026-06-10T12:00:00+08:00", new JsonObject().put("item", item));
        refused(own, id, "DISMANTLE_ITEM", "2026-06-10T12:00:00+08:00", new JsonObject().put("item", "DUST_HOOD"), "RULE_DISMANTLE_ITEM_ONCE");
        refused(own, id, "CLOSE_CASE", "2026-06-11T12:00:00+08:00", null, "RULE_DTG_LICENCE_AND_CONFISCATION");
        ok(own, id, "REVOKE_LICENCE", "2026-06-11T12:00:00+08:00");
        ok(own, id, "CONFISCATE", "2026-06-11T12:00:00+08:00");
        String incomplete = refused(own, id, "CLOSE_CASE", "2026-06-12T12:00:00+08:00", null, "RULE_DISMANTLING_INCOMPLETE");
        assertTrue(incomplete.contains("五拆除"), incomplete);
        c = own.get("/api/v1/cases/" + id).json();
        assertEquals(new JsonArray().add("RAILS"), c.getJsonArray("dismantlingPending"));
        ok(own, id, "DISMANTLE_ITEM", "2026-06-12T12:00:00+08:00", new JsonObject().put("item", "RAILS").put("notPresent", true));
        refused(own, id, "CLOSE_CASE", "2026-06-12T12:10:00+08:00", null, "RULE_DTG_REPORT_TO_CITY");
        ok(own, id, "REPORT_TO_CITY", "2026-06-12T12:20:00+08:00", new JsonObject().put("findings", "中频炉一台").put("plan", "立即关停拆除"));
        refused(own, id, "CLOSE_CASE", "2026-06-12T12:30:00+08:00", null, "RULE_ACCEPTANCE_REQUIRED");
        refused(own, id, "ANNOUNCE_DISMANTLED", "2026-06-12T12:35:00+08:00", new JsonObject().put("date", "2026-06-12").put("url", "https://www.example.gov.cn/gg/3.html"), "RULE_ANNOUNCE_AFTER_ACCEPTANCE");
        ok(own, id, "ACCEPT_ON_SITE", "2026-06-12T12:40:00+08:00");
        ok(own, id, "ANNOUNCE_DISMANTLED", "2026-06-12T12:50:00+08:00", new JsonObject().put("date", "2026-06-12").put("url", "https://www.example.gov.cn/gg/3.html"));
        assertEquals("CLOSED", ok(own, id, "CLOSE_CASE", "2026-06-12T13:00:00+08:00").getString("state"));
        assertEquals("BANNED", status(e));
    }

    @Test
    void eliminatedEquipment_closesAtOnce_butConfiscationAndPoliceAreFor地条钢QualityAndEnvironment() {
        String e = site();
        String id = confirmed(own, e, "TECHNOLOGY", false, "2026-06-02");
        refused(own, id, "ORDER_RECTIFICATION", "2026-06-02T12:00:00+08:00", null, "RULE_DTG_NO_RECTIFICATION");
        refused(own, id, "TRANSFER_TO_POLICE", "2026-06-02T12:00:00+08:00", null, "RULE_CRIMINAL_TRANSFER_SCOPE");
        ok(own, id, "CLOSE_IMMEDIATELY", "2026-06-02T13:00:00+08:00");
        assertEquals("CLOSED", status(e));
        refused(own, id, "CONFISCATE", "2026-06-02T14:00:00+08:00", null, "RULE_CONFISCATION_SCOPE");
        ok(own, id, "SEAL_EQUIPMENT", "2026-06-02T15:00:00+08:00");
        assertEquals("SEALED", status(e));
        refused(own, id, "SEAL_EQUIPMENT", "2026-06-02T16:00:00+08:00", null, "RULE_ONCE");
    }

    // ---- general rules ---------------------------------------------------------------------------------------------

    @Test
    void time_runsForwardWithinACase_andNeverPastNow() {
        String id = open(own, site(), "INSPECTION", "ENERGY", false, "2026-07-01T09:00:00+08:00").getString("id");
        refused(own, id, "VERIFY", "2026-06-30T09:00:00+08:00", null, "RULE_ACTION_ORDER");
        String future = ZonedDateTime.now(ZoneId.of("Asia/Shanghai")).plusDays(2).toOffsetDateTime().toString();
        refused(own, id, "VERIFY", future, null, "RULE_ACTION_IN_FUTURE");
        refused(own, id, "REQUEST_EXTENSION", "2026-07-02T09:00:00+08:00", new JsonObject().put("months", 1), "RULE_SEQUENCE");
        Api.Answer bad = act(own, id, "NO_SUCH_ACTION", "2026-07-02T09:00:00+08:00", null);
        assertEquals(400, bad.status());
        Api.Answer missing = act(own, id, "ANNOUNCE", "2026-07-02T09:00:00+08:00", new JsonObject().put("date", "2026-07-02"));
        assertEquals(400, missing.status());
        assertEquals("url", missing.json().getString("field"));
    }

    @Test
    void departments_defaultFromDomainTable_andAreConfigurablePerDistrict() {
        String other = TestService.newDistrictCode();
        Fixtures.district(admin, other, "部门配置区");
        Api api = admin.as(admin.token("district", other));
        String e1 = CaseFixtures.enterprise(admin, other, "OPERATING", Fixtures.newMeterId("DP"));
        JsonObject tech = open(api, e1, "INSPECTION", "TECHNOLOGY", false, "2026-07-03T09:00:00+08:00");
        assertEquals("经济信息委", tech.getString("leadDepartment"));
        assertEquals(new JsonArray().add("发展改革委").add("能源局"), tech.getJsonArray("cooperatingDepartments"));
        Api.Answer multi = api.post("/api/v1/cases", new JsonObject().put("enterprise", e1).put("source", "INSPECTION")
                .put("dimensions", new JsonArray().add("ENERGY").add("SAFETY")).put("at", "2026-07-03T09:00:00+08:00"));
        assertEquals(201, multi.status(), multi.body());
        assertEquals("经济信息委", multi.json().getString("leadDepartment"));
        assertEquals(new JsonArray().add("发展改革委").add("应急管理局"), multi.json().getJsonArray("cooperatingDepartments"));

        Api.Answer put = api.put("/api/v1/districts/" + other + "/case-departments", new JsonObject()
                .put("departments", new JsonObject().put("ENVIRONMENT", new JsonObject().put("lead", "生态环境分局").put("cooperating", new JsonArray().add("水利局"))))
                .put("dismantleMonths", 2));
        assertEquals(200, put.status(), put.body());
        assertEquals(2, put.json().getInteger("dismantleMonths"));
        assertEquals(404, own.put("/api/v1/districts/" + other + "/case-departments", new JsonObject()).status());
        JsonObject env = open(api, e1, "INSPECTION", "ENVIRONMENT", false, "2026-07-03T09:00:00+08:00");
        assertEquals("生态环境分局", env.getString("leadDepartment"));
        assertEquals(new JsonArray().add("水利局"), env.getJsonArray("cooperatingDepartments"));
        String id = confirmed(api, e1, "TECHNOLOGY", false, "2026-07-06");
        assertEquals("2026-09-07", ok(api, id, "CLOSE_IMMEDIATELY", "2026-07-06T12:00:00+08:00").getJsonObject("deadlines").getString("dismantle"),
                "2 months from 2026-07-06 is Sunday 09-06: the next working day");
    }

    static java.util.List<String> ids(JsonArray a) {
        return a.stream().map(o -> ((JsonObject) o).getString(o instanceof JsonObject j && j.containsKey("caseId") ? "caseId" : "id")).toList();
    }

    static java.util.List<String> yellow(Api api) {
        return ids(api.get("/api/v1/lists/yellow").array());
    }

    static java.util.List<String> red(Api api) {
        return ids(api.get("/api/v1/lists/red").array());
    }

}
