package org.furnacewatch.alert;

import io.vertx.core.json.JsonArray;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.furnacewatch.alert.DetectionFixtures.alerts;
import static org.furnacewatch.alert.DetectionFixtures.at;
import static org.furnacewatch.alert.DetectionFixtures.awaitDetection;
import static org.furnacewatch.alert.DetectionFixtures.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A day's upload whose last hours lack one meter's row (to be re-collected with a later upload): once the feed has
 * gone quiet the upload is taken as whole and its last hours are judged, rather than waiting a day for the reading
 * that only the next upload brings.
 */
class QuietFeedJudgesTheWholeUploadTest {

    @Test
    void lastHoursAfterAMissingRow_judgedOnceTheFeedIsQuiet() throws Exception {
        Path dir = Files.createTempDirectory("fw-quiet-");
        try (FurnaceWatch service = FurnaceWatch.start(TestService.config(dir, null, 0,
                Map.of("WATCH_SETTLE_QUIET_SECONDS", "1")))) {
            Api admin = new Api("http://127.0.0.1:" + service.httpPort(), TestService.ADMIN);
            String district = "500234";
            Fixtures.district(admin, district, "丰都县");
            String a = Fixtures.newMeterId("QA");
            String b = Fixtures.newMeterId("QB");
            String site = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "SEALED", 1000, a, b)
                    .put("effectiveFrom", "2026-01-01T00:00:00+08:00"));
            OffsetDateTime day = at("2026-08-01T00:00");
            // two dark days; on the second, 400 kW a meter from 22:30, and meter b's 22:30-22:45 row missing
            post(admin, a, day, 192, i -> i >= 186 ? 100.0 : 2.0);
            post(admin, b, day, 186, i -> 2.0);
            post(admin, b, day.plusMinutes(15L * 187), 5, i -> 100.0);
            awaitDetection(admin);
            Receiver.await("the quiet feed's upload judged whole",
                    () -> alerts(admin, "enterprise=" + site).size() == 1);
            JsonArray found = alerts(admin, "enterprise=" + site);
            assertEquals("RESURGENCE", found.getJsonObject(0).getString("kind"), found.encode());
        }
    }
}
