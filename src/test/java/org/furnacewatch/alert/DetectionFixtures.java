package org.furnacewatch.alert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Resurgence;

import java.time.OffsetDateTime;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Readings shaped for detection tests, and waiting for detection to catch up. */
final class DetectionFixtures {
    private DetectionFixtures() {}

    static void post(Api api, String meter, OffsetDateTime start, int count, IntToDoubleFunction kwh) {
        Resurgence.readings(api, meter, start, count, kwh);
    }

    /** Waits (bounded) until every committed reading has been through detection. */
    static void awaitDetection(Api admin) {
        Resurgence.awaitDetection(admin);
    }

    static JsonArray alerts(Api api, String query) {
        Api.Answer a = api.get("/api/v1/alerts?" + query);
        assertEquals(200, a.status(), a.body());
        return a.array();
    }

    static OffsetDateTime at(String localDateTime) {
        return Resurgence.at(localDateTime);
    }
}
