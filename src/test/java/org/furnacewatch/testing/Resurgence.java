package org.furnacewatch.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.IntToDoubleFunction;

/**
 * Makes a RESURGENCE alert from readings, as AlertsFromReadingsTest does: a CLOSED (or BANNED) site idles on
 * standby for two days, then draws 600 kW for eight hours.
 */
public final class Resurgence {
    private Resurgence() {}

    public record Site(String creditCode, String meter) {}

    /** Registers a shut site in {@code district} and posts the readings; returns at once (detection runs behind). */
    public static Site post(Api admin, String district, String status, OffsetDateTime start) {
        String meter = Fixtures.newMeterId("DL");
        JsonObject e = Fixtures.enterprise(district, status, 800, meter).put("name", "渝东再生金属有限公司")
                .put("effectiveFrom", start.minusMonths(3).toString());
        String code = Fixtures.putEnterprise(admin, e);
        readings(admin, meter, start, 2 * 96, i -> 1.0);
        readings(admin, meter, start.plusDays(2), 4 + 32, i -> i < 4 ? 1.0 : 150.0);
        readings(admin, meter, start.plusDays(2).plusHours(9), 12, i -> 1.0);
        return new Site(code, meter);
    }

    /** Waits for detection, then answers the site's alert (exactly one expected). */
    public static JsonObject alert(Api admin, Site site) {
        awaitDetection(admin);
        Api.Answer a = admin.get("/api/v1/alerts?enterprise=" + site.creditCode());
        JsonArray found = a.array();
        if (found.size() != 1) throw new AssertionError("expected one alert, got " + found.encode());
        return found.getJsonObject(0);
    }

    /** Posts 15-minute readings from {@code start} (first interval end = start + 15 min), kWh per index; all must be taken. */
    public static void readings(Api api, String meter, OffsetDateTime start, int count, IntToDoubleFunction kwh) {
        for (int from = 0; from < count; from += 2000) {
            StringBuilder body = new StringBuilder();
            for (int i = from; i < Math.min(count, from + 2000); i++) {
                OffsetDateTime ts = start.plusMinutes(15L * (i + 1));
                body.append(new JsonObject().put("meter", meter).put("ts", ts.toString()).put("kwh", kwh.applyAsDouble(i)).encode()).append('\n');
            }
            Api.Answer a = api.post("/api/v1/readings", "application/x-ndjson", body.toString());
            if (a.status() != 200 || !a.json().getJsonArray("rejected").isEmpty()) throw new AssertionError(a.body());
        }
    }

    public static void awaitDetection(Api admin) {
        Receiver.await("detection to catch up", () -> admin.get("/api/v1/detection/status").json().getLong("pending") == 0);
    }

    public static OffsetDateTime at(String localDateTime) {
        return OffsetDateTime.of(java.time.LocalDateTime.parse(localDateTime), ZoneOffset.ofHours(8));
    }
}
