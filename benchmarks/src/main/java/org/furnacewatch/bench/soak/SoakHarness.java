package org.furnacewatch.bench.soak;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.registry.CreditCode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reduced soak (issue 13): a city's meters reporting every 15 minutes, replayed at one interval per
 * {@code slotMillis} (default 1 s: 900 x real time), time-major as a collection system sends them, while
 * {@code readers} clients read alerts and series; for {@code minutes}. Every 30 s it records the JVM heap after
 * the last collection (old generation), the service's RSS and PostgreSQL's total RSS, and the light-read p99.
 * Loopback only, bounded in time.
 *
 * <pre>
 * ./watch bench -Xmx2g org.furnacewatch.bench.soak.SoakHarness
 * # -Dmeters=5000 -Dminutes=12 -DslotMillis=1000 -Dreaders=4, all before the class
 * </pre>
 */
public final class SoakHarness {
    private static final String ADMIN = "bench-admin-token-soak-0123456789";
    private static final String DISTRICT = "500102";
    private final int meters = Integer.getInteger("meters", 5000);
    private final int minutes = Integer.getInteger("minutes", 12);
    private final int slotMillis = Integer.getInteger("slotMillis", 1000);
    private final int readers = Integer.getInteger("readers", 4);
    private String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> codes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new SoakHarness().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("fw-soak-");
        Config config = Config.fromEnvironment(System.getenv(), Map.of("WATCH_HTTP_PORT", "0", "WATCH_DATA_DIR", dir.toString(),
                "WATCH_ADMIN_TOKEN", ADMIN, "WATCH_DB_URL", ""), false);
        try (FurnaceWatch app = FurnaceWatch.start(config)) {
            base = "http://127.0.0.1:" + app.httpPort();
            register();
            Instant start = Instant.now().minus(Duration.ofDays(Math.max(2, minutes * 60L * 1000 / slotMillis / 96 + 2))).truncatedTo(ChronoUnit.DAYS);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong sent = new AtomicLong(), refused = new AtomicLong(), failed = new AtomicLong();
            List<long[]> latencies = new ArrayList<>();
            AtomicLong readIndex = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            long[][] window = new long[readers][];
            int[][] count = new int[readers][1];
            for (int r = 0; r < readers; r++) {
                window[r] = new long[1_000_000];
                int id = r;
                threads.add(Thread.ofPlatform().name("reader-" + r).start(() -> {
                    while (!stop.get()) {
                        long i = readIndex.getAndIncrement();
                        String code = codes.get((int) (i % codes.size()));
                        String path = i % 2 == 0 ? "/api/v1/alerts?district=" + DISTRICT : "/api/v1/enterprises/" + code;
                        long t0 = System.nanoTime();
                        int status = get(path);
                        synchronized (window[id]) {
                            if (status == 200 && count[id][0] < window[id].length) window[id][count[id][0]++] = System.nanoTime() - t0;
                        }
                        sleep(50);
                    }
                }));
            }
            SplittableRandom rnd = new SplittableRandom(13);
            long t0 = System.currentTimeMillis(), end = t0 + minutes * 60_000L, nextSample = t0;
            System.out.println("| minute | simulated day | readings sent | 503s | heap after GC MiB | service RSS MiB | PostgreSQL RSS MiB | light p99 ms |");
            System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
            int slot = 0;
            while (System.currentTimeMillis() < end) {
                long slotStart = System.currentTimeMillis();
                Instant ts = start.plus(Duration.ofMinutes(15L * (slot + 1)));
                StringBuilder csv = new StringBuilder(meters * 40).append("meter,ts,kwh\n");
                String tsText = ts.atOffset(ZoneOffset.ofHours(8)).toString();
                for (int m = 0; m < meters; m++) csv.append("SOAK-").append(m).append(',').append(tsText).append(',').append(5 + rnd.nextInt(60)).append('\n');
                int status = post("/api/v1/readings", csv.toString());
                if (status == 200) sent.addAndGet(meters);
                else if (status == 503) refused.incrementAndGet();
                else failed.incrementAndGet();
                slot++;
                if (System.currentTimeMillis() >= nextSample) {
                    long p99 = 0;
                    List<Long> all = new ArrayList<>();
                    for (int r = 0; r < readers; r++) synchronized (window[r]) {
                        for (int i = 0; i < count[r][0]; i++) all.add(window[r][i]);
                        count[r][0] = 0;
                    }
                    all.sort(null);
                    if (!all.isEmpty()) p99 = all.get(Math.min(all.size() - 1, (int) Math.ceil(0.99 * all.size()) - 1));
                    System.out.printf("| %.1f | %s | %,d | %d | %.0f | %.0f | %.0f | %.1f |%n", (System.currentTimeMillis() - t0) / 60_000.0,
                            ts.atOffset(ZoneOffset.ofHours(8)).toLocalDate(), sent.get(), refused.get(), oldGenAfterGc() / 1048576.0,
                            ProcessMemory.rss(ProcessHandle.current().pid()) / 1024.0, ProcessMemory.postgresRss("fw-soak-") / 1024.0, p99 / 1e6);
                    nextSample += 30_000;
                }
                long left = slotMillis - (System.currentTimeMillis() - slotStart);
                if (left > 0) Thread.sleep(left);
            }
            stop.set(true);
            for (Thread t : threads) t.join(30_000);
            System.out.printf("soak: %d slots, %,d readings acknowledged, %d answers 503, %d other failures%n", slot, sent.get(), refused.get(), failed.get());
        }
    }

    private void register() {
        send("PUT", "/api/v1/districts/" + DISTRICT, new JsonObject().put("name", "涪陵区").put("parent", "500100").put("receivers", new JsonArray()));
        for (int e = 0; e < meters; e++) {
            String code = CreditCode.withCheck(String.format("91500102MA%07d", 5_000_000 + e));
            send("PUT", "/api/v1/enterprises/" + code, new JsonObject().put("name", "浸泡测试企业" + e).put("district", DISTRICT)
                    .put("industry", e % 7 == 0 ? "3391" : "3311").put("status", e % 50 == 0 ? "CLOSED" : "OPERATING").put("capacityKva", 400)
                    .put("meters", new JsonArray().add(new JsonObject().put("id", "SOAK-" + e).put("multiplier", 1)))
                    .put("effectiveFrom", "2024-01-01T00:00:00+08:00"));
            codes.add(code);
        }
        System.out.printf("[soak] %d enterprises registered%n", meters);
    }

    /** Old-generation usage after the last collection: what survives, the figure that must stay flat. */
    private static long oldGenAfterGc() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getCollectionUsage() != null && p.getName().contains("Old")) used += p.getCollectionUsage().getUsed();
        }
        return used;
    }


    private int get(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN).GET());
    }

    private int post(String path, String csv) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
    }

    private void send(String method, String path, JsonObject body) {
        int s = exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8)));
        if (s != 200) throw new IllegalStateException(method + " " + path + ": " + s);
    }

    private int exchange(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
