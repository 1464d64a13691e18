package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Receiver;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.furnacewatch.store.ReadingQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service on a real TimescaleDB, after its first month: chunks compressed, history backfilled, a restart.
 *
 * <p>Runs only when {@code WATCH_TEST_TIMESCALE_URL} names a TimescaleDB server with timescaledb preloaded, e.g.
 * {@code jdbc:postgresql://127.0.0.1:54815/postgres?user=postgres} (deploy/README.md: how one was built here); the
 * role must be allowed to create databases. Each run makes a fresh database and drops it afterwards. Without the
 * setting the test is skipped and says so (the test command cannot install TimescaleDB; CI has none).
 */
class TimescaleStoreTest {
    static final String URL = System.getenv("WATCH_TEST_TIMESCALE_URL");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static String database;
    static String dbUrl;

    /** A fresh database on the TimescaleDB server; skipped (counted and reported as such) without one. */
    static void createDatabase() throws SQLException {
        if (URL == null || URL.isBlank()) {
            System.err.println("NOTICE TimescaleStoreTest SKIPPED: set WATCH_TEST_TIMESCALE_URL to a TimescaleDB server to run the TimescaleDB tests");
        }
        assumeTrue(URL != null && !URL.isBlank(), "WATCH_TEST_TIMESCALE_URL not set: TimescaleDB tests skipped");
        database = "fw_ts_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        dbUrl = URL.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (database == null) return;
        try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @Test
    void afterFirstMonth_compressedHistory_backfill_restart() throws Exception {
        createDatabase();
        var dir = Files.createTempDirectory("fw-ts-");
        String district = "500234";
        LocalDate lastDay = LocalDate.now(ZONE).minusDays(1);
        OffsetDateTime end = lastDay.atStartOfDay(ZONE).toOffsetDateTime();
        OffsetDateTime start = end.minusDays(45);
        OffsetDateTime yearStart = end.minusDays(365);
        OffsetDateTime moved = start.plusDays(30).plusHours(13);
        String sealed, a, b, y, alertId;
        String m1 = Fixtures.newMeterId("TA"), m2 = Fixtures.newMeterId("TB"), ms = Fixtures.newMeterId("TS"), my = Fixtures.newMeterId("TY");

        try (FurnaceWatch first = FurnaceWatch.start(TestService.config(dir, dbUrl, 0))) {
            assertTrue(first.database().timescale(), "readings is a hypertable: " + first.database().info().describe());
            Api admin = new Api("http://127.0.0.1:" + first.httpPort(), TestService.ADMIN);
            JsonObject store = admin.get("/api/v1/store").json();
            assertEquals("timescaledb", store.getString("layout"), store.encode());
            assertEquals(Boolean.TRUE, store.getBoolean("preloaded"), store.encode());

            Fixtures.district(admin, district, "垫江县");
            // a sealed works that rekindles on day 20 of 45: its alert lies in chunks compressed below, inside the rebuild window
            sealed = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "SEALED", 800, ms).put("effectiveFrom", yearStart.toString()));
            a = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 800, m1, m2).put("effectiveFrom", yearStart.toString()));
            y = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 800, my).put("effectiveFrom", yearStart.toString()));
            // m2 moves from A to B at 13:00 on day 30: each is counted with its owner of the time
            Api.Answer put = admin.put("/api/v1/enterprises/" + a, Fixtures.enterprise(district, "OPERATING", 800, m1)
                    .put("effectiveFrom", moved.toString()));
            assertEquals(200, put.status(), put.body());
            b = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 800, m2).put("effectiveFrom", moved.toString()));

            int days = 45 * 96;
            Resurgence.readings(admin, ms, start, days, i -> i / 96 == 20 && i % 96 >= 40 && i % 96 < 72 ? 150.0 : 1.0);
            Resurgence.readings(admin, m1, start, days, i -> 20 + (i % 96) * 0.37 + (i / 96) * 0.011);
            Resurgence.readings(admin, m2, start, days, i -> 5 + (i % 7) * 1.3);
            Resurgence.readings(admin, my, yearStart, 365 * 96, i -> 3 + (i % 96) * 0.21 + (i / 96 % 7) * 0.5);
            Resurgence.awaitDetection(admin);
            JsonArray alerts = admin.get("/api/v1/alerts?enterprise=" + sealed).array();
            assertEquals(1, alerts.size(), alerts.encode());
            alertId = alerts.getJsonObject(0).getString("id");

            // compress everything older than a week: the first ~5 weeks of the 45 days and the year's history
            int compressed = scalarInt("SELECT count(compress_chunk(c, if_not_compressed => true)) FROM show_chunks('readings', older_than => now() - interval '8 days') c");
            assertTrue(compressed >= 5, "compressed chunks: " + compressed);
            first.aggregates().refreshNow();

            // P1D over compressed days, from the aggregate, equals the raw path; so does PT1H; per owner across the move
            long served = first.aggregates().bucketsFromAggregate();
            for (String e : List.of(a, b, y, sealed)) {
                assertSameSeries(first, admin, e, start, end, "P1D");
                assertSameSeries(first, admin, e, start.plusDays(28), start.plusDays(33), "PT1H");
            }
            assertTrue(first.aggregates().bucketsFromAggregate() > served + 45, "the aggregates were read");
            // a year of daily kWh for a chart
            served = first.aggregates().bucketsFromAggregate();
            assertSameSeries(first, admin, y, yearStart, end, "P1D");
            assertTrue(first.aggregates().bucketsFromAggregate() >= served + 300, "a year's days from the aggregate");
            // and the P1D sums of compressed days equal sums straight from readings
            JsonArray daily = admin.get("/api/v1/enterprises/" + y + "/readings?step=P1D&from=" + enc(yearStart) + "&to=" + enc(end)).array();
            assertEquals(365, daily.size());
            double rawDay = scalarDouble("SELECT sum(kwh) FROM readings r JOIN meters m ON m.meter_key = r.meter_key WHERE m.meter_id = '" + my
                    + "' AND ts > '" + yearStart.plusDays(10) + "' AND ts <= '" + yearStart.plusDays(11) + "'");
            assertEquals(rawDay, daily.getJsonObject(10).getDouble("kwh"), 1e-9 * rawDay);
            // the aggregate itself: a local day holds its 96 interval ends, midnight included (the 285 vs 288)
            String day10 = "m.meter_id = '" + my + "' AND a.bucket > '" + yearStart.plusDays(10) + "' AND a.bucket < '" + yearStart.plusDays(11) + "'";
            assertEquals(96, scalarInt("SELECT sum(a.n) FROM readings_daily a JOIN meters m ON m.meter_key = a.meter_key WHERE " + day10));
            assertEquals(rawDay, scalarDouble("SELECT sum(a.kwh) FROM readings_daily a JOIN meters m ON m.meter_key = a.meter_key WHERE " + day10),
                    1e-9 * rawDay);

            // a correction and a backfill into compressed history are in the very next answer, before any refresh
            Resurgence.readings(admin, m1, start.plusDays(3), 96, i -> 1.5);
            Resurgence.readings(admin, ms, start.minusDays(2), 96, i -> 2.0);
            assertSameSeries(first, admin, a, start, end, "P1D");
            assertSameSeries(first, admin, sealed, start.minusDays(3), end, "P1D");
            first.aggregates().refreshNow();
            served = first.aggregates().bucketsFromAggregate();
            assertSameSeries(first, admin, a, start, end, "P1D");
            assertSameSeries(first, admin, sealed, start.minusDays(3), end, "P1D");
            assertTrue(first.aggregates().bucketsFromAggregate() > served + 40, "refreshed over the backfill: from the aggregate again");

            // never stale while refreshes run concurrently: corrections here and there, each answer checked at once
            var refresher = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 40 && !Thread.currentThread().isInterrupted(); i++) {
                    try {
                        first.aggregates().refreshNow();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            for (int i = 0; i < 30; i++) {
                int day = (i * 7) % 44;
                double v = 2.0 + i;
                Resurgence.readings(admin, m1, start.plusDays(day).plusHours(i % 24), 8, k -> v);
                assertSameSeries(first, admin, a, start, end, "P1D");
                assertSameSeries(first, admin, a, start.plusDays(day), start.plusDays(day + 2), "PT1H");
            }
            refresher.interrupt();
            refresher.join();

            // a backtest over compressed history finishes
            JsonObject bt = admin.post("/api/v1/backtests", new JsonObject().put("from", start.toString()).put("to", end.toString())
                    .put("district", district)).json();
            long until = System.currentTimeMillis() + 120_000;
            while (!"DONE".equals(bt.getString("state")) && !"FAILED".equals(bt.getString("state")) && System.currentTimeMillis() < until) {
                Thread.sleep(200);
                bt = admin.get("/api/v1/backtests/" + bt.getString("id")).json();
            }
            assertEquals("DONE", bt.getString("state"), bt.encode());

            // a profile switch replays the compressed window with its snapshot
            int switches = first.detection().profileSwitches();
            Api.Answer p = admin.patch("/api/v1/detection/profiles", new JsonObject()
                    .put("districts", new JsonObject().put(district, new JsonObject().put("furnace", new JsonObject().put("licensedTolerance", 1.7))))
                    .put("reason", "test: switch over compressed chunks"));
            assertEquals(200, p.status(), p.body());
            Receiver.await("the profile switch", () -> first.detection().profileSwitches() > switches);
            Resurgence.readings(admin, m1, end.minusHours(2), 4, i -> 30.0); // queued behind the switch, checked against its snapshot
            Resurgence.awaitDetection(admin);
        }

        try (FurnaceWatch second = FurnaceWatch.start(TestService.config(dir, dbUrl, 0))) {
            Api admin = new Api("http://127.0.0.1:" + second.httpPort(), TestService.ADMIN);
            assertEquals(200, admin.get("/health/ready").status());
            assertTrue(second.detection().rebuilt());
            assertTrue(second.detection().processed() > 30 * 96, "replayed compressed history: " + second.detection().processed());
            Resurgence.awaitDetection(admin);
            JsonArray after = admin.get("/api/v1/alerts?enterprise=" + sealed).array();
            assertEquals(1, after.size(), "no duplicate alert after the restart: " + after.encode());
            assertEquals(alertId, after.getJsonObject(0).getString("id"));
            second.aggregates().refreshNow();
            assertSameSeries(second, admin, a, start, end, "P1D");
            assertSameSeries(second, admin, y, yearStart, end, "P1D");
        }
    }

    /** The API's series (aggregates where possible) equals the raw path's over the same meter spans. */
    static void assertSameSeries(FurnaceWatch app, Api admin, String enterprise, OffsetDateTime from, OffsetDateTime to, String step)
            throws SQLException {
        JsonArray api = admin.get("/api/v1/enterprises/" + enterprise + "/readings?step=" + step + "&from=" + enc(from) + "&to=" + enc(to)).array();
        List<ReadingQueries.MeterSpan> spans = ReadingQueryRoutes.spans(app.registry().enterprise(enterprise), app.registry());
        List<ReadingQueries.Point> raw = new ReadingQueries(app.database().pool())
                .series(spans, from.toInstant(), to.toInstant(), ReadingQueries.Step.parse(step), ZONE);
        assertEquals(raw.size(), api.size(), enterprise + " " + step + ": " + api.encode());
        for (int i = 0; i < raw.size(); i++) {
            JsonObject p = api.getJsonObject(i);
            ReadingQueries.Point r = raw.get(i);
            assertEquals(r.end(), OffsetDateTime.parse(p.getString("ts")).toInstant(), step + " step " + i);
            assertEquals(r.readings(), p.getInteger("readings"), step + " readings at " + r.end());
            assertEquals(r.kwh(), p.getDouble("kwh"), 1e-9 * Math.max(1, Math.abs(r.kwh())), step + " kWh at " + r.end());
        }
    }

    static String enc(OffsetDateTime t) {
        return java.net.URLEncoder.encode(t.withOffsetSameInstant(ZoneOffset.ofHours(8)).toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static int scalarInt(String sql) throws SQLException {
        return (int) scalarDouble(sql);
    }

    static double scalarDouble(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
