package org.furnacewatch.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.furnacewatch.ingest.IngestFormatsTest.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Duplicates, corrections and cumulative registers, checked against what PostgreSQL holds. */
class DuplicatesAndRegistersTest {
    static Api admin;
    static String district;

    @BeforeAll
    static void setUp() {
        admin = TestService.admin();
        district = TestService.newDistrictCode();
        Fixtures.district(admin, district, "重复测试区");
    }

    @Test
    void exactRepeat_isADuplicate_andANewValueIsAKeptCorrection() throws Exception {
        String meter = Fixtures.newMeterId("D");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        JsonArray first = new JsonArray().add(kwh(meter, 1, 10)).add(kwh(meter, 2, 20));
        assertEquals(2, post(first).getInteger("accepted"));

        JsonObject again = post(new JsonArray().add(kwh(meter, 1, 10)).add(kwh(meter, 2, 25)).add(kwh(meter, 3, 30)));
        assertEquals(1, again.getInteger("duplicates"), again.encode());
        assertEquals(2, again.getInteger("accepted"), again.encode());
        assertEquals(1, again.getInteger("corrections"), again.encode());

        assertEquals(List.of(10.0, 25.0, 30.0), storedKwh(meter));
        try (Connection c = TestService.get().database().connection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT old_kwh, new_kwh FROM reading_corrections rc JOIN meters m ON m.meter_key = rc.meter_key
                     WHERE m.meter_id = ?""")) {
            ps.setString(1, meter);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the replaced value is kept");
                assertEquals(20.0, rs.getDouble(1));
                assertEquals(25.0, rs.getDouble(2));
            }
        }
    }

    @Test
    void repeatWithinOneRequest_isADuplicate() throws Exception {
        String meter = Fixtures.newMeterId("DR");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 400, meter));
        JsonObject a = post(new JsonArray().add(kwh(meter, 1, 10)).add(kwh(meter, 1, 10)).add(kwh(meter, 2, 5)));
        assertEquals(2, a.getInteger("accepted"), a.encode());
        assertEquals(1, a.getInteger("duplicates"), a.encode());
        assertEquals(List.of(10.0, 5.0), storedKwh(meter));
    }

    @Test
    void registerValues_becomeIntervalKwhWithTheMultiplier_acrossAMeterReplacement() throws Exception {
        String meter = Fixtures.newMeterId("R");
        JsonObject e = Fixtures.enterprise(district, "OPERATING", 2000, meter);
        e.getJsonArray("meters").getJsonObject(0).put("multiplier", 40);
        Fixtures.putEnterprise(admin, e);
        JsonArray rows = new JsonArray()
                .add(reg(meter, 1, 1000.0))   // baseline: unknown consumption, not zero
                .add(reg(meter, 2, 1002.5))   // 2.5 x 40 = 100 kWh
                .add(reg(meter, 3, 1004.0))   // 60
                .add(reg(meter, 4, 0.5))      // replaced meter restarts: 0.5 x 40 = 20, never negative
                .add(reg(meter, 5, 1.5));     // 40
        JsonObject a = post(rows);
        assertEquals(5, a.getInteger("accepted"), a.encode());
        List<Double> kwh = storedKwh(meter);
        assertTrue(kwh.get(0).isNaN(), "baseline register has no kWh");
        assertEquals(List.of(100.0, 60.0, 20.0, 40.0), kwh.subList(1, 5));
        assertEquals(List.of(0, 0, 0, 1, 0), storedFlags(meter));
    }

    @Test
    void lateRegisterReading_splitsTheIntervalItFallsIn() throws Exception {
        String meter = Fixtures.newMeterId("RL");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 2000, meter));
        post(new JsonArray().add(reg(meter, 1, 100)).add(reg(meter, 3, 130)));
        assertEquals(30.0, storedKwh(meter).get(1));
        JsonObject a = post(new JsonArray().add(reg(meter, 2, 110)));
        assertEquals(1, a.getInteger("accepted"), a.encode());
        List<Double> kwh = storedKwh(meter);
        assertEquals(List.of(10.0, 20.0), kwh.subList(1, 3), "100 -> 110 -> 130");
        // re-sending a register reading is a duplicate, not a correction
        assertEquals(1, post(new JsonArray().add(reg(meter, 3, 130))).getInteger("duplicates"));
    }

    @Test
    void registerJumpNoMeterCanCount_isKeptAsANewBaseline_neverRejected() throws Exception {
        // issue 10: a rejected register row made every later row count from the wrong predecessor (1,215 rows lost)
        String meter = Fixtures.newMeterId("RC");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 100, meter));
        JsonObject a = post(new JsonArray().add(reg(meter, 1, 100)).add(reg(meter, 2, 5000)).add(reg(meter, 3, 5010)));
        assertEquals(3, a.getInteger("accepted"), a.encode());
        assertTrue(a.getJsonArray("rejected").isEmpty(), a.encode());
        List<Double> kwh = storedKwh(meter);
        assertTrue(kwh.get(1).isNaN(), "the jump is a baseline, consumption unknown: " + kwh);
        assertEquals(10.0, kwh.get(2));
    }

    @Test
    void replacedMeterStartingLow_afterANearlyFullRegister_losesNoReadings() throws Exception {
        // the incident of issue 10: 95,000 then a new meter from 50 looked like a rollover worth 5,050 kWh
        String meter = Fixtures.newMeterId("RR");
        Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 100, meter));
        JsonArray rows = new JsonArray().add(reg(meter, 1, 95_000)).add(reg(meter, 2, 50));
        for (int i = 3; i <= 40; i++) rows.add(reg(meter, i, 50 + 5 * (i - 2)));
        JsonObject a = post(rows);
        assertEquals(40, a.getInteger("accepted"), a.encode());
        assertTrue(a.getJsonArray("rejected").isEmpty(), a.encode());
        assertEquals(5.0, storedKwh(meter).get(39));
    }

    @Test
    void multiplierChange_appliesFromItsEffectiveDate() throws Exception {
        String meter = Fixtures.newMeterId("RM");
        JsonObject e = Fixtures.enterprise(district, "OPERATING", 5000, meter);
        e.put("effectiveFrom", "2026-01-01T00:00:00+08:00");
        String code = Fixtures.putEnterprise(admin, e);
        JsonObject changed = e.copy().put("effectiveFrom", "2026-04-10T00:30:00+08:00");
        changed.getJsonArray("meters").getJsonObject(0).put("multiplier", 10);
        assertEquals(200, admin.put("/api/v1/enterprises/" + code, changed).status());
        JsonArray rows = new JsonArray();
        rows.add(new JsonObject().put("meter", meter).put("ts", "2026-04-10T00:15:00+08:00").put("register", 10));
        rows.add(new JsonObject().put("meter", meter).put("ts", "2026-04-10T00:30:00+08:00").put("register", 12)); // interval (00:15, 00:30] lies before the change: x1
        rows.add(new JsonObject().put("meter", meter).put("ts", "2026-04-10T00:45:00+08:00").put("register", 15)); // x10
        post(rows);
        assertEquals(List.of(2.0, 30.0), storedKwh(meter).subList(1, 3));
    }

    private static JsonObject post(JsonArray rows) {
        Api.Answer a = admin.post("/api/v1/readings", "application/json", rows.encode());
        assertEquals(200, a.status(), a.body());
        return a.json();
    }

    private static JsonObject kwh(String meter, int quarter, double v) {
        return new JsonObject().put("meter", meter).put("ts", ts("2026-05-01", quarter)).put("kwh", v);
    }

    private static JsonObject reg(String meter, int quarter, double v) {
        return new JsonObject().put("meter", meter).put("ts", ts("2026-05-02", quarter)).put("register", v);
    }

    static List<Double> storedKwh(String meter) throws Exception {
        List<Double> out = new ArrayList<>();
        try (Connection c = TestService.get().database().connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT r.kwh FROM readings r JOIN meters m ON m.meter_key = r.meter_key WHERE m.meter_id = ? ORDER BY r.ts")) {
            ps.setString(1, meter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double v = rs.getDouble(1);
                    out.add(rs.wasNull() ? Double.NaN : v);
                }
            }
        }
        return out;
    }

    static List<Integer> storedFlags(String meter) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Connection c = TestService.get().database().connection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT r.flags FROM readings r JOIN meters m ON m.meter_key = r.meter_key WHERE m.meter_id = ? ORDER BY r.ts")) {
            ps.setString(1, meter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
