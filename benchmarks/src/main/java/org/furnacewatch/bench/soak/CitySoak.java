package org.furnacewatch.bench.soak;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.registry.CreditCode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak of issue 13 at a city's load: {@code meters} enterprises of one meter each (200,000 by default, spread over
 * eight districts of 重庆) whose collection system uploads each meter's half-day (48 quarter-hours) twice a simulated
 * day, time-major, {@code batch} meters per CSV body, the bodies spread evenly over the wall-clock half-day
 * ({@code halfDayMillis}, default 10 minutes: 72 x real time, so one hour replays three days); while {@code readers}
 * console-like clients poll, each once a {@code thinkMillis}: the alert list with paging (a first page of 50 and up to
 * two more by cursor), an enterprise, and a day of an enterprise's readings. Every district routes its alerts to a
 * webhook served by this harness, so alerts and deliveries flow.
 *
 * <p>Every 30 s it records the heap (used, after the last collection, old generation after the last collection), the
 * service's RSS and PostgreSQL's total RSS, the queue depths from {@code /metrics} (ingest rows pending, detection
 * pending, deliveries pending and parked), readings acknowledged, 503s, alerts delivered; every minute the p99 of the
 * reads in that minute. Every {@code fullGcEveryMin} minutes it asks for a full collection and records the live heap
 * (the one figure that says whether the heap is flat). The samples go to {@code out}/city-soak.csv as they are taken
 * and to {@code out}/city-soak.png (redrawn every 5 minutes and at the end, XChart).
 *
 * <pre>
 * ./watch bench -Xmx3g org.furnacewatch.bench.soak.CitySoak          # the full hour, 200,000 meters
 * # -Dmeters=200000 -Dminutes=60 -DhalfDayMillis=600000 -Dbatch=1000 -Duploaders=2 -Dreaders=20 -DthinkMillis=1000
 * # -DfullGcEveryMin=10 -Dout=benchmarks/soak, all before the class
 * ./watch bench org.furnacewatch.bench.soak.CitySoak chart benchmarks/soak/city-soak.csv   # redraw the PNG only
 * </pre>
 */
public final class CitySoak {
    private static final String ADMIN = "bench-admin-token-citysoak-0123456789";
    private static final List<String> DISTRICTS = List.of("500101", "500102", "500103", "500104", "500105", "500106", "500107", "500108");
    private static final List<String> NAMES = List.of("万州区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区");
    private static final ZoneOffset CST = ZoneOffset.ofHours(8);
    private static final String[] QUEUES = {"watch_ingest_pending_rows", "watch_detection_pending", "watch_deliveries_pending", "watch_deliveries_parked"};

