package org.furnacewatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.furnacewatch.alert.DetectionFixtures.alerts;
import static org.furnacewatch.alert.DetectionFixtures.at;
import static org.furnacewatch.alert.DetectionFixtures.awaitDetection;
import static org.furnacewatch.alert.DetectionFixtures.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Readings posted over HTTP become alerts in the owning district, and only there. */
class AlertsFromReadingsTest {
    static Api admin;
    static String district, otherDistrict, closedSite, meter;
    static final OffsetDateTime START = at("2026-09-01T00:00");

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        otherDistrict = TestService.newDistrictCode();
        Fixtures.district(admin, district, "告警测试区");
        Fixtures.district(admin, otherDistrict, "邻区");
        meter = Fixtures.newMeterId("RS");
        JsonObject closed = Fixtures.enterprise(district, "CLOSED", 800, meter).put("effectiveFrom", "2026-06-01T00:00:00+08:00");
        closedSite = Fixtures.putEnterprise(admin, closed);
        // two quiet days of standby (about 4 kW), then from 2026-09-03 01:00 a 600 kW load for eight hours
        post(admin, meter, START, 2 * 96, i -> 1.0);
        post(admin, meter, START.plusDays(2), 4 + 32, i -> i < 4 ? 1.0 : 150.0);
        post(admin, meter, START.plusDays(2).plusHours(9), 12, i -> 1.0);
        awaitDetection(admin);
    }

    @Test
    void closedSiteDrawingLoad_raisesOneResurgenceAlert_withEvidenceAndAChineseSummary() {
        JsonArray found = alerts(admin, "enterprise=" + closedSite + "&kind=RESURGENCE");
        assertEquals(1, found.size(), found.encode());
        JsonObject a = found.getJsonObject(0);
        assertEquals(district, a.getString("district"));
        assertEquals("OPEN", a.getString("status"));
        OffsetDateTime first = OffsetDateTime.parse(a.getString("firstTs"));
        assertFalse(first.isBefore(at("2026-09-03T01:00")), a.encode());
        assertTrue(first.isBefore(at("2026-09-03T03:00")), "fires within the first readings: " + a.encode());
        assertTrue(a.getString("summary").contains("关停"), a.getString("summary"));
        assertFalse(a.getJsonObject("evidence").getJsonArray("window").isEmpty());
        assertTrue(a.getDouble("score") > 0 && a.getDouble("score") <= 1);
    }

    @Test
    void moreEvidence_updatesTheOpenAlert_ratherThanOpeningAnother() {
        String before = alerts(admin, "enterprise=" + closedSite + "&kind=RESURGENCE").getJsonObject(0).getString("lastTs");
        post(admin, meter, START.plusDays(3), 24, i -> 150.0);
        post(admin, meter, START.plusDays(3).plusHours(6), 16, i -> 1.0);
        awaitDetection(admin);
        JsonArray after = alerts(admin, "enterprise=" + closedSite + "&kind=RESURGENCE");
        assertEquals(1, after.size(), after.encode());
        assertTrue(OffsetDateTime.parse(after.getJsonObject(0).getString("lastTs")).isAfter(OffsetDateTime.parse(before)));
    }

    @Test
    void anotherDistrict_cannotReadOrAckTheAlert_andAFeedCannotReadAlerts() {
        String id = alerts(admin, "enterprise=" + closedSite).getJsonObject(0).getString("id");
        Api other = admin.as(admin.token("district", otherDistrict));
        assertEquals(404, other.get("/api/v1/alerts/" + id).status());
        assertEquals(404, other.post("/api/v1/alerts/" + id + "/ack", new JsonObject().put("by", "x")).status());
        assertTrue(alerts(other, "").stream().noneMatch(o -> ((JsonObject) o).getString("id").equals(id)));
        assertEquals(404, other.get("/api/v1/alerts?district=" + district).status());
        Api feed = admin.as(admin.token("feed", null));
        assertEquals(403, feed.get("/api/v1/alerts").status());
    }

    @Test
    void owningDistrict_acksItsAlert_once() {
        Api own = admin.as(admin.token("district", district));
        JsonArray mine = alerts(own, "kind=RESURGENCE");
        String id = mine.stream().map(o -> (JsonObject) o).filter(o -> o.getString("enterprise").equals(closedSite)).findFirst().orElseThrow().getString("id");
        Api.Answer ack = own.post("/api/v1/alerts/" + id + "/ack", new JsonObject().put("by", "王科长").put("note", "已安排现场核查"));
        assertEquals(200, ack.status(), ack.body());
        assertEquals("ACKED", ack.json().getString("status"));
        assertEquals(409, own.post("/api/v1/alerts/" + id + "/ack", new JsonObject().put("by", "王科长")).status());
    }
}
