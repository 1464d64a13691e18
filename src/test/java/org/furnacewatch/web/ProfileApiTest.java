package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection profiles by API: read, change (PUT and merge-patch PATCH), version history, validation, roles. */
class ProfileApiTest {
    static Api admin, analyst, district, feed;
    static String code;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        code = TestService.newDistrictCode();
        Fixtures.district(admin, code, "配置测试区");
        analyst = admin.as(admin.token("analyst", null));
        district = admin.as(admin.token("district", code));
        feed = admin.as(admin.token("feed", null));
    }

    @Test
    void currentDocument_isReadable_andVersionOneIsTheShippedProfile() {
        Api.Answer a = analyst.get("/api/v1/detection/profiles");
        assertEquals(200, a.status(), a.body());
        JsonObject o = a.json();
        assertTrue(o.getInteger("version") >= 1);
        assertNotNull(o.getString("changedBy"));
        assertNotNull(o.getString("changedAt"));
        JsonObject doc = o.getJsonObject("document");
        assertEquals(o.getInteger("version"), doc.getInteger("version"));
        assertTrue(doc.getJsonObject("default").getJsonObject("resurgence").containsKey("enabled"));
        assertTrue(doc.getJsonObject("industries").containsKey("3391"));

        JsonArray versions = analyst.get("/api/v1/detection/profiles/versions").array();
        JsonObject first = versions.getJsonObject(versions.size() - 1);
        assertEquals(1, first.getInteger("version"));
        assertEquals("system", first.getString("changedBy"));
        Api.Answer v1 = analyst.get("/api/v1/detection/profiles/versions/1");
        assertEquals(200, v1.status());
        assertTrue(v1.json().getJsonObject("document").getJsonObject("industries").containsKey("3391"));
        assertEquals(404, analyst.get("/api/v1/detection/profiles/versions/99999").status());
    }

    @Test
    void patchAndPut_makeNewVersions_withHistory_andSwitchLiveDetection() throws InterruptedException {
        int before = analyst.get("/api/v1/detection/profiles").json().getInteger("version");
        int switches = TestService.get().detection().profileSwitches();

        Api.Answer p = patch(analyst, new JsonObject()
                .put("districts", new JsonObject().put(code, new JsonObject().put("furnace", new JsonObject().put("licensedTolerance", 1.6))))
                .put("reason", "test: foundry tolerance in " + code));
        assertEquals(200, p.status(), p.body());
        assertEquals(before + 1, p.json().getInteger("version"));
        assertEquals(1.6, p.json().getJsonObject("document").getJsonObject("districts").getJsonObject(code)
                .getJsonObject("furnace").getDouble("licensedTolerance"));
        assertTrue(p.json().getString("applies").contains("processed after"));
        assertTrue(p.json().getJsonObject("document").getJsonObject("industries").containsKey("3391"), "a patch keeps the rest");
        assertTrue(p.json().getString("changedBy").startsWith("analyst:"));

        JsonArray versions = analyst.get("/api/v1/detection/profiles/versions").array();
        assertEquals(before + 1, versions.getJsonObject(0).getInteger("version"));
        assertEquals("test: foundry tolerance in " + code, versions.getJsonObject(0).getString("reason"));
        assertFalse(versions.getJsonObject(0).containsKey("document"));

        // PUT replaces the whole document
        JsonObject doc = analyst.get("/api/v1/detection/profiles").json().getJsonObject("document");
        doc.getJsonObject("districts").put(code, new JsonObject().put("nightLoad", new JsonObject().put("minHours", 5)));
        Api.Answer put = admin.put("/api/v1/detection/profiles", doc.copy().put("reason", "test: put").put("baseVersion", before + 1));
        assertEquals(200, put.status(), put.body());
        assertEquals(before + 2, put.json().getInteger("version"));
        JsonObject override = put.json().getJsonObject("document").getJsonObject("districts").getJsonObject(code);
        assertFalse(override.containsKey("furnace"));
        assertEquals(5, override.getJsonObject("nightLoad").getInteger("minHours"));

        // a change against a version that is no longer current
        assertEquals(409, admin.put("/api/v1/detection/profiles", doc.copy().put("baseVersion", before)).status());

        // null removes the override again
        Api.Answer removed = patch(analyst, new JsonObject().put("districts", new JsonObject().putNull(code)));
        assertEquals(200, removed.status(), removed.body());
        assertFalse(removed.json().getJsonObject("document").getJsonObject("districts").containsKey(code));
        assertEquals(before + 3, analyst.get("/api/v1/detection/profiles").json().getInteger("version"));

        // the live detector took each version: pending drops back to 0 once it has rebuilt
        long until = System.currentTimeMillis() + 60_000;
        while (TestService.get().detection().profileSwitches() < switches + 3 && System.currentTimeMillis() < until) Thread.sleep(50);
        assertEquals(switches + 3, TestService.get().detection().profileSwitches());
        while (admin.get("/api/v1/detection/status").json().getLong("pending") > 0 && System.currentTimeMillis() < until) Thread.sleep(50);
        assertEquals(0L, admin.get("/api/v1/detection/status").json().getLong("pending"));
    }

    @Test
    void aNewVersion_judgesReadingsProcessedAfterIt() throws InterruptedException {
        String other = TestService.newDistrictCode();
        Fixtures.district(admin, other, "对照区");
        String mOff = Fixtures.newMeterId("PV"), mOn = Fixtures.newMeterId("PV");
        String off = Fixtures.putEnterprise(admin, Fixtures.enterprise(code, "CLOSED", 800, mOff).put("effectiveFrom", "2023-01-01T00:00:00+08:00"));
        String on = Fixtures.putEnterprise(admin, Fixtures.enterprise(other, "CLOSED", 800, mOn).put("effectiveFrom", "2023-01-01T00:00:00+08:00"));
        int switches = TestService.get().detection().profileSwitches();
        Api.Answer p = patch(analyst, new JsonObject().put("districts", new JsonObject().put(code,
                new JsonObject().put("resurgence", new JsonObject().put("enabled", false)))).put("reason", "test: no resurgence in " + code));
        assertEquals(200, p.status(), p.body());
        awaitDetection(switches + 1);

        JsonArray rows = new JsonArray();
        OffsetDateTime day = OffsetDateTime.parse("2024-08-01T00:00:00+08:00");
        for (int slot = 1; slot <= 96; slot++) {
            OffsetDateTime ts = day.plusMinutes(15L * slot);
            double kwh = slot > 36 && slot <= 68 ? 125 : 1;
            rows.add(new JsonObject().put("meter", mOff).put("ts", ts.toString()).put("kwh", kwh));
            rows.add(new JsonObject().put("meter", mOn).put("ts", ts.toString()).put("kwh", kwh));
        }
        Api.Answer posted = admin.post("/api/v1/readings", "application/json", rows.encode());
        assertEquals(200, posted.status(), posted.body());
        awaitDetection(switches + 1);
        assertEquals(0, admin.get("/api/v1/alerts?enterprise=" + off + "&kind=RESURGENCE").array().size(), "disabled for " + code);
        assertEquals(1, admin.get("/api/v1/alerts?enterprise=" + on + "&kind=RESURGENCE").array().size(), "still on elsewhere");

        assertEquals(200, patch(analyst, new JsonObject().put("districts", new JsonObject().putNull(code))).status());
        awaitDetection(switches + 2);
    }

    static void awaitDetection(int switches) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (TestService.get().detection().profileSwitches() < switches && System.currentTimeMillis() < until) Thread.sleep(50);
        assertEquals(switches, TestService.get().detection().profileSwitches());
        while (admin.get("/api/v1/detection/status").json().getLong("pending") > 0 && System.currentTimeMillis() < until) Thread.sleep(50);
        assertEquals(0L, admin.get("/api/v1/detection/status").json().getLong("pending"));
    }

    @Test
    void invalidDocuments_are400_namingTheKey_andStoreNothing() {
        int before = analyst.get("/api/v1/detection/profiles").json().getInteger("version");
        assertInvalid(new JsonObject().put("districts", new JsonObject().put(code,
                new JsonObject().put("furnace", new JsonObject().put("licensedTolerence", 1.6)))), "districts." + code + ".furnace.licensedTolerence");
        assertInvalid(new JsonObject().put("industries", new JsonObject().put("3391",
                new JsonObject().put("furnace", new JsonObject().put("licensedTolerance", 0.2)))), "industries.3391.furnace.licensedTolerance");
        assertInvalid(new JsonObject().put("default", new JsonObject().put("general", new JsonObject().put("minCoverage", 1.5))),
                "default.general.minCoverage");
        assertInvalid(new JsonObject().put("default", new JsonObject().put("resurgence", new JsonObject().put("enabled", "no"))),
                "default.resurgence.enabled");
        assertInvalid(new JsonObject().put("default", new JsonObject().put("furnace", new JsonObject().put("minCycles", 2.5))),
                "default.furnace.minCycles");
        assertInvalid(new JsonObject().put("default", new JsonObject().put("resurgence", 3)), "default.resurgence");
        assertInvalid(new JsonObject().put("thresholds", new JsonObject()), "thresholds");
        assertInvalid(new JsonObject().put("districts", new JsonObject().put("Fuling", new JsonObject())), "districts.Fuling");
        assertInvalid(new JsonObject().put("districts", new JsonObject().put(code,
                new JsonObject().put("resurgence", new JsonObject().put("triggerSlots", 6).put("windowSlots", 5)))), "districts." + code);
        Api.Answer notJson = analyst.post("/api/v1/backtests", "application/json", "{nope");
        assertEquals(400, notJson.status());
        assertEquals(before, analyst.get("/api/v1/detection/profiles").json().getInteger("version"));
    }

    @Test
    void districtMayRead_notChange_feedNothing() {
        assertEquals(200, district.get("/api/v1/detection/profiles").status());
        assertEquals(200, district.get("/api/v1/detection/profiles/versions").status());
        JsonObject change = new JsonObject().put("districts", new JsonObject().put(code, new JsonObject()));
        assertEquals(403, patch(district, change).status());
        assertEquals(403, district.put("/api/v1/detection/profiles", change).status());
        assertEquals(403, feed.get("/api/v1/detection/profiles").status());
        assertEquals(403, feed.get("/api/v1/detection/profiles/versions").status());
        assertEquals(403, patch(feed, change).status());
        assertEquals(401, admin.as(null).get("/api/v1/detection/profiles").status());
    }

    private static void assertInvalid(JsonObject patch, String field) {
        Api.Answer a = patch(analyst, patch);
        assertEquals(400, a.status(), a.body());
        assertEquals(field, a.json().getString("field"), a.body());
    }

    static Api.Answer patch(Api api, JsonObject body) {
        return api.patch("/api/v1/detection/profiles", body);
    }
}
