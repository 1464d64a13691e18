package org.furnacewatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

import static org.furnacewatch.alert.DetectionFixtures.alerts;
import static org.furnacewatch.alert.DetectionFixtures.at;
import static org.furnacewatch.alert.DetectionFixtures.awaitDetection;
import static org.furnacewatch.alert.DetectionFixtures.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Detection state is derived from the store: a restart rebuilds it and opens no alert twice. */
class RestartWithoutDuplicateAlertsTest {

    @Test
    void restart_rebuildsFromStoredReadings_andOpensNoDuplicateAlert() throws Exception {
        Path dir = Files.createTempDirectory("fw-restart-");
        String district = "500233";
        String site;
        String alertId;
        try (FurnaceWatch first = FurnaceWatch.start(TestService.config(dir, null, 0))) {
            Api admin = new Api("http://127.0.0.1:" + first.httpPort(), TestService.ADMIN);
            Fixtures.district(admin, district, "忠县");
            String meter = Fixtures.newMeterId("RR");
            // with equipment: a regression test for a registry row that could not be read back at restart
            site = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "SEALED", 1000, meter)
                    .put("equipment", new JsonArray().add(new JsonObject().put("type", "INDUCTION_FURNACE").put("ratedKw", 500).put("licensed", false)))
                    .put("effectiveFrom", "2026-01-01T00:00:00+08:00"));
            OffsetDateTime start = at("2026-08-01T00:00");
            post(admin, meter, start, 96, i -> 2.0);
            post(admin, meter, start.plusDays(1), 40, i -> 200.0);
            post(admin, meter, start.plusDays(1).plusHours(10), 20, i -> 2.0);
            awaitDetection(admin);
            JsonArray found = alerts(admin, "enterprise=" + site);
            assertEquals(1, found.size(), found.encode());
            alertId = found.getJsonObject(0).getString("id");
            assertEquals(200, admin.post("/api/v1/alerts/" + alertId + "/ack", new JsonObject().put("by", "值班员")).status());
        }
        try (FurnaceWatch second = FurnaceWatch.start(TestService.config(dir, null, 0))) {
            Api admin = new Api("http://127.0.0.1:" + second.httpPort(), TestService.ADMIN);
            assertTrue(second.detection().rebuilt());
            assertEquals(500.0, admin.get("/api/v1/enterprises/" + site).json().getJsonArray("equipment").getJsonObject(0).getDouble("ratedKw"));
            assertTrue(second.detection().processed() >= 150, "replayed the stored readings: " + second.detection().processed());
            awaitDetection(admin);
            JsonArray after = alerts(admin, "enterprise=" + site);
            assertEquals(1, after.size(), "no duplicate after restart: " + after.encode());
            assertEquals(alertId, after.getJsonObject(0).getString("id"));
            assertEquals("ACKED", after.getJsonObject(0).getString("status"), "an acknowledged alert stays acknowledged");
        }
    }
}
