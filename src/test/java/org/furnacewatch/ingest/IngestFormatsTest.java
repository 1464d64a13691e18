package org.furnacewatch.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each input format, through real HTTP into the embedded PostgreSQL, read back through the series API. */
class IngestFormatsTest {
    static Api admin;
    static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "格式测试区");
    }

    @Test
    void jsonArray_isStoredAndQueryable() {
        String meter = Fixtures.newMeterId("J");
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        JsonArray rows = new JsonArray();
        for (int i = 1; i <= 8; i++) rows.add(new JsonObject().put("meter", meter).put("ts", ts("2026-03-01", i)).put("kwh", 10.0 * i));
        Api.Answer a = admin.post("/api/v1/readings", "application/json", rows.encode());
        assertEquals(200, a.status(), a.body());
        assertEquals(8, a.json().getInteger("accepted"));
        assertEquals(0, a.json().getInteger("duplicates"));

        JsonArray hourly = admin.get("/api/v1/enterprises/" + code + "/readings?from=2026-03-01T00:00:00%2B08:00&to=2026-03-01T02:00:00%2B08:00&step=PT1H").array();
        assertEquals(2, hourly.size(), hourly.encode());
        assertEquals("2026-03-01T01:00:00+08:00", hourly.getJsonObject(0).getString("ts"));
        assertEquals(10 + 20 + 30 + 40, hourly.getJsonObject(0).getDouble("kwh"), 1e-9);
        assertEquals(50 + 60 + 70 + 80, hourly.getJsonObject(1).getDouble("kwh"), 1e-9);
    }

    @Test
    void ndjson_isStored() {
        String meter = Fixtures.newMeterId("N");
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 96; i++) body.append(new JsonObject().put("meter", meter).put("ts", ts("2026-03-02", i)).put("kwh", 1.5).encode()).append('\n');
        Api.Answer a = admin.post("/api/v1/readings", "application/x-ndjson", body.toString());
        assertEquals(200, a.status(), a.body());
        assertEquals(96, a.json().getInteger("accepted"));

        JsonArray daily = admin.get("/api/v1/enterprises/" + code + "/readings?from=2026-03-02T00:00:00%2B08:00&to=2026-03-03T00:00:00%2B08:00&step=P1D").array();
        assertEquals(1, daily.size(), daily.encode());
        assertEquals("2026-03-03T00:00:00+08:00", daily.getJsonObject(0).getString("ts"));
        assertEquals(96 * 1.5, daily.getJsonObject(0).getDouble("kwh"), 1e-9);
        assertEquals(96, daily.getJsonObject(0).getInteger("readings"));
    }

    /**
     * Regression (found by the demo): a client that upgrades to HTTP/2 (the JDK's default HttpClient) can deliver a
     * large body in one go; pausing the request then threw "Request has already been read" and the request was never
     * answered. Bodies of several 64 KiB parse batches must be answered whatever the protocol.
     */
    @Test
    void largeNdjsonBody_overHttp2Upgrade_isAnswered() throws Exception {
        String meter = Fixtures.newMeterId("H");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        StringBuilder body = new StringBuilder();
        java.time.LocalDate day = java.time.LocalDate.parse("2026-01-01");
        int rows = 0;
        for (int d = 0; d < 40; d++, day = day.plusDays(1)) {
            for (int i = 1; i <= 96; i++, rows++) {
                body.append(new JsonObject().put("meter", meter).put("ts", ts(day.toString(), i)).put("kwh", 1.25).encode()).append('\n');
            }
        }
        java.net.http.HttpClient h2 = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        java.net.http.HttpResponse<String> r = h2.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + "/api/v1/readings"))
                        .header("Authorization", "Bearer " + admin.bearerToken()).header("Content-Type", "application/x-ndjson")
                        .timeout(java.time.Duration.ofSeconds(30))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(rows, new JsonObject(r.body()).getInteger("accepted"));
    }

    @Test
    void csv_withColumnsInAnyOrderAndCrlf_isStored() {
        String meter = Fixtures.newMeterId("C");
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        String body = "\uFEFFts,kwh,meter,kw\r\n"
                + ts("2026-03-03", 1) + ",2.5," + meter + ",10\r\n"
                + ts("2026-03-03", 2) + ",3.5,\"" + meter + "\",\r\n";
        Api.Answer a = admin.post("/api/v1/readings", "text/csv", body);
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.json().getInteger("accepted"), a.body());

        JsonArray quarter = admin.get("/api/v1/enterprises/" + code + "/readings?from=2026-03-03T00:00:00%2B08:00&to=2026-03-03T01:00:00%2B08:00&step=PT15M").array();
        assertEquals(2, quarter.size());
        assertEquals(2.5, quarter.getJsonObject(0).getDouble("kwh"), 1e-9);
        assertEquals(3.5, quarter.getJsonObject(1).getDouble("kwh"), 1e-9);
    }

    @Test
    void lateAndOutOfOrderReadings_areAccepted() {
        String meter = Fixtures.newMeterId("L");
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        JsonArray rows = new JsonArray()
                .add(new JsonObject().put("meter", meter).put("ts", ts("2026-03-04", 4)).put("kwh", 4))
                .add(new JsonObject().put("meter", meter).put("ts", ts("2026-03-04", 1)).put("kwh", 1))
                .add(new JsonObject().put("meter", meter).put("ts", ts("2026-03-04", 3)).put("kwh", 3));
        assertEquals(3, admin.post("/api/v1/readings", "application/json", rows.encode()).json().getInteger("accepted"));
        JsonArray late = new JsonArray().add(new JsonObject().put("meter", meter).put("ts", ts("2026-03-04", 2)).put("kwh", 2));
        assertEquals(1, admin.post("/api/v1/readings", "application/json", late.encode()).json().getInteger("accepted"));
        JsonArray hourly = admin.get("/api/v1/enterprises/" + code + "/readings?from=2026-03-04T00:00:00%2B08:00&to=2026-03-04T01:00:00%2B08:00&step=PT1H").array();
        assertEquals(10, hourly.getJsonObject(0).getDouble("kwh"), 1e-9);
    }

    @Test
    void meterThatMovedBetweenEnterprises_countsForEachOwnerInItsOwnTime() {
        String meter = Fixtures.newMeterId("MV");
        JsonObject a = Fixtures.enterprise(district, "OPERATING", 400, meter).put("effectiveFrom", "2026-03-05T00:00:00+08:00");
        String first = Fixtures.putEnterprise(admin, a);
        // the meter leaves the first enterprise at 01:00 and joins the second from then on
        assertEquals(200, admin.put("/api/v1/enterprises/" + first, Fixtures.enterprise(district, "OPERATING", 400)
                .put("effectiveFrom", "2026-03-05T01:00:00+08:00")).status());
        String second = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter)
                .put("effectiveFrom", "2026-03-05T01:00:00+08:00"));
        JsonArray rows = new JsonArray();
        for (int i = 1; i <= 8; i++) rows.add(new JsonObject().put("meter", meter).put("ts", ts("2026-03-05", i)).put("kwh", i <= 4 ? 1 : 10));
        Api.Answer posted = admin.post("/api/v1/readings", "application/json", rows.encode());
        assertEquals(8, posted.json().getInteger("accepted"), posted.body());
        String range = "/readings?from=2026-03-05T00:00:00%2B08:00&to=2026-03-05T03:00:00%2B08:00&step=P1D";
        assertEquals(4.0, admin.get("/api/v1/enterprises/" + first + range).array().getJsonObject(0).getDouble("kwh"), 1e-9);
        assertEquals(40.0, admin.get("/api/v1/enterprises/" + second + range).array().getJsonObject(0).getDouble("kwh"), 1e-9);
    }

    /** The end of the i-th quarter hour of a local day, as a feed sends it. */
    static String ts(String day, int quarter) {
        int minutes = quarter * 15;
        if (minutes == 24 * 60) return java.time.LocalDate.parse(day).plusDays(1) + "T00:00:00+08:00";
        return String.format("%sT%02d:%02d:00+08:00", day, minutes / 60, minutes % 60);
    }
}
