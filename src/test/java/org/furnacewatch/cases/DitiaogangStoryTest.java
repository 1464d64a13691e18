package org.furnacewatch.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.furnacewatch.cases.CaseFixtures.at;
import static org.furnacewatch.cases.CaseFixtures.awaitDetection;
import static org.furnacewatch.cases.CaseFixtures.ok;
import static org.furnacewatch.cases.CaseFixtures.post;
import static org.furnacewatch.cases.CaseFixtures.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole 地条钢 story in one test: readings make a real RESURGENCE alert, the district opens a case from it,
 * verifies, confirms 地条钢, closes the site at once and seals it, the enterprise goes on the red list and is BANNED
 * in the registry from the closure's date; then new consumption at the site is a new RESURGENCE alert for the same
 * district (死灰复燃).
 */
class DitiaogangStoryTest {

    @Test
    void alert_case_closure_sealing_redList_banned_thenRekindlingIsANewAlertForTheSameDistrict() {
        Api admin = TestService.admin();
        String district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "地条钢故事区");
        Api own = admin.as(admin.token("district", district));
        String meter = Fixtures.newMeterId("DTG");
        // a site closed in the 2017 campaign, still registered CLOSED
        JsonObject site = Fixtures.enterprise(district, "CLOSED", 800, meter).put("name", "某某钢铁有限公司（已关停）")
                .put("industry", "3120").put("effectiveFrom", "2025-06-01T00:00:00+08:00")
                .put("equipment", new JsonArray().add(new JsonObject().put("type", "INDUCTION_FURNACE").put("ratedKw", 600).put("licensed", false)));
        String e = Fixtures.putEnterprise(admin, site);

        // 1. readings: two quiet days, then eight hours at 600 kW on 2026-02-03 (a closed site melting again)
        OffsetDateTime start = at("2026-02-01T00:00");
        post(admin, meter, start, 2 * 96, i -> 1.0);
        post(admin, meter, start.plusDays(2), 4 + 32, i -> i < 4 ? 1.0 : 150.0);
        post(admin, meter, start.plusDays(2).plusHours(9), 15 + 96, i -> 1.0);
        awaitDetection(admin);
        JsonArray alerts = own.get("/api/v1/alerts?enterprise=" + e + "&kind=RESURGENCE").array();
        assertEquals(1, alerts.size(), alerts.encode());
        String alertId = alerts.getJsonObject(0).getString("id");

        // 2. a case from the alert: 地条钢 suspected, technology, lead 经济信息委
        Api.Answer opened = own.post("/api/v1/cases", new JsonObject().put("enterprise", e).put("source", "ALERT").put("alertId", alertId)
                .put("dimension", "TECHNOLOGY").put("ditiaogang", true).put("at", "2026-02-04T09:00:00+08:00").put("note", "供电公司报送用电异常"));
        assertEquals(201, opened.status(), opened.body());
        String id = opened.json().getString("id");
        assertEquals("OPEN", opened.json().getString("state"));
        assertEquals("经济信息委", opened.json().getString("leadDepartment"));
        assertEquals("CASE_OPENED", own.get("/api/v1/alerts/" + alertId).json().getString("status"));
        assertEquals(409, own.post("/api/v1/cases", new JsonObject().put("enterprise", e).put("source", "ALERT").put("alertId", alertId)
                .put("dimension", "TECHNOLOGY")).status(), "one case per alert");

        // 3. verification and confirmation
        ok(own, id, "VERIFY", "2026-02-05T10:00:00+08:00", new JsonObject().put("by", "区经济信息委 张三")
                .put("note", "现场发现中频炉一台，炉内有钢水；核查情况和处置方案已报市经济信息委"));
        JsonObject c = ok(own, id, "CONFIRM_VIOLATION", "2026-02-06T09:00:00+08:00", new JsonObject().put("ditiaogang", true));
        assertEquals("CONFIRMED", c.getString("state"));
        assertTrue(c.getBoolean("ditiaogang"));
        refused(own, id, "ORDER_RECTIFICATION", "2026-02-06T09:30:00+08:00", null, "RULE_DTG_NO_RECTIFICATION");

        // 4. immediate closure: BANNED in the registry from the closure's time, on the red list
        c = ok(own, id, "CLOSE_IMMEDIATELY", "2026-02-06T10:00:00+08:00", new JsonObject().put("by", "区人民政府"));
        assertEquals("SHUTTING_DOWN", c.getString("state"));
        assertEquals("2026-05-06", c.getJsonObject("deadlines").getString("dismantle"));
        JsonObject ent = admin.get("/api/v1/enterprises/" + e).json();
        assertEquals("BANNED", ent.getString("status"));
        JsonObject banned = ent.getJsonArray("history").stream().map(o -> (JsonObject) o)
                .filter(v -> "BANNED".equals(v.getString("status"))).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-02-06T02:00:00Z"), Instant.parse(banned.getString("effectiveFrom")));