    private final int meters = Integer.getInteger("meters", 200_000);
    private final int minutes = Integer.getInteger("minutes", 60);
    private final long halfDayMillis = Long.getLong("halfDayMillis", 600_000);
    private final int batch = Integer.getInteger("batch", 1000);
    private final int uploaders = Integer.getInteger("uploaders", 2);
    private final int readers = Integer.getInteger("readers", 20);
    private final long thinkMillis = Long.getLong("thinkMillis", 1000);
    private final int fullGcEveryMin = Integer.getInteger("fullGcEveryMin", 10);
    private final Path out = Path.of(System.getProperty("out", "benchmarks/soak"));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private String base;
    private final String[] codes = new String[meters];
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong acked = new AtomicLong(), refused = new AtomicLong(), failed = new AtomicLong(), bodies = new AtomicLong();
    private final AtomicLong hooks = new AtomicLong(), reads = new AtomicLong(), readErrors = new AtomicLong();
    private final AtomicLong behindMillis = new AtomicLong();
    /** Read latencies (ns) of the current minute, drained each minute. */
    private final ConcurrentLinkedQueue<Long> minuteReads = new ConcurrentLinkedQueue<>();
    private volatile LocalDate lastFullDay;
    private volatile double lastP99 = Double.NaN;

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("chart")) {
            SoakChart.draw(Path.of(args[1]), Path.of(args[1]).resolveSibling("city-soak.png"));
            return;
        }
        new CitySoak().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Path csvOut = out.resolve("city-soak.csv");
        Path dir = Files.createTempDirectory("fw-citysoak-");
        HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        hook.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            hooks.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        hook.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        hook.start();
        Config config = Config.fromEnvironment(System.getenv(), Map.of("WATCH_HTTP_PORT", "0", "WATCH_DATA_DIR", dir.toString(),
                "WATCH_ADMIN_TOKEN", ADMIN, "WATCH_DB_URL", ""), false);
        String hookUrl = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
        long r0 = System.currentTimeMillis();
        try (FurnaceWatch first = FurnaceWatch.start(config)) {
            base = "http://127.0.0.1:" + first.httpPort();
            register(hookUrl, first);
        }
        try (FurnaceWatch app = FurnaceWatch.start(config)) {
            base = "http://127.0.0.1:" + app.httpPort();
            System.out.printf("[soak] %,d enterprises in %d districts registered in %.0f s; the service restarted on them (%d in its registry)%n",
                    meters, DISTRICTS.size(), (System.currentTimeMillis() - r0) / 1000.0, app.registry().enterpriseCount());

            int halfDays = (int) Math.ceil(minutes * 60_000.0 / halfDayMillis);
            LocalDate firstDay = LocalDate.now(CST).minusDays(halfDays / 2 + 2);
            List<Thread> threads = new ArrayList<>();
            long t0 = System.currentTimeMillis(), end = t0 + minutes * 60_000L;
            threads.addAll(startUploaders(firstDay, halfDays, t0, end));
            for (int r = 0; r < readers; r++) threads.add(startReader(r, firstDay));

            Files.writeString(csvOut, Sample.HEADER + "\n");
            System.out.println("| min | sim day | readings acked | 503 | heap used MiB | heap after GC MiB | live heap (full GC) MiB | RSS MiB | PG RSS MiB | ingest q | detect q | deliver q | parked | alerts delivered | read p99 ms |");
            System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            long nextSample = t0, nextMinute = t0 + 60_000, nextGc = fullGcEveryMin > 0 ? t0 + fullGcEveryMin * 60_000L : Long.MAX_VALUE, nextChart = t0 + 300_000;
            while (true) {
                long now = System.currentTimeMillis();
                if (now >= nextMinute) {
                    lastP99 = p99(minuteReads);
                    nextMinute += 60_000;
                }
                double live = Double.NaN;
                if (now >= nextGc) {
                    System.gc();
                    live = heapAfterLastGc() / 1048576.0;
                    nextGc += fullGcEveryMin * 60_000L;
                }
                if (now >= nextSample || !Double.isNaN(live)) {
                    Sample s = sample((now - t0) / 60_000.0, live);
                    Files.writeString(csvOut, s.csv() + "\n", StandardOpenOption.APPEND);
                    System.out.println(s.markdown());
                    if (now >= nextSample) nextSample += 30_000;
                }
                if (now >= nextChart) {
                    drawQuietly(csvOut);
                    nextChart += 300_000;
                }
                if (now >= end) break;
                Thread.sleep(Math.max(1, Math.min(Math.min(nextSample, nextMinute), Math.min(nextGc, end)) - System.currentTimeMillis()));
            }
            stop.set(true);
            for (Thread t : threads) t.join(120_000);
            System.gc();
            Sample last = sample((System.currentTimeMillis() - t0) / 60_000.0, heapAfterLastGc() / 1048576.0);
            Files.writeString(csvOut, last.csv() + "\n", StandardOpenOption.APPEND);
            System.out.println(last.markdown());
            drawQuietly(csvOut);
            System.out.printf("soak: %,d bodies, %,d readings acknowledged, %d answers 503, %d other failures; %,d reads (%d failed); "
                    + "%,d webhook deliveries received; uploads at most %.1f s behind schedule%n", bodies.get(), acked.get(), refused.get(), failed.get(),
                    reads.get(), readErrors.get(), hooks.get(), behindMillis.get() / 1000.0);
        } finally {
            hook.stop(0);
        }
    }

    private static void drawQuietly(Path csv) {
        try {
            SoakChart.draw(csv, csv.resolveSibling("city-soak.png"));
        } catch (Throwable e) {
            System.out.println("[soak] chart not drawn: " + e);
        }
    }

    // ---- registration ------------------------------------------------------------------------------------------

    /**
     * The districts (each routing to the webhook) and the first enterprise of each through the API; the other
     * enterprises as the same rows, written in one COPY per table (the registry's own import commits row by row, about
     * 5 ms each on this shared machine: 17 minutes for 200,000). The service is then restarted on the data and loads
     * them as it would after any restart.
     */
    private void register(String hookUrl, FurnaceWatch app) throws Exception {
        for (int d = 0; d < DISTRICTS.size(); d++) {
            send("PUT", "/api/v1/districts/" + DISTRICTS.get(d), new JsonObject().put("name", NAMES.get(d)).put("parent", "500100")
                    .put("receivers", new JsonArray().add(new JsonObject().put("type", "webhook").put("url", hookUrl + "/" + DISTRICTS.get(d)))));
        }
        int per = (meters + DISTRICTS.size() - 1) / DISTRICTS.size();
        for (int d = 0; d < DISTRICTS.size(); d++) {
            for (int e = d * per; e < Math.min(meters, (d + 1) * per); e++) codes[e] = CreditCode.withCheck(String.format("91%sMA%07d", DISTRICTS.get(d), e));
            importDistrict(d, per, d * per, Math.min(meters, d * per + 1));
        }
        try (java.sql.Connection c = app.database().pool().getConnection()) {
            String metersJson, equipment, recordedBy;
            try (var st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT meters::text, equipment::text, recorded_by FROM enterprise_versions WHERE credit_code = '" + codes[0] + "'")) {
                rs.next();
                metersJson = rs.getString(1);
                equipment = rs.getString(2);
                recordedBy = rs.getString(3);
            }
            if (!metersJson.contains("\"SOAK-0\"")) throw new IllegalStateException("unexpected meters JSON " + metersJson);
            c.setAutoCommit(false);
            var copy = c.unwrap(org.postgresql.PGConnection.class).getCopyAPI();
            StringBuilder ent = new StringBuilder(), ver = new StringBuilder(), met = new StringBuilder();
            for (int d = 0; d < DISTRICTS.size(); d++) {
                for (int e = d * per + 1; e < Math.min(meters, (d + 1) * per); e++) {
                    ent.append(codes[e]).append('\n');
                    ver.append(codes[e]).append("\t2024-01-01 00:00:00+08\t").append(recordedBy).append("\t城市浸泡企业").append(e).append('\t')
                            .append(DISTRICTS.get(d)).append('\t').append(e % 7 == 0 ? "3391" : "3311").append('\t').append(e % 50 == 0 ? "CLOSED" : "OPERATING")
                            .append("\t400\t").append(equipment).append('\t').append(metersJson.replace("\"SOAK-0\"", "\"SOAK-" + e + "\"")).append('\n');
                    met.append("SOAK-").append(e).append('\n');
                }
            }
            copy.copyIn("COPY enterprises (credit_code) FROM STDIN", new java.io.StringReader(ent.toString()));
            copy.copyIn("COPY enterprise_versions (credit_code, effective_from, recorded_by, name, district, industry, status, capacity_kva, equipment, meters) FROM STDIN",
                    new java.io.StringReader(ver.toString()));
            copy.copyIn("COPY meters (meter_id) FROM STDIN", new java.io.StringReader(met.toString()));
            c.commit();
        }
    }

    private void importDistrict(int d, int per, int from, int to) {
        {
            String district = DISTRICTS.get(d);
            for (int chunk = from; chunk < to; chunk += 5000) {
                StringBuilder csv = new StringBuilder("creditCode,name,industry,status,capacityKva,meters,equipment,effectiveFrom\n");
                for (int e = chunk; e < Math.min(to, chunk + 5000); e++) {
                    String code = codes[e];
                    csv.append(code).append(",城市浸泡企业").append(e).append(',').append(e % 7 == 0 ? "3391" : "3311").append(',')
                            .append(e % 50 == 0 ? "CLOSED" : "OPERATING").append(",400,SOAK-").append(e).append(":1,,2024-01-01T00:00:00+08:00\n");
                }
                HttpResponse<String> r = exchangeText(HttpRequest.newBuilder(URI.create(base + "/api/v1/districts/" + district + "/enterprises"))
                        .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString(), StandardCharsets.UTF_8)), Duration.ofMinutes(10));
                if (r == null || r.statusCode() != 200 || !r.body().contains("\"rejected\":[]")) {
                    throw new IllegalStateException("bulk import " + district + ": " + (r == null ? "no answer" : r.statusCode() + " " + r.body().substring(0, Math.min(500, r.body().length()))));
                }
            }
        }
    }

    // ---- load --------------------------------------------------------------------------------------------------

    /**
     * The collection system: half-day h (0-based) covers quarter-hours 48h+1 .. 48h+48 after firstDay 00:00 (+08:00);
     * its bodies are due evenly over the wall-clock half-day that follows, body i at t0 + h*halfDay + i*halfDay/n.
     */
    private List<Thread> startUploaders(LocalDate firstDay, int halfDays, long t0, long end) {
        int perHalfDay = (meters + batch - 1) / batch;
        AtomicLong next = new AtomicLong();
        long total = (long) perHalfDay * halfDays;
        List<Thread> threads = new ArrayList<>();
        Instant origin = firstDay.atStartOfDay().toInstant(CST);
        for (int u = 0; u < uploaders; u++) {
            threads.add(Thread.ofPlatform().name("uploader-" + u).start(() -> {
                while (!stop.get()) {
                    long job = next.getAndIncrement();
                    if (job >= total) return;
                    int h = (int) (job / perHalfDay), b = (int) (job % perHalfDay);
                    long due = t0 + h * halfDayMillis + b * halfDayMillis / perHalfDay;
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) sleep(wait);
                    else behindMillis.accumulateAndGet(-wait, Math::max);
                    if (System.currentTimeMillis() >= end || stop.get()) return;
                    String body = halfDayBody(origin, h, b * batch, Math.min(meters, (b + 1) * batch));
                    int rows = (Math.min(meters, (b + 1) * batch) - b * batch) * 48;
                    for (int attempt = 0; ; attempt++) {
                        int status = post("/api/v1/readings", body);
                        bodies.incrementAndGet();
                        if (status == 200) {
                            acked.addAndGet(rows);
                            break;
                        }
                        if (status == 503 && attempt < 20 && !stop.get()) {
                            refused.incrementAndGet();
                            sleep(1000);
                            continue;
                        }
                        failed.incrementAndGet();
                        break;
                    }
                    if (b == perHalfDay - 1 && (h + 1) / 2 >= 1) lastFullDay = firstDay.plusDays((h + 1) / 2 - 1);
                }
            }));
        }
        return threads;
    }

    /**
     * Meters [from, to) for one half-day, time-major. A working day's shape (a day shift from 08:00 to 18:00) with noise;
     * every 100th meter runs a furnace at night (high, cycling), every 37th is idle for the half-day, so detectors fire
     * on some and the alert stream is not empty.
     */
    private static String halfDayBody(Instant origin, int h, int from, int to) {
        StringBuilder csv = new StringBuilder((to - from) * 48 * 40).append("meter,ts,kwh\n");
        for (int q = 1; q <= 48; q++) {
            Instant ts = origin.plus(Duration.ofMinutes(15L * (48L * h + q)));
            String tsText = ts.atOffset(CST).toString();
            int hour = ts.atOffset(CST).getHour();
            for (int m = from; m < to; m++) {
                SplittableRandom rnd = new SplittableRandom(((long) m << 20) ^ (48L * h + q));
                double base = 10 + (m % 40);
                double kwh;
                if (m % 37 == h % 37) kwh = 0.2 * rnd.nextDouble();
                else if (m % 100 == 0 && (hour >= 22 || hour < 5)) kwh = (q % 4 < 2 ? 90 : 15) + 5 * rnd.nextDouble();
                else kwh = base * (hour >= 8 && hour < 18 ? 1.0 : 0.25) * (0.9 + 0.2 * rnd.nextDouble());
                csv.append("SOAK-").append(m).append(',').append(tsText).append(',').append(Math.round(kwh * 100) / 100.0).append('\n');
            }
        }
        return csv.toString();
    }

    /** A console user: the alert list (first page, then up to two more by cursor), an enterprise, a day of readings. */
    private Thread startReader(int id, LocalDate firstDay) {
        return Thread.ofPlatform().name("reader-" + id).start(() -> {
            SplittableRandom rnd = new SplittableRandom(1000 + id);
            String district = DISTRICTS.get(id % DISTRICTS.size());
            int step = 0;
            while (!stop.get()) {
                try {
                    readOnce(step++, rnd, district, firstDay);
                } catch (RuntimeException e) {
                    readErrors.incrementAndGet();
                }
                sleep(thinkMillis);
            }
        });
    }

    private void readOnce(int step, SplittableRandom rnd, String district, LocalDate firstDay) {
                switch (step % 3) {
                    case 0 -> {
                        String cursor = null;
                        int pages = 1 + rnd.nextInt(3);
                        for (int p = 0; p < pages; p++) {
                            String path = "/api/v1/alerts?district=" + district + "&limit=50" + (cursor == null ? "" : "&cursor=" + cursor);
                            long t = System.nanoTime();
                            HttpResponse<String> r = get(path);
                            record(r, t);
                            if (r == null || r.statusCode() != 200) break;
                            cursor = r.headers().firstValue("X-Next-Cursor").orElse(null);
                            if (cursor == null) break;
                            cursor = java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8);
                        }
                    }
                    case 1 -> {
                        long t = System.nanoTime();
                        record(get("/api/v1/enterprises/" + codes[rnd.nextInt(meters)]), t);
                    }
                    default -> {
                        LocalDate last = lastFullDay;
                        LocalDate day = last == null ? firstDay : firstDay.plusDays(rnd.nextInt((int) (last.toEpochDay() - firstDay.toEpochDay()) + 1));
                        String from = day.atStartOfDay().atOffset(CST).toString(), to = day.plusDays(1).atStartOfDay().atOffset(CST).toString();
                        long t = System.nanoTime();
                        record(get("/api/v1/enterprises/" + codes[rnd.nextInt(meters)] + "/readings?from=" + enc(from) + "&to=" + enc(to)), t);
                    }
                }
    }

    private void record(HttpResponse<String> r, long t) {
        long ns = System.nanoTime() - t;
        reads.incrementAndGet();
        if (r == null || r.statusCode() != 200) readErrors.incrementAndGet();
        else minuteReads.add(ns);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static double p99(ConcurrentLinkedQueue<Long> q) {
        List<Long> all = new ArrayList<>();
        for (Long v; (v = q.poll()) != null; ) all.add(v);
        if (all.isEmpty()) return Double.NaN;
        long[] a = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a[Math.min(a.length - 1, (int) Math.ceil(0.99 * a.length) - 1)] / 1e6;
    }

    // ---- samples -----------------------------------------------------------------------------------------------

    record Sample(double minute, String simDay, long acked, long refused, double heapUsed, double heapAfterGc, double liveHeap, double rss,
                  double pgRss, double[] queues, long hooks, double readP99) {
        static final String HEADER = "minute,sim_day,readings_acked,refused_503,heap_used_mib,heap_after_gc_mib,live_heap_full_gc_mib,rss_mib,pg_rss_mib,"
                + "ingest_pending_rows,detection_pending,deliveries_pending,deliveries_parked,webhooks_received,read_p99_ms";

        String csv() {
            return String.format(java.util.Locale.ROOT, "%.2f,%s,%d,%d,%.1f,%.1f,%s,%.1f,%.1f,%.0f,%.0f,%.0f,%.0f,%d,%s", minute, simDay, acked, refused,
                    heapUsed, heapAfterGc, Double.isNaN(liveHeap) ? "" : String.format(java.util.Locale.ROOT, "%.1f", liveHeap), rss, pgRss,
                    queues[0], queues[1], queues[2], queues[3], hooks, Double.isNaN(readP99) ? "" : String.format(java.util.Locale.ROOT, "%.1f", readP99));
        }

        String markdown() {
            return String.format(java.util.Locale.ROOT, "| %.1f | %s | %,d | %d | %.0f | %.0f | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %,d | %s |", minute,
                    simDay, acked, refused, heapUsed, heapAfterGc, Double.isNaN(liveHeap) ? "" : String.format("**%.0f**", liveHeap), rss, pgRss,
                    queues[0], queues[1], queues[2], queues[3], hooks, Double.isNaN(readP99) ? "" : String.format(java.util.Locale.ROOT, "%.0f", readP99));
        }
    }

    private Sample sample(double minute, double live) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        double[] q = queues();
        LocalDate day = lastFullDay;
        return new Sample(minute, day == null ? "-" : day.toString(), acked.get(), refused.get(), heap.getUsed() / 1048576.0,
                heapAfterLastGc() / 1048576.0, live, ProcessMemory.rss(ProcessHandle.current().pid()) / 1024.0, ProcessMemory.postgresRss("fw-citysoak-") / 1024.0, q, hooks.get(), lastP99);
    }

    /** Heap in use right after the most recent collection of any kind (young, mixed or full). */
    private static long heapAfterLastGc() {
        long bestEnd = -1, used = 0;
        for (var b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(b instanceof GarbageCollectorMXBean gc)) continue;
            GcInfo info = gc.getLastGcInfo();
            if (info == null || info.getEndTime() < bestEnd) continue;
            bestEnd = info.getEndTime();
            used = 0;
            for (MemoryUsage u : info.getMemoryUsageAfterGc().values()) used += u.getUsed();
            // non-heap pools are in the map too; subtract them
            for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == java.lang.management.MemoryType.NON_HEAP && info.getMemoryUsageAfterGc().containsKey(p.getName())) {
                    used -= info.getMemoryUsageAfterGc().get(p.getName()).getUsed();
                }
            }
        }
        return used;
    }

    private double[] queues() {
        double[] q = new double[QUEUES.length];
        Arrays.fill(q, Double.NaN);
        HttpResponse<String> r = get("/metrics");
        if (r == null || r.statusCode() != 200) return q;
        for (String line : r.body().split("\n")) {
            for (int i = 0; i < QUEUES.length; i++) {
                if (line.startsWith(QUEUES[i] + " ") || line.startsWith(QUEUES[i] + "{")) {
                    q[i] = (Double.isNaN(q[i]) ? 0 : q[i]) + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return q;
    }


    // ---- HTTP --------------------------------------------------------------------------------------------------

    private HttpResponse<String> get(String path) {
        return exchangeText(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN).GET(), Duration.ofSeconds(60));
    }

    private int post(String path, String csv) {
        HttpResponse<String> r = exchangeText(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)), Duration.ofMinutes(5));
        return r == null ? -1 : r.statusCode();
    }

    private void send(String method, String path, JsonObject body) {
        HttpResponse<String> r = exchangeText(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8)), Duration.ofSeconds(60));
        if (r == null || r.statusCode() != 200) throw new IllegalStateException(method + " " + path + ": " + (r == null ? "no answer" : r.statusCode() + " " + r.body()));
    }

    private HttpResponse<String> exchangeText(HttpRequest.Builder b, Duration timeout) {
        try {
            return http.send(b.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return null;
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
