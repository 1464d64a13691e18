package org.furnacewatch.cases;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import static org.furnacewatch.cases.CaseFixtures.ok;
import static org.furnacewatch.cases.CaseFixtures.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 有举报必查 (seeds/000, 001) for the workshops tip-offs are mostly about: an anonymous call to the national 地条钢 hotline
 * names an address where no enterprise is registered. The district verifies on site, registers the site as an
 * enterprise, confirms 地条钢, sends the 函 with findings and draft plan to the city 经济信息委 (seeds/002), closes it at
 * once, dismantles item by item, accepts on site (seeds/003 验收), announces on the district website (seeds/002
 * “拆除完毕后，在区政府网站公告”) and only then ends the case.
 */
class TipOffStoryTest {

    @Test
    void anonymousHotlineTip_aboutAnUnregisteredAddress_isVerifiedRegisteredClosedDismantledAcceptedAndAnnounced() {
        Api admin = TestService.admin();
        assertEquals(200, admin.put("/api/v1/districts/500000", new JsonObject().put("name", "重庆市").put("receivers", new JsonArray())).status());
        String district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "举报故事区");
        Api own = admin.as(admin.token("district", district));
        Api city = admin.as(admin.token("district", "500000"));
        String address = "举报故事区某某镇工业园旧仓库3号";

        // 1. the tip: no enterprise, an address; channel and an anonymous reporter; a verification deadline in working days
        Api.Answer opened = own.post("/api/v1/cases", new JsonObject().put("source", "TIP_OFF").put("channel", "NATIONAL_DTG_HOTLINE")
                .put("site", new JsonObject().put("address", address).put("district", district))
                .put("reporter", new JsonObject().put("anonymous", true)).put("ditiaogang", true)
                .put("at", "2026-09-30T16:00:00+08:00").put("note", "夜间有中频炉轰鸣，疑似生产地条钢"));
        assertEquals(201, opened.status(), opened.body());
        JsonObject c = opened.json();
        String id = c.getString("id");
        assertNull(c.getString("enterprise"));
        assertEquals(address, c.getJsonObject("site").getString("address"));
        assertEquals("NATIONAL_DTG_HOTLINE", c.getString("channel"));
        assertEquals("经济信息委", c.getString("leadDepartment"), "routed to the lead department of its dimension (技术)");
        // 5 working days from 09-30, across National Day (10-01..10-07; 10-10 a make-up working day): 10-08, 09, 10, 12, 13
        assertEquals("2026-10-13", c.getJsonObject("deadlines").getString("verification"));
        assertEquals("VERIFICATION", c.getJsonObject("deadlines").getString("currentKind"));
        assertEquals(new JsonObject().put("anonymous", true).put("contact", new JsonObject()),
                own.get("/api/v1/cases/" + id).json().getJsonObject("reporter"), "the handling district sees the reporter record");
        assertFalse(city.get("/api/v1/cases/" + id).json().containsKey("reporter"), "the city does not");

        // 2. on-site verification; nothing is confirmed against an address
        refused(own, id, "REGISTER_ENTERPRISE", "2026-10-08T09:00:00+08:00", new JsonObject().put("enterprise", Fixtures.newCreditCode()), "RULE_VERIFY_FIRST");
        ok(own, id, "VERIFY", "2026-10-09T10:00:00+08:00", new JsonObject().put("note", "现场发现中频炉两台、钢坯若干，无营业执照"));
        refused(own, id, "CONFIRM_VIOLATION", "2026-10-09T11:00:00+08:00", new JsonObject().put("ditiaogang", true), "RULE_SITE_NOT_REGISTERED");
        Api.Answer missing = CaseFixtures.act(own, id, "REGISTER_ENTERPRISE", "2026-10-09T11:00:00+08:00",
                new JsonObject().put("enterprise", Fixtures.newCreditCode()));
        assertEquals(400, missing.status(), missing.body());
        assertEquals("record", missing.json().getString("field"));

