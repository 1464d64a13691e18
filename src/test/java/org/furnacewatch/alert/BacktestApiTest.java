package org.furnacewatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Backtests over stored readings, and alert labels. Two CLOSED enterprises draw 500 kW for hours (RESURGENCE);
 * the live service alerts on both, the district labels one CONFIRMED and one FALSE, and backtests replay the same
 * readings with the current profile and with resurgence disabled.
 */
class BacktestApiTest {
    static final ZoneOffset CST = ZoneOffset.ofHours(8);
    static final OffsetDateTime DAY0 = OffsetDateTime.of(2024, 5, 10, 0, 0, 0, 0, CST);
    static Api admin, analyst, district, otherDistrict, feed;
    static String code, reopened, faulty;
    static String reopenedAlert, faultyAlert;
    static int alertsBefore;

    @BeforeAll
    static void setUp() throws InterruptedException {
        admin = TestService.admin();
        code = TestService.newDistrictCode();
        String other = TestService.newDistrictCode();
        Fixtures.district(admin, code, "回测区");
        Fixtures.district(admin, other, "他区");
        analyst = admin.as(admin.token("analyst", null));
        district = admin.as(admin.token("district", code));
        otherDistrict = admin.as(admin.token("district", other));
        feed = admin.as(admin.token("feed", null));

        String m1 = Fixtures.newMeterId("BT"), m2 = Fixtures.newMeterId("BT");
        reopened = Fixtures.putEnterprise(admin, closed(m1));
        faulty = Fixtures.putEnterprise(admin, closed(m2));
        // three days: the reopened site melts 09:00-17:00 every day, the other shows the same load on one day only
        JsonArray rows = new JsonArray();
        for (int slot = 1; slot <= 3 * 96; slot++) {
            OffsetDateTime ts = DAY0.plusMinutes(15L * slot);
            int hour = ts.minusMinutes(15).getHour();
            boolean working = hour >= 9 && hour < 17;
            rows.add(new JsonObject().put("meter", m1).put("ts", ts.toString()).put("kwh", working ? 125.0 : 1.0));
            rows.add(new JsonObject().put("meter", m2).put("ts", ts.toString()).put("kwh", working && slot > 96 && slot <= 192 ? 125.0 : 1.0));
        }
        Api.Answer posted = feed.post("/api/v1/readings", "application/json", rows.encode());
        assertEquals(200, posted.status(), posted.body());
        assertEquals(rows.size(), posted.json().getInteger("accepted"));
        awaitDetection();
        reopenedAlert = liveAlert(reopened);
        faultyAlert = liveAlert(faulty);
        alertsBefore = alertsInDistrict();
    }

    static JsonObject closed(String meter) {
        return Fixtures.enterprise(code, "CLOSED", 800, meter).put("effectiveFrom", "2023-01-01T00:00:00+08:00");
    }

    @Test
    void labels_byOwnDistrictOrAdmin_only() {
        Api.Answer ok = district.post("/api/v1/alerts/" + faultyAlert + "/label",
                new JsonObject().put("outcome", "FALSE").put("cause", "METER_FAULT").put("note", "CT 倍率录错"));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("FALSE", ok.json().getString("outcome"));
        assertEquals("METER_FAULT", ok.json().getString("cause"));
        assertTrue(ok.json().getString("labelledBy").startsWith("district:"));
        assertEquals(200, district.get("/api/v1/alerts/" + faultyAlert + "/label").status());
        assertEquals(404, otherDistrict.post("/api/v1/alerts/" + faultyAlert + "/label", new JsonObject().put("outcome", "CONFIRMED")).status());
        assertEquals(404, otherDistrict.get("/api/v1/alerts/" + faultyAlert + "/label").status());
        assertEquals(403, feed.post("/api/v1/alerts/" + faultyAlert + "/label", new JsonObject().put("outcome", "CONFIRMED")).status());
        Api.Answer bad = admin.post("/api/v1/alerts/" + faultyAlert + "/label", new JsonObject().put("outcome", "MAYBE"));
        assertEquals(400, bad.status());
        assertEquals("outcome", bad.json().getString("field"));
        assertEquals(404, admin.post("/api/v1/alerts/00000000-0000-0000-0000-000000000000/label", new JsonObject().put("outcome", "FALSE")).status());
    }