        // 5. where dismantling must wait: cut power and water, remove the power units, seal, pledge, announce
        ok(own, id, "CUT_POWER_WATER", "2026-02-06T11:00:00+08:00");
        ok(own, id, "REMOVE_POWER_UNITS", "2026-02-06T14:00:00+08:00");
        ok(own, id, "SEAL_EQUIPMENT", "2026-02-06T15:00:00+08:00", new JsonObject().put("note", "中频炉及变压器贴封条"));
        assertEquals("BANNED", admin.get("/api/v1/enterprises/" + e).json().getString("status"), "sealing keeps a 地条钢 site BANNED");
        ok(own, id, "PUBLIC_PLEDGE", "2026-02-07T09:00:00+08:00", new JsonObject().put("note", "企业法人签署不再恢复生产承诺书"));
        c = ok(own, id, "ANNOUNCE", "2026-02-08T09:00:00+08:00",
                new JsonObject().put("date", "2026-02-08").put("url", "https://www.fl.gov.cn/zwgk/tzgg/202602/t20260208_1.html"));
        JsonObject announce = c.getJsonArray("history").stream().map(o -> (JsonObject) o)
                .filter(h -> "ANNOUNCE".equals(h.getString("action"))).findFirst().orElseThrow();
        assertEquals("2026-02-08", announce.getString("date"));
        assertEquals("https://www.fl.gov.cn/zwgk/tzgg/202602/t20260208_1.html", announce.getString("url"));

        JsonArray red = own.get("/api/v1/lists/red").array();
        JsonObject entry = red.stream().map(o -> (JsonObject) o).filter(r -> id.equals(r.getString("caseId"))).findFirst().orElseThrow();
        assertEquals(e, entry.getString("enterprise"));
        assertEquals(district, entry.getString("district"));
        String csv = own.get("/api/v1/lists/red?format=csv").body();
        assertTrue(csv.contains(e) && csv.contains("某某钢铁有限公司"), csv);
        String html = own.get("/api/v1/lists/red?format=html").body();
        assertTrue(html.contains("红牌") && html.contains(e), html);

        // 6. dismantling by the deadline, item by item; licence revoked, products confiscated, police; case closed
        refused(own, id, "CLOSE_CASE", "2026-03-01T09:00:00+08:00", null, "RULE_DTG_LICENCE_AND_CONFISCATION");
        ok(own, id, "REVOKE_LICENCE", "2026-03-01T09:00:00+08:00");
        ok(own, id, "CONFISCATE", "2026-03-01T10:00:00+08:00", new JsonObject().put("note", "没收钢坯32吨及模具"));
        ok(own, id, "TRANSFER_TO_POLICE", "2026-03-02T10:00:00+08:00", new JsonObject().put("note", "涉嫌生产、销售伪劣产品罪"));
        for (String item : new String[] {"FURNACE_BODY", "TRANSFORMER", "DUST_HOOD", "OPERATING_PLATFORM"}) {
            ok(own, id, "DISMANTLE_ITEM", "2026-04-20T10:00:00+08:00", new JsonObject().put("item", item));
        }
        refused(own, id, "CLOSE_CASE", "2026-04-20T11:00:00+08:00", null, "RULE_DISMANTLING_INCOMPLETE");
        ok(own, id, "DISMANTLE_ITEM", "2026-04-21T10:00:00+08:00", new JsonObject().put("item", "RAILS"));
        ok(own, id, "REPORT_TO_CITY", "2026-04-21T11:00:00+08:00", new JsonObject().put("findings", "中频炉一台，炉内有钢水").put("plan", "立即关停，限时拆除"));
        ok(own, id, "ACCEPT_ON_SITE", "2026-04-21T15:00:00+08:00");
        ok(own, id, "ANNOUNCE_DISMANTLED", "2026-04-21T16:00:00+08:00", new JsonObject().put("date", "2026-04-21").put("url", "https://www.example.gov.cn/gg/9.html"));
        c = ok(own, id, "CLOSE_CASE", "2026-04-22T10:00:00+08:00");
        assertEquals("CLOSED", c.getString("state"));
        assertFalse(c.getBoolean("overdue"));
        JsonObject full = own.get("/api/v1/cases/" + id).json();
        assertEquals("CONFIRMED", full.getString("alertOutcome"));
        assertEquals(21, full.getJsonArray("history").size(), "every action, from 立案 to 结案");
        assertTrue(own.get("/api/v1/lists/red").array().stream().anyMatch(o -> id.equals(((JsonObject) o).getString("caseId"))),
                "a closed 地条钢 case stays on the red list");

        // 7. weeks later the site draws power again: a NEW RESURGENCE alert, routed to the same district
        OffsetDateTime later = at("2026-05-10T00:00");
        post(admin, meter, later, 96, i -> 1.0);
        post(admin, meter, later.plusDays(1), 4 + 32, i -> i < 4 ? 1.0 : 150.0);
        post(admin, meter, later.plusDays(1).plusHours(9), 15, i -> 1.0);
        awaitDetection(admin);
        JsonArray after = own.get("/api/v1/alerts?enterprise=" + e + "&kind=RESURGENCE").array();
        assertEquals(2, after.size(), after.encode());
        JsonObject rekindled = after.stream().map(o -> (JsonObject) o).filter(a -> !alertId.equals(a.getString("id"))).findFirst().orElseThrow();
        assertEquals("OPEN", rekindled.getString("status"));
        assertEquals(full.getString("district"), rekindled.getString("district"));
        assertFalse(OffsetDateTime.parse(rekindled.getString("firstTs")).isBefore(later.plusDays(1)), rekindled.encode());
    }
}
