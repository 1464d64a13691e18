package org.furnacewatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Readings shaped for detection tests, and waiting for detection to catch up. */
final class DetectionFixtures {
    private DetectionFixtures() {}

    /** Posts 15-minute readings from {@code start} (first interval end = start + 15 min), kWh per index. */
    static void post(Api api, String meter, OffsetDateTime start, int count, IntToDoubleFunction kwh) {
        for (int from = 0; from < count; from += 2000) {
            StringBuilder body = new StringBuilder();
            for (int i = from; i < Math.min(count, from + 2000); i++) {
                OffsetDateTime ts = start.plusMinutes(15L * (i + 1));
                body.append(new JsonObject().put("meter", meter).put("ts", ts.toString()).put("kwh", kwh.applyAsDouble(i)).encode()).append('\n');
            }
            Api.Answer a = api.post("/api/v1/readings", "application/x-ndjson", body.toString());
            assertEquals(200, a.status(), a.body());
            assertEquals(0, a.json().getJsonArray("rejected").size(), a.body());
        }
    }

    /** Waits (bounded) until every committed reading has been through detection. */
    static void awaitDetection(Api admin) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (admin.get("/api/v1/detection/status").json().getLong("pending") == 0) return;
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("detection did not catch up within 60 s");
    }

    static JsonArray alerts(Api api, String query) {
        Api.Answer a = api.get("/api/v1/alerts?" + query);
        assertEquals(200, a.status(), a.body());
        return a.array();
    }

    static OffsetDateTime at(String localDateTime) {
        return OffsetDateTime.of(java.time.LocalDateTime.parse(localDateTime), ZoneOffset.ofHours(8));
    }
}
