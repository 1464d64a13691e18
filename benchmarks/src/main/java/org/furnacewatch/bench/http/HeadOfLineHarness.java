package org.furnacewatch.bench.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.registry.CreditCode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Head-of-line blocking under real load (issue 13): light reads (the alert list, one enterprise, a day of its
 * readings) by {@code light} closed-loop clients, first alone, then while {@code scorers} clients post
 * 100,000-row series scores and {@code months} clients ask for months of 15-minute readings. Loopback only,
 * bounded in time. Prints the light reads' latency percentiles for both phases.
 *
 * <pre>
 * ./watch bench -Xmx3g org.furnacewatch.bench.http.HeadOfLineHarness
 * # -Dlight=8 -Dscorers=2 -Dmonths=1 -Dseconds=30 -DscoreRows=100000 -DmonthDays=120, all before the class
 * # WATCH_HTTP_INSTANCES / WATCH_BLOCKING_THREADS in the environment shape the service as in production
 * </pre>
 */
public final class HeadOfLineHarness {
    private static final String ADMIN = "bench-admin-token-hol-0123456789";
    private static final String DISTRICT = "500102";
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);

    private final int light = Integer.getInteger("light", 8);
    private final int scorers = Integer.getInteger("scorers", 2);
    private final int months = Integer.getInteger("months", 1);
    private final int seconds = Integer.getInteger("seconds", 30);
    private final int scoreRows = Integer.getInteger("scoreRows", 100_000);
    private final int monthDays = Integer.getInteger("monthDays", 120);
    private final int enterprises = Integer.getInteger("enterprises", 40);
    private String base;
    private final List<String> codes = new ArrayList<>();
    private LocalDate lastDay;

    public static void main(String[] args) throws Exception {
        new HeadOfLineHarness().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("fw-hol-bench-");
        Config config = Config.fromEnvironment(System.getenv(), Map.of("WATCH_HTTP_PORT", "0", "WATCH_DATA_DIR", dir.toString(),
                "WATCH_ADMIN_TOKEN", ADMIN, "WATCH_DB_URL", ""), false);
        long t0 = System.nanoTime();
        try (FurnaceWatch app = FurnaceWatch.start(config)) {
            base = "http://127.0.0.1:" + app.httpPort();
            log("service up in %.1f s: %d HTTP instances, %d blocking threads, %d cores", (System.nanoTime() - t0) / 1e9,
                    config.httpInstances(), config.blockingThreads(), Runtime.getRuntime().availableProcessors());
            load();
            String scoreBody = scoreBody();
            log("phase 1: %d light clients alone, %d s", light, seconds);
            Phase alone = phase(light, 0, 0, scoreBody);
            log("phase 2: %d light clients + %d series-score clients (%,d rows) + %d month-reading clients (%d days of PT15M), %d s",
                    light, scorers, scoreRows, months, monthDays, seconds);
            Phase loaded = phase(light, scorers, months, scoreBody);
            System.out.println();
            System.out.println("| phase | light reads | p50 ms | p90 ms | p99 ms | max ms | errors | heavy done (score / months) |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            System.out.println(alone.row("light alone"));
            System.out.println(loaded.row("light + heavy"));
        }
    }

    record Phase(long[] latencies, long errors, long scores, long monthReads) {
        String row(String name) {
            long[] l = latencies.clone();
            Arrays.sort(l);
            return String.format("| %s | %,d | %.1f | %.1f | %.1f | %.1f | %d | %d / %d |", name, l.length, pct(l, 0.50), pct(l, 0.90),
                    pct(l, 0.99), l.length == 0 ? 0 : l[l.length - 1] / 1e6, errors, scores, monthReads);
        }

        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) return 0;
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    private Phase phase(int lightClients, int scoreClients, int monthClients, String scoreBody) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong(), scores = new AtomicLong(), monthReads = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < lightClients; c++) {
            long[] lat = new long[2_000_000];
            int[] n = {0};
            perThread.add(lat);
            counts.add(n);
            int client = c;
            threads.add(Thread.ofPlatform().name("light-" + c).start(() -> {
                HttpClient http = client();
                int i = client;
                while (!stop.get()) {
                    String code = codes.get(i % codes.size());
                    String path = switch (i % 3) {
                        case 0 -> "/api/v1/alerts?district=" + DISTRICT;
                        case 1 -> "/api/v1/enterprises/" + code;
                        default -> "/api/v1/enterprises/" + code + "/readings?from=" + at(lastDay) + "&to=" + at(lastDay.plusDays(1)) + "&step=PT15M";
                    };
                    long s = System.nanoTime();
                    int status = get(http, path);
                    long d = System.nanoTime() - s;
                    if (status != 200) errors.incrementAndGet();
                    else if (n[0] < lat.length) lat[n[0]++] = d;
                    i++;
                }
            }));
        }
        for (int c = 0; c < scoreClients; c++) {
            threads.add(Thread.ofPlatform().name("score-" + c).start(() -> {
                HttpClient http = client();
                while (!stop.get()) {
                    int status = post(http, "/api/v1/series/score", "text/csv", scoreBody);
                    if (status == 200) scores.incrementAndGet();
                }
            }));
        }
        for (int c = 0; c < monthClients; c++) {
            threads.add(Thread.ofPlatform().name("months-" + c).start(() -> {
                HttpClient http = client();
                while (!stop.get()) {
                    int status = get(http, "/api/v1/enterprises/" + codes.getFirst() + "/readings?from=" + at(lastDay.minusDays(monthDays - 1))
                            + "&to=" + at(lastDay.plusDays(1)) + "&step=PT15M");
                    if (status == 200) monthReads.incrementAndGet();
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) t.join(120_000);
        int total = 0;
        for (int[] n : counts) total += n[0];
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < perThread.size(); c++) {
            System.arraycopy(perThread.get(c), 0, all, k, counts.get(c)[0]);
            k += counts.get(c)[0];
        }
        return new Phase(all, errors.get(), scores.get(), monthReads.get());
    }

    /** A district, {@code enterprises} enterprises of one meter each; the first has {@code monthDays} of readings, the rest two days. */
    private void load() throws Exception {
        HttpClient http = client();
        send(http, "PUT", "/api/v1/districts/" + DISTRICT, new JsonObject().put("name", "涪陵区").put("parent", "500100").put("receivers", new JsonArray()).encode());
        lastDay = LocalDate.now(CST).minusDays(2);
        long rows = 0;
        for (int e = 0; e < enterprises; e++) {
            String code = CreditCode.withCheck(String.format("91500102MA%07d", 4_000_000 + e));
            String meter = "HOL-" + e;
            send(http, "PUT", "/api/v1/enterprises/" + code, new JsonObject().put("name", "负载测试企业" + e).put("district", DISTRICT)
                    .put("industry", "3311").put("status", "OPERATING").put("capacityKva", 2000)
                    .put("meters", new JsonArray().add(new JsonObject().put("id", meter).put("multiplier", 1)))
                    .put("effectiveFrom", lastDay.minusDays(monthDays + 5).atStartOfDay(CST).toOffsetDateTime().toString()).encode());
            codes.add(code);
            int days = e == 0 ? monthDays : 2;
            StringBuilder csv = new StringBuilder("meter,ts,kwh\n");
            for (int d = days - 1; d >= 0; d--) {
                ZonedDateTime start = lastDay.minusDays(d).atStartOfDay(CST);
                for (int q = 1; q <= 96; q++) {
                    csv.append(meter).append(',').append(start.plusMinutes(15L * q).toOffsetDateTime()).append(',')
                            .append(50 + (q * 7 + d * 13) % 40).append('\n');
                    rows++;
                }
            }
            int status = post(http, "/api/v1/readings", "text/csv", csv.toString());
            if (status != 200) throw new IllegalStateException("readings: " + status);
        }
        log("registered %d enterprises, %,d readings", enterprises, rows);
    }

    private String scoreBody() {
        StringBuilder b = new StringBuilder(scoreRows * 40).append("timestamp,value\n");
        ZonedDateTime t = lastDay.minusDays(scoreRows / 96 + 1).atStartOfDay(CST);
        for (int i = 0; i < scoreRows; i++) {
            b.append(t.plusMinutes(15L * i).toOffsetDateTime()).append(',').append(40 + (i * 37 % 23) + (i % 96 > 60 ? 30 : 0)).append('\n');
        }
        return b.toString();
    }

    private static String at(LocalDate d) {
        return d.atStartOfDay(CST).toOffsetDateTime().toString().replace("+", "%2B");
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private int get(HttpClient http, String path) {
        return exchange(http, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN).GET());
    }

    private int post(HttpClient http, String path, String type, String body) {
        return exchange(http, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private void send(HttpClient http, String method, String path, String json) {
        int status = exchange(http, HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
        if (status != 200 && status != 201) throw new IllegalStateException(method + " " + path + ": " + status);
    }

    private static int exchange(HttpClient http, HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = http.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void log(String fmt, Object... args) {
        System.out.printf("[hol] " + fmt + "%n", args);
    }
}
