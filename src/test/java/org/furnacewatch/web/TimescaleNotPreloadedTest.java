package org.furnacewatch.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A server with TimescaleDB installed but not in shared_preload_libraries: the service starts on native partitions
 * and says why, rather than failing at CREATE EXTENSION. Runs when {@code WATCH_TEST_TIMESCALE_UNLOADED_URL} names such
 * a server (deploy/README.md), skipped with a notice otherwise.
 */
class TimescaleNotPreloadedTest {
    static final String URL = System.getenv("WATCH_TEST_TIMESCALE_UNLOADED_URL");

    @Test
    void installedNotPreloaded_fallsBackToPartitions_andSaysWhy() throws Exception {
        if (URL == null || URL.isBlank()) {
            System.err.println("NOTICE TimescaleNotPreloadedTest SKIPPED: set WATCH_TEST_TIMESCALE_UNLOADED_URL to a server with TimescaleDB installed but not preloaded");
        }
        assumeTrue(URL != null && !URL.isBlank(), "WATCH_TEST_TIMESCALE_UNLOADED_URL not set: skipped");
        String database = "fw_tsu_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        String dbUrl = URL.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
        try {
            for (int start = 0; start < 2; start++) { // and again: the second start finds the converted table
                try (FurnaceWatch app = FurnaceWatch.start(TestService.config(Files.createTempDirectory("fw-tsu-"), dbUrl, 0))) {
                    assertFalse(app.database().timescale());
                    assertTrue(app.database().info().note().contains("shared_preload_libraries"), app.database().info().note());
                    Api admin = new Api("http://127.0.0.1:" + app.httpPort(), TestService.ADMIN);
                    JsonObject store = admin.get("/api/v1/store").json();
                    assertEquals("partitions", store.getString("layout"), store.encode());
                    assertEquals(Boolean.FALSE, store.getBoolean("preloaded"), store.encode());
                    assertEquals(200, admin.get("/health/ready").status());
                    Fixtures.district(admin, "500235", "石柱县");
                    String meter = Fixtures.newMeterId("TU");
                    String code = Fixtures.putEnterprise(admin, Fixtures.enterprise("500235", "OPERATING", 800, meter));
                    OffsetDateTime day = Resurgence.at("2026-10-01T00:00");
                    Resurgence.readings(admin, meter, day, 96, i -> 2.0);
                    JsonArray daily = admin.get("/api/v1/enterprises/" + code + "/readings?step=P1D&from=2026-10-01T00:00:00%2B08:00&to=2026-10-02T00:00:00%2B08:00").array();
                    assertEquals(192.0, daily.getJsonObject(0).getDouble("kwh"), 1e-9);
                    try (Connection c = DriverManager.getConnection(dbUrl); Statement st = c.createStatement();
                         java.sql.ResultSet rs = st.executeQuery("""
                                 SELECT count(*) FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
                                 WHERE c.relname = 'readings'""")) {
                        rs.next();
                        assertEquals(1, rs.getInt(1), "readings became natively partitioned (V7)");
                    }
                }
            }
        } finally {
            try (Connection c = DriverManager.getConnection(URL); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
