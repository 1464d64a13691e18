package org.furnacewatch.faults;

import org.furnacewatch.testing.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONTRACT "Starting it": a crash (SIGKILL) loses nothing that was acknowledged. The service runs as its
 * own JVM with the embedded PostgreSQL; it is killed while clients are posting, started again on the same
 * data directory, and the store must hold every acknowledged request exactly once and no request in part.
 */
class ServiceKilledDuringIngestTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void serviceKilledDuringIngest_keepsEveryAcknowledgedReadingExactlyOnce() throws Exception {
        Path dataDir = tmp.resolve("data");
        int port = ServiceProcess.freePort();
        ServiceProcess first = ServiceProcess.start(dataDir, port, tmp.resolve("first.log"));
        ServiceProcess second = null;
        ReadingLoad load = new ReadingLoad();
        try {
            first.awaitReady(Duration.ofSeconds(120));
            Api admin = new Api(first.baseUrl(), ServiceProcess.ADMIN);
            load.register(admin, "500151");
            String feed = admin.token("feed", null);

            load.start(first.baseUrl(), feed, 3, false);
            long loadStart = System.nanoTime();
            Deadline.await("10 acknowledged requests", Duration.ofSeconds(60), () -> load.acked() >= 10, load::status);
            Deadline.await("3 s of sustained load", Duration.ofSeconds(10),
                    () -> System.nanoTime() - loadStart > TimeUnit.SECONDS.toNanos(3));
            int ackedBeforeKill = load.acked();

            load.markFault();
            int exit = first.kill();
            assertEquals(137, exit, "SIGKILL (128 + 9), not a graceful stop");
            load.stopAndJoin(Duration.ofSeconds(60));
            assertTrue(load.problems().isEmpty(), "unexpected answers before the kill: " + load.problems());
            assertTrue(load.resetAttempts() >= 1, "the kill should have cut requests in flight (none was): " + load.status());
            assertTrue(load.acked() >= ackedBeforeKill);

            second = ServiceProcess.start(dataDir, port, tmp.resolve("second.log"));
            second.awaitReady(Duration.ofSeconds(120));
            assertTrue(second.logText().contains("left running by an earlier process"),
                    "the restart should find and restart the PostgreSQL the killed JVM left:\n" + second.logTail());

            ReadingLoad.Verdict v;
            try (Connection c = second.jdbc()) {
                v = load.verify(c);
            }
            assertEquals(load.acked(), v.acked());
            assertTrue(v.rows() >= (long) v.acked() * ReadingLoad.BATCH_ROWS);
            load.verifyViaApi(new Api(second.baseUrl(), ServiceProcess.ADMIN), v);
            System.out.println("ServiceKilledDuringIngestTest: " + v + ", cut in flight by the kill: " + load.resetAttempts());
        } finally {
            load.stopQuietly();
            first.stopQuietly();
            if (second != null) second.stopQuietly();
            first.keepLog("killed-first.log");
            if (second != null) second.keepLog("killed-second.log");
            ServiceProcess.stopLeftoverPostgres(dataDir);
        }
        assertTrue(!ServiceProcess.postgresRunning(dataDir), "embedded PostgreSQL still running after the test");
    }
}
