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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONTRACT "Starting it": a stop (SIGTERM) finishes or refuses in-flight requests cleanly. The service,
 * as its own JVM, gets SIGTERM while clients are posting: it must exit in time, stop its embedded
 * PostgreSQL, answer what it had taken in, and after a restart hold every acknowledged request.
 */
class SigtermDrainsCleanlyTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sigtermDuringIngest_exitsInTimeAndKeepsEveryAcknowledgedReading() throws Exception {
        Path dataDir = tmp.resolve("data");
        int port = ServiceProcess.freePort();
        ServiceProcess first = ServiceProcess.start(dataDir, port, tmp.resolve("first.log"));
        ServiceProcess second = null;
        ReadingLoad load = new ReadingLoad();
        try {
            first.awaitReady(Duration.ofSeconds(120));
            Api admin = new Api(first.baseUrl(), ServiceProcess.ADMIN);
            load.register(admin, "500153");
            String feed = admin.token("feed", null);

            load.start(first.baseUrl(), feed, 3, false);
            long loadStart = System.nanoTime();
            Deadline.await("10 acknowledged requests", Duration.ofSeconds(60), () -> load.acked() >= 10, load::status);
            Deadline.await("3 s of sustained load", Duration.ofSeconds(10),
                    () -> System.nanoTime() - loadStart > TimeUnit.SECONDS.toNanos(3));

            long t0 = System.nanoTime();
            load.markFault();
            int exit = first.terminate(Duration.ofSeconds(60));
            long stopMillis = (System.nanoTime() - t0) / 1_000_000;
            load.stopAndJoin(Duration.ofSeconds(60));
            assertEquals(143, exit, "exit after SIGTERM (128 + 15) with the shutdown hook run:\n" + first.logTail());
            assertTrue(stopMillis < 30_000, "stopped in " + stopMillis + " ms");
            assertTrue(load.problems().isEmpty(), "every answer is 200, or 503 with Retry-After: " + load.problems());
            assertFalse(ServiceProcess.postgresRunning(dataDir), "a graceful stop stops the embedded PostgreSQL too");

            second = ServiceProcess.start(dataDir, port, tmp.resolve("second.log"));
            second.awaitReady(Duration.ofSeconds(120));
            assertFalse(second.logText().contains("left running by an earlier process"),
                    "after a graceful stop nothing is left running:\n" + second.logTail());

            ReadingLoad.Verdict v;
            try (Connection c = second.jdbc()) {
                v = load.verify(c);
            }
            assertEquals(load.acked(), v.acked());
            assertEquals(0, v.unansweredPresent(), "a stop answers every request it stores (finishes or refuses, never "
                    + "stores silently); cut: " + load.resets());
            load.verifyViaApi(new Api(second.baseUrl(), ServiceProcess.ADMIN), v);
            System.out.println("SigtermDrainsCleanlyTest: " + v + ", stopped in " + stopMillis + " ms, 503 answers "
                    + load.refusedAnswers() + ", unanswered " + load.unansweredAttempts() + " (cut on an open connection: "
                    + load.resetAttempts() + ") " + load.resets());
        } finally {
            load.stopQuietly();
            first.stopQuietly();
            if (second != null) second.stopQuietly();
            first.keepLog("sigterm-first.log");
            if (second != null) second.keepLog("sigterm-second.log");
            ServiceProcess.stopLeftoverPostgres(dataDir);
        }
        assertFalse(ServiceProcess.postgresRunning(dataDir), "embedded PostgreSQL still running after the test");
    }
}