        // 3. the site becomes a registered enterprise (in the case's district)
        String code = Fixtures.newCreditCode();
        c = ok(own, id, "REGISTER_ENTERPRISE", "2026-10-09T11:30:00+08:00", new JsonObject().put("enterprise", code)
                .put("record", new JsonObject().put("name", "某某金属制品厂（无证）").put("industry", "3120").put("capacityKva", 1250)
                        .put("equipment", new JsonArray().add(new JsonObject().put("type", "INDUCTION_FURNACE").put("ratedKw", 750).put("licensed", false)))));
        assertEquals(code, c.getString("enterprise"));
        assertEquals("某某金属制品厂（无证）", c.getString("enterpriseName"));
        JsonObject ent = admin.get("/api/v1/enterprises/" + code).json();
        assertEquals(district, ent.getString("district"));
        refused(own, id, "REGISTER_ENTERPRISE", "2026-10-09T11:40:00+08:00", new JsonObject().put("enterprise", code), "RULE_ALREADY_REGISTERED");

        // 4. 地条钢 confirmed; the 函 to the city 经济信息委 with findings and draft plan
        ok(own, id, "CONFIRM_VIOLATION", "2026-10-09T14:00:00+08:00", new JsonObject().put("ditiaogang", true));
        c = ok(own, id, "REPORT_TO_CITY", "2026-10-09T15:00:00+08:00", new JsonObject()
                .put("findings", "中频炉两台（750kW），现场钢坯约20吨，无生产许可").put("plan", "立即关停取缔，断电，限时拆除，没收产品，移送公安"));
        String letter = own.get("/api/v1/cases/" + id + "/documents/city-letter").body();
        assertTrue(letter.contains("函告市经济信息委") || letter.contains("排查情况及初步处置方案的函"), letter);
        assertTrue(letter.contains("重庆市经济信息委") && letter.contains("2026-10-09") && letter.contains("中频炉两台"), letter);
        assertTrue(letter.contains("全国打击“地条钢”举报电话"), letter);

        // 5. closure at once: BANNED, red list; measures
        c = ok(own, id, "CLOSE_IMMEDIATELY", "2026-10-10T09:00:00+08:00", new JsonObject().put("by", "举报故事区人民政府"));
        assertEquals("SHUTTING_DOWN", c.getString("state"));
        assertEquals("BANNED", admin.get("/api/v1/enterprises/" + code).json().getString("status"));
        ok(own, id, "REVOKE_LICENCE", "2026-10-10T10:00:00+08:00");
        ok(own, id, "CONFISCATE", "2026-10-10T11:00:00+08:00");
        ok(own, id, "TRANSFER_TO_POLICE", "2026-10-10T12:00:00+08:00");

