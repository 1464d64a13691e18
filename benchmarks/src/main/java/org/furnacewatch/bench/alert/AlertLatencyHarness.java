package org.furnacewatch.bench.alert;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;
import org.furnacewatch.testing.Resurgence;
import org.furnacewatch.testing.TestService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end alert latency: from posting the reading that makes a closed site's alert to its webhook arriving at a
 * local receiver, while a background feed keeps posting other enterprises' readings.
 *
 * <p>Each trial site (CLOSED, two days of standby already stored) gets its load readings one request at a time,
 * 300 ms apart. Detection runs on event time and judges an interval once the enterprise's watermark (its newest
 * reading minus the profile's lateness) has passed it, so the alert fires on a reading that arrives after the
 * evidence. Two figures: <b>trigger</b>, from sending the POST after which the webhook arrived (the reading that
 * triggers the alert) to its arrival: what ingest, detection, the outbox and delivery add; and <b>evidence</b>,
 * from sending the reading named by the alert's {@code lastTs}, which also contains the wait for the later readings
 * that close its interval (at this harness's pace of 300 ms per reading). One real service (embedded PostgreSQL, real HTTP) in a
 * temporary directory; the receiver is a Vert.x HttpServer on loopback.
 *
 * <pre>./watch bench org.furnacewatch.bench.alert.AlertLatencyHarness [trials=60] [backgroundEnterprises=500] [batchesPerSecond=20]</pre>
 */
public final class AlertLatencyHarness {
    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int background = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int batchesPerSecond = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = Math.min(5, trials / 5);

        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();
        Vertx vertx = Vertx.vertx();
        HttpServer receiver = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(buf -> {
            long now = System.nanoTime();
            JsonObject body = buf.toJsonObject();
            arrivedAt.putIfAbsent(body.getString("enterprise"), now);
            waiting.computeIfAbsent(body.getString("enterprise"), k -> new CompletableFuture<>()).complete(body);
            req.response().setStatusCode(200).end();
        })).listen(0, "127.0.0.1").await();

        Path dir = Files.createTempDirectory("fw-bench-alert-");
        try (FurnaceWatch fw = FurnaceWatch.start(TestService.config(dir, null, 0))) {
            Api admin = new Api("http://127.0.0.1:" + fw.httpPort(), TestService.ADMIN);
            String district = "500102";
            admin.put("/api/v1/districts/" + district, new JsonObject().put("name", "涪陵区").put("parent", "500000").put("receivers",
                    new JsonArray().add(new JsonObject().put("type", "webhook").put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("secret", "bench"))));
            OffsetDateTime start = Resurgence.at("2026-03-01T00:00");

            // background enterprises: steady operating load, posted in batches of one interval for all of them
            String[] meters = new String[background];
            for (int i = 0; i < background; i++) {
                meters[i] = Fixtures.newMeterId("BG");
                Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "OPERATING", 2000, meters[i]).put("effectiveFrom", "2025-01-01T00:00:00+08:00"));
            }
            // trial sites: closed, two quiet days stored
            List<String[]> sites = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                String meter = Fixtures.newMeterId("TR");
                String code = Fixtures.putEnterprise(admin, Fixtures.enterprise(district, "CLOSED", 800, meter).put("effectiveFrom", "2025-12-01T00:00:00+08:00"));
                Resurgence.readings(admin, meter, start, 2 * 96 + 4, k -> 1.0);
                sites.add(new String[] {code, meter});
            }
            Resurgence.awaitDetection(admin);
            System.out.printf("setup: %d background enterprises, %d trial sites%n", background, trials);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong backgroundRows = new AtomicLong();
            Thread feed = Thread.ofPlatform().name("background-feed").start(() -> {
                OffsetDateTime t = Resurgence.at("2025-06-01T00:00"); // well behind the trial sites (event time), at any run length
                long periodNanos = 1_000_000_000L / batchesPerSecond;
                long next = System.nanoTime();
                while (running.get()) {
                    StringBuilder b = new StringBuilder(background * 80);
                    t = t.plusMinutes(15);
                    for (int i = 0; i < background; i++) {
                        b.append("{\"meter\":\"").append(meters[i]).append("\",\"ts\":\"").append(t).append("\",\"kwh\":")
                                .append(100 + (i % 7)).append("}\n");
                    }
                    if (admin.post("/api/v1/readings", "application/x-ndjson", b.toString()).status() == 200) backgroundRows.addAndGet(background);
                    next += periodNanos;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) java.util.concurrent.locks.LockSupport.parkNanos(sleep);
                }
            });

            long[] latencies = new long[trials];
            long[] evidence = new long[trials];
            long bgStart = backgroundRows.get();
            long t0 = System.nanoTime();
            for (int i = 0; i < trials; i++) {
                String code = sites.get(i)[0], meter = sites.get(i)[1];
                CompletableFuture<JsonObject> hook = waiting.computeIfAbsent(code, k -> new CompletableFuture<>());
                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                OffsetDateTime first = start.plusDays(2).plusHours(1);
                for (int k = 0; k < 16 && !hook.isDone(); k++) {
                    OffsetDateTime ts = first.plusMinutes(15L * (k + 1));
                    String row = new JsonObject().put("meter", meter).put("ts", ts.toString()).put("kwh", 150.0).encode();
                    sentAt.put(ts.toInstant().toString(), System.nanoTime());
                    admin.post("/api/v1/readings", "application/x-ndjson", row + "\n");
                    try {
                        hook.get(300, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.TimeoutException e) {
                        // not yet: the next load reading
                    }
                }
                JsonObject body = hook.get(30, TimeUnit.SECONDS);
                long arrival = arrivedAt.get(code);
                Long sent = sentAt.get(OffsetDateTime.parse(body.getString("lastTs")).toInstant().toString());
                if (sent == null) throw new IllegalStateException("lastTs " + body.getString("lastTs") + " was not posted in this trial");
                evidence[i] = arrival - sent;
                long trigger = Long.MIN_VALUE;
                for (long t : sentAt.values()) if (t <= arrival && t > trigger) trigger = t;
                latencies[i] = arrival - trigger;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long rows = backgroundRows.get() - bgStart;
            running.set(false);
            feed.join();

            System.out.printf("trials %d (after %d warm-up), background ingest %.0f rows/s during the trials%n", trials - warmup, warmup, rows / seconds);
            report("trigger  (POST of the reading that fires the alert -> webhook arrival)", Arrays.copyOfRange(latencies, warmup, trials));
            report("evidence (POST of the alert's lastTs reading -> webhook arrival)     ", Arrays.copyOfRange(evidence, warmup, trials));
        } finally {
            receiver.close().await();
            vertx.close().await();
        }
    }

    private static void report(String what, long[] measured) {
        Arrays.sort(measured);
        System.out.printf("%s: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what,
                pct(measured, 0.50), pct(measured, 0.90), pct(measured, 0.99), measured[measured.length - 1] / 1e6);
    }

    /** Nearest-rank percentile in milliseconds. */
    private static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