    @Test
    void backtest_findsResurgence_withTheCurrentProfile_notWhenDisabled_andWritesNoAlerts() {
        label(reopenedAlert, "CONFIRMED", null);
        label(faultyAlert, "FALSE", "METER_FAULT");

        JsonObject current = backtest(new JsonObject());
        assertEquals("DONE", current.getString("state"), current.encodePrettily());
        assertFalse(current.getBoolean("notified"));
        assertEquals(2 * 3 * 96, current.getLong("readings"));
        JsonObject resurgence = current.getJsonObject("kinds").getJsonObject("RESURGENCE");
        assertTrue(resurgence.getInteger("findings") >= 2, resurgence.encode());
        assertEquals(2, resurgence.getInteger("alerts"), current.encodePrettily());
        assertTrue(found(current, reopened, "RESURGENCE"));
        assertTrue(found(current, faulty, "RESURGENCE"));
        // one alert matches the CONFIRMED label, one the FALSE label: precision 1/2, recall 1/1
        assertEquals(1, resurgence.getInteger("truePositives"));
        assertEquals(2, resurgence.getInteger("labelledAlerts"));
        assertEquals(0.5, resurgence.getDouble("precision"));
        assertEquals(1.0, resurgence.getDouble("recall"));
        assertEquals(0.5, current.getJsonObject("evaluation").getDouble("precision"));
        assertEquals(1.0, current.getJsonObject("evaluation").getDouble("recall"));

        JsonObject disabled = backtest(new JsonObject().put("profile", new JsonObject()
                .put("resurgence", new JsonObject().put("enabled", false))));
        assertEquals("DONE", disabled.getString("state"));
        JsonObject none = disabled.getJsonObject("kinds").getJsonObject("RESURGENCE");
        assertEquals(0, none.getInteger("alerts"), disabled.encodePrettily());
        assertFalse(found(disabled, reopened, "RESURGENCE"));
        assertEquals(0.0, none.getDouble("recall"));
        assertNull(none.getValue("precision"));

        // by version number: the same as the current profile
        int version = analyst.get("/api/v1/detection/profiles").json().getInteger("version");
        JsonObject byVersion = backtest(new JsonObject().put("profile", version));
        assertEquals(version, byVersion.getInteger("profileVersion"));
        assertEquals(2, byVersion.getJsonObject("kinds").getJsonObject("RESURGENCE").getInteger("alerts"));

        // the result stays readable
        Api.Answer again = analyst.get("/api/v1/backtests/" + current.getString("id"));
        assertEquals(200, again.status());
        assertEquals("DONE", again.json().getString("state"));
        assertEquals(2, again.json().getJsonObject("kinds").getJsonObject("RESURGENCE").getInteger("alerts"));

        // nobody notified, nothing written
        assertEquals(alertsBefore, alertsInDistrict());
    }

    @Test
    void backtest_requests_areValidated_andForAnalystsAndAdmins() {
        JsonObject ok = range();
        assertEquals(403, district.post("/api/v1/backtests", ok).status());
        assertEquals(403, feed.post("/api/v1/backtests", ok).status());
        assertField(ok.copy().put("from", "yesterday"), "from");
        assertField(ok.copy().put("to", DAY0.minusDays(1).toString()), "to");
        assertField(ok.copy().put("district", "999999"), "district");
        assertField(ok.copy().put("profile", 99999), "profile");
        assertField(ok.copy().put("profile", new JsonObject().put("resurgence", new JsonObject().put("bogus", 1))),
                "profile.default.resurgence.bogus");
        assertField(ok.copy().put("colour", "red"), "colour");
        assertEquals(404, analyst.get("/api/v1/backtests/00000000-0000-0000-0000-000000000000").status());
    }

    // ------------------------------------------------------------------ helpers

    static JsonObject range() {
        return new JsonObject().put("from", DAY0.minusDays(1).toString()).put("to", DAY0.plusDays(4).toString()).put("district", code);
    }

    static JsonObject backtest(JsonObject extra) {
        JsonObject body = range();
        extra.forEach(e -> body.put(e.getKey(), e.getValue()));
        Api.Answer a = analyst.post("/api/v1/backtests", body);
        assertTrue(a.status() == 200 || a.status() == 202, a.status() + " " + a.body());
        JsonObject o = a.json();
        assertNotNull(o.getString("id"));
        long until = System.currentTimeMillis() + 120_000;
        while (!"DONE".equals(o.getString("state")) && !"FAILED".equals(o.getString("state")) && System.currentTimeMillis() < until) {
            sleep(200);
            o = analyst.get("/api/v1/backtests/" + o.getString("id")).json();
        }
        return o;
    }

    static boolean found(JsonObject result, String enterprise, String kind) {
        for (Object x : result.getJsonArray("alerts")) {
            JsonObject a = (JsonObject) x;
            if (a.getString("enterprise").equals(enterprise) && a.getString("kind").equals(kind)) return true;
        }
        return false;
    }

    static void assertField(JsonObject body, String field) {
        Api.Answer a = analyst.post("/api/v1/backtests", body);
        assertEquals(400, a.status(), a.body());
        assertEquals(field, a.json().getString("field"), a.body());
    }

    static void label(String alertId, String outcome, String cause) {
        JsonObject body = new JsonObject().put("outcome", outcome);
        if (cause != null) body.put("cause", cause);
        Api.Answer a = district.post("/api/v1/alerts/" + alertId + "/label", body);
        assertEquals(200, a.status(), a.body());
    }

    static String liveAlert(String enterprise) {
        JsonArray list = admin.get("/api/v1/alerts?enterprise=" + enterprise + "&kind=RESURGENCE").array();
        assertEquals(1, list.size(), "live detection alerts once on " + enterprise + ": " + list.encode());
        return list.getJsonObject(0).getString("id");
    }

    static int alertsInDistrict() {
        return admin.get("/api/v1/alerts?district=" + code).array().size();
    }

    static void awaitDetection() {
        org.furnacewatch.testing.Resurgence.awaitDetection(admin);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