        // 6. dismantling, then on-site acceptance, then the website announcement; only then the case ends
        ok(own, id, "DISMANTLE_ITEM", "2026-10-20T09:00:00+08:00", new JsonObject().put("item", "FURNACE_BODY"));
        refused(own, id, "ACCEPT_ON_SITE", "2026-10-20T10:00:00+08:00", null, "RULE_ACCEPTANCE_AFTER_MEASURES");
        for (String item : new String[] {"TRANSFORMER", "DUST_HOOD", "OPERATING_PLATFORM", "RAILS"}) {
            ok(own, id, "DISMANTLE_ITEM", "2026-10-21T09:00:00+08:00", new JsonObject().put("item", item));
        }
        refused(own, id, "CLOSE_CASE", "2026-10-21T10:00:00+08:00", null, "RULE_ACCEPTANCE_REQUIRED");
        ok(own, id, "ACCEPT_ON_SITE", "2026-10-22T09:00:00+08:00", new JsonObject().put("by", "区经济信息委、区市场监管局联合验收"));
        refused(own, id, "CLOSE_CASE", "2026-10-22T10:00:00+08:00", null, "RULE_DISMANTLING_ANNOUNCEMENT_REQUIRED");
        ok(own, id, "ANNOUNCE_DISMANTLED", "2026-10-23T09:00:00+08:00", new JsonObject().put("date", "2026-10-23")
                .put("url", "https://www.example.gov.cn/zwgk/gg/2026-1023.html"));
        c = ok(own, id, "CLOSE_CASE", "2026-10-23T10:00:00+08:00");
        assertEquals("CLOSED", c.getString("state"));
        JsonArray history = own.get("/api/v1/cases/" + id).json().getJsonArray("history");
        assertEquals(java.util.List.of("OPEN_CASE", "VERIFY", "REGISTER_ENTERPRISE", "CONFIRM_VIOLATION", "REPORT_TO_CITY", "CLOSE_IMMEDIATELY",
                "REVOKE_LICENCE", "CONFISCATE", "TRANSFER_TO_POLICE", "DISMANTLE_ITEM", "DISMANTLE_ITEM", "DISMANTLE_ITEM", "DISMANTLE_ITEM",
                "DISMANTLE_ITEM", "ACCEPT_ON_SITE", "ANNOUNCE_DISMANTLED", "CLOSE_CASE"),
                history.stream().map(o -> ((JsonObject) o).getString("action")).toList());
        assertTrue(own.get("/api/v1/lists/red").array().stream().anyMatch(o -> id.equals(((JsonObject) o).getString("caseId"))));
    }

    @Test
    void siteTipOff_badInput_is400NamingTheField() {
        Api admin = TestService.admin();
        String district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "举报输入区");
        Api own = admin.as(admin.token("district", district));
        JsonObject base = new JsonObject().put("source", "TIP_OFF").put("dimension", "ENVIRONMENT").put("at", "2026-03-02T09:00:00+08:00");
        assertField(own, base.copy(), "enterprise");
        assertField(own, base.copy().put("site", new JsonObject().put("district", district)), "site.address");
        assertField(own, base.copy().put("site", new JsonObject().put("address", "某地").put("district", "5001")), "site.district");
        assertField(own, base.copy().put("site", new JsonObject().put("address", "某地").put("district", district)).put("channel", "FAX"), "channel");
        assertField(own, base.copy().put("site", new JsonObject().put("address", "某地").put("district", district)).put("reporter", "张三"), "reporter");
        assertField(own, base.copy().put("source", "INSPECTION").put("site", new JsonObject().put("address", "某地").put("district", district))
                .put("channel", "LETTER"), "channel");
        // another district's address is not the caller's: 404, never data
        String other = TestService.newDistrictCode();
        Fixtures.district(admin, other, "别的区");
        Api.Answer a = own.post("/api/v1/cases", base.copy().put("site", new JsonObject().put("address", "某地").put("district", other)));
        assertEquals(404, a.status(), a.body());
        // the reporter's contact is kept and shown to the handling district only
        Api.Answer named = own.post("/api/v1/cases", base.copy().put("channel", "HOTLINE_12345")
                .put("site", new JsonObject().put("address", "某镇河边厂房").put("district", district))
                .put("reporter", new JsonObject().put("name", "李四").put("phone", "13800000000")));
        assertEquals(201, named.status(), named.body());
        assertFalse(named.body().contains("13800000000"), "not in the case or its history");
        String id = named.json().getString("id");
        assertEquals("13800000000", own.get("/api/v1/cases/" + id).json().getJsonObject("reporter").getJsonObject("contact").getString("phone"));
        assertFalse(admin.get("/api/v1/cases/" + id).body().contains("13800000000"), "not even admins");
        assertEquals("生态环境局", named.json().getString("leadDepartment"), "routed to the environment lead department");
    }

    private static void assertField(Api api, JsonObject body, String field) {
        Api.Answer a = api.post("/api/v1/cases", body);
        assertEquals(400, a.status(), body.encode() + " -> " + a.body());
        assertEquals(field, a.json().getString("field"), a.body());
    }
}
