package org.furnacewatch.faults;

import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.store.EmbeddedPostgres;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CONTRACT "Readings": a store that cannot take writes is 503 with Retry-After and nothing of that request
 * is half-written. PostgreSQL (external to the service) is stopped in the middle of a sustained ingest and
 * started again after seconds; the service must answer 503 meanwhile, report not-ready, and resume by itself:
 * readings are taken, and it is ready, only once reads work again too.
 */
class StoreRestartedUnderLoadTest {
    private static final int OUTAGE_SECONDS = 15;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void storeStoppedMidIngest_answers503ThenResumesByItself_andLosesOrHalfWritesNothing() throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.start(tmp.resolve("pg"), 0);
        FurnaceWatch service = null;
        ReadingLoad load = new ReadingLoad();
        try {
            service = FurnaceWatch.start(TestService.config(tmp.resolve("svc"), pg.jdbcUrl(), 0));
            String base = "http://127.0.0.1:" + service.httpPort();
            Api admin = new Api(base, TestService.ADMIN);
            load.register(admin, "500152");
            String feed = admin.token("feed", null);
            assertEquals(200, health(base));

            load.start(base, feed, 3, true);
            long loadStart = System.nanoTime();
            Deadline.await("10 acknowledged requests", Duration.ofSeconds(60), () -> load.acked() >= 10, load::status);
            Deadline.await("2 s of sustained load", Duration.ofSeconds(10),
                    () -> System.nanoTime() - loadStart > TimeUnit.SECONDS.toNanos(2));
            assertEquals(0, load.refusedAnswers(), "no 503 while the store is up: " + load.status());

            pg.stop();
            long down = System.nanoTime();
            Deadline.await("/health/ready 503 with the store down", Duration.ofSeconds(20), () -> health(base) == 503);
            Deadline.await("a 503 for every client while the store is down", Duration.ofSeconds(20),
                    load::everyClientRefused, load::status);
            assertEquals(503, health(base), "still not ready while the store is down");
            // an outage of seconds, as a restart or failover takes: the clients keep sending meanwhile, and the
            // pool's reconnect backoff grows past the writer's (readiness must wait for both)
            Deadline.await(OUTAGE_SECONDS + " s of outage", Duration.ofSeconds(OUTAGE_SECONDS + 10),
                    () -> System.nanoTime() - down > TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS));

            int ackedAtRestart = load.acked();
            pg.restart();
            long up = System.nanoTime();
            Deadline.await("ingest resumes by itself (200s and ready)", Duration.ofSeconds(60),
                    () -> load.acked() > ackedAtRestart && health(base) == 200, load::status);
            long resumedMillis = (System.nanoTime() - up) / 1_000_000;
            // readings taken and ready mean reads work as well, not only the writer's own connection (the pool refills later)
            Api.Answer read = admin.get("/api/v1/enterprises/" + load.enterprises().get(0)
                    + "/readings?step=P1D&from=2015-01-01T00:00:00%2B08:00&to=2015-01-02T00:00:00%2B08:00");
            assertEquals(200, read.status(), "a read as soon as the service is ready again: " + read.body());
            Deadline.await("5 more acknowledged requests", Duration.ofSeconds(60),
                    () -> load.acked() >= ackedAtRestart + 5, load::status);
            load.stopAndJoin(Duration.ofSeconds(120));

            assertTrue(load.problems().isEmpty(), "every answer is 200 or 503 with Retry-After: " + load.problems());
            assertEquals(0, load.unansweredAttempts(), "the service never went away, so every request is answered: " + load.status());

            ReadingLoad.Verdict v;
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), EmbeddedPostgres.USER, null)) {
                v = load.verify(c);
            }
            assertTrue(v.refusedAbandoned() >= 1, "some refused requests were abandoned (and left nothing): " + v);
            assertTrue(v.ackedAfterRefusal() >= 1, "some refused requests were re-sent and taken: " + v);
            load.verifyViaApi(admin, v);
            System.out.println("StoreRestartedUnderLoadTest: " + v + ", 503 answers " + load.refusedAnswers()
                    + ", store down " + (up - down) / 1_000_000 + " ms, ingest resumed " + resumedMillis + " ms after the restart");
        } finally {
            load.stopQuietly();
            if (service != null) service.close();
            pg.stop();
        }
    }

    private static int health(String base) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/health/ready")).timeout(Duration.ofSeconds(5)).GET().build();
            return HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
