package org.furnacewatch.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.furnacewatch.ingest.IngestFormatsTest.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every class of bad row is rejected with a reason that names it, and the good rows beside it are kept. */
class BadInputTest {
    static Api admin;
    static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "坏数据测试区");
    }

    @Test
    void eachBadRowClass_isRejectedWithItsReason_andGoodRowsAreKept() {
        String meter = Fixtures.newMeterId("B");
        // 400 kVA: at most 400 x 0.25 h x 1.2 = 120 kWh in one interval
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        String future = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(2).withNano(0).toString();
        JsonArray rows = new JsonArray()
                .add(row(meter, ts("2026-04-01", 1)).put("kwh", 5))                 // 0 good
                .add(row(Fixtures.newMeterId("NOBODY"), ts("2026-04-01", 1)).put("kwh", 5)) // 1 unregistered: kept
                .add(row(meter, "2026-04-01 00:30").put("kwh", 5))                   // 2 bad timestamp
                .add(row(meter, ts("2026-04-01", 3)).put("kwh", -2))                // 3 negative
                .add(row(meter, ts("2026-04-01", 4)).put("kwh", "NaN"))             // 4 NaN
                .add(row(meter, future).put("kwh", 5))                               // 5 future
                .add(row(meter, ts("2026-04-01", 6)).put("kwh", 5000))              // 6 physically impossible (x50)
                .add(row(meter, ts("2026-04-01", 7)).put("kwh", 5).put("register", 100)) // 7 both
                .add(row(meter, ts("2026-04-01", 8)))                                // 8 neither
                .add(new JsonObject().put("ts", ts("2026-04-01", 9)).put("kwh", 1))   // 9 no meter
                .add(row(meter, ts("2026-04-01", 10)).put("kwh", "abc"))            // 10 not a number
                .add(row(meter, ts("2026-04-01", 11)).put("kwh", 7))                // 11 good
                .add("not an object");                                               // 12 not an object
        Api.Answer a = admin.post("/api/v1/readings", "application/json", rows.encode());
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.json().getInteger("accepted"), a.body());
        Map<Integer, String> reasons = new HashMap<>();
        for (Object o : a.json().getJsonArray("rejected")) {
            JsonObject r = (JsonObject) o;
            reasons.put(r.getInteger("row"), r.getString("reason"));
        }
        assertEquals(10, reasons.size(), a.body());
        assertEquals(1, a.json().getInteger("unregistered"), a.body());
        assertContains(reasons.get(2), "bad timestamp");
        assertContains(reasons.get(3), "negative");
        assertContains(reasons.get(4), "NaN");
        assertContains(reasons.get(5), "future");
        assertContains(reasons.get(6), "physically impossible");
        assertContains(reasons.get(7), "both kwh and register");
        assertContains(reasons.get(8), "neither kwh nor register");
        assertContains(reasons.get(9), "missing meter");
        assertContains(reasons.get(10), "not a number");
        assertContains(reasons.get(12), "not a JSON object");

        JsonArray stored = admin.get("/api/v1/enterprises/" + code + "/readings?from=2026-04-01T00:00:00%2B08:00&to=2026-04-02T00:00:00%2B08:00&step=P1D").array();
        assertEquals(12.0, stored.getJsonObject(0).getDouble("kwh"), 1e-9);
        assertEquals(2, stored.getJsonObject(0).getInteger("readings"));
    }

    @Test
    void unparseableBody_is400_andNothingIsStored() {
        String meter = Fixtures.newMeterId("U");
        String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        String broken = "[{\"meter\":\"" + meter + "\",\"ts\":\"" + ts("2026-04-02", 1) + "\",\"kwh\":1}, {\"meter\": ";
        Api.Answer a = admin.post("/api/v1/readings", "application/json", broken);
        assertEquals(400, a.status(), a.body());
        assertTrue(a.json().getString("error").contains("JSON"), a.body());
        assertEquals(400, admin.post("/api/v1/readings", "text/csv", "meter,when\nX,1\n").status());
        assertEquals(400, admin.post("/api/v1/readings", "application/json", "{\"meter\":1}").status());
        JsonArray stored = admin.get("/api/v1/enterprises/" + code + "/readings?from=2026-04-02T00:00:00%2B08:00&to=2026-04-03T00:00:00%2B08:00").array();
        assertEquals(0, stored.size());
    }

    @Test
    void bodyOverTheLimit_is413() {
        byte[] big = new byte[9 << 20]; // the test service allows 8 MiB
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        assertEquals(413, admin.post("/api/v1/readings", "application/json", big).status());
    }

    @Test
    void unknownContentType_is415() {
        assertEquals(415, admin.post("/api/v1/readings", "application/xml", "<x/>").status());
    }

    @Test
    void ndjsonWithABrokenLine_keepsTheOtherLines() {
        String meter = Fixtures.newMeterId("NB");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        String body = row(meter, ts("2026-04-03", 1)).put("kwh", 1).encode() + "\n{oops\n"
                + row(meter, ts("2026-04-03", 2)).put("kwh", 2).encode() + "\n";
        Api.Answer a = admin.post("/api/v1/readings", "application/x-ndjson", body);
        assertEquals(2, a.json().getInteger("accepted"), a.body());
        assertEquals(1, a.json().getJsonArray("rejected").getJsonObject(0).getInteger("row"));
    }

    @Test
    void ndjsonLinesThatAreNotOneObject_areRejectedOneByOne_andDoNotSpillIntoTheNextLine() {
        String meter = Fixtures.newMeterId("NX");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        String good1 = row(meter, ts("2026-04-04", 1)).put("kwh", 1).encode();
        String good2 = row(meter, ts("2026-04-04", 2)).put("kwh", 2).encode();
        String good3 = row(meter, ts("2026-04-04", 3)).put("kwh", 3).encode();
        String body = good1 + "\n"
                + "{\"meter\": \"" + meter + "\", \"kwh\": 1\n"   // 1: ends inside the object
                + good2 + " 5\n"                                     // 2: a second value after the object
                + "42\n"                                             // 3: not an object
                + "{\"meter\":{\"nested\":true},\"ts\":\"x\"}\n"   // 4: a nested value
                + good3 + "\n";                                     // 5: good again
        Api.Answer a = admin.post("/api/v1/readings", "application/x-ndjson", body);
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.json().getInteger("accepted"), a.body());
        JsonArray rejected = a.json().getJsonArray("rejected");
        assertEquals(4, rejected.size(), a.body());
        for (int i = 0; i < 4; i++) assertEquals(i + 1, rejected.getJsonObject(i).getInteger("row"), a.body());
    }

    private static JsonObject row(String meter, String ts) {
        return new JsonObject().put("meter", meter).put("ts", ts);
    }

    private static void assertContains(String text, String part) {
        assertTrue(text != null && text.contains(part), "expected '" + part + "' in: " + text);
    }
}
