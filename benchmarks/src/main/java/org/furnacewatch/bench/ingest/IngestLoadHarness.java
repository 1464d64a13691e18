package org.furnacewatch.bench.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;
import org.furnacewatch.registry.CreditCode;
import org.furnacewatch.registry.MeterInfo;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ingest load harness (issue "Ingest"): starts the real service in-process, registers a district and its
 * enterprises and meters through the HTTP API, then measures in ONE run, on the SAME database and table
 * and with the SAME rows:
 * <ol>
 *   <li>raw binary COPY (store.PgBinaryCopy bytes + the driver's CopyManager, one connection, one commit per chunk),</li>
 *   <li>durable HTTP ingest ({@code POST /api/v1/readings}) per format over loopback with a few connections,</li>
 *   <li>raw binary COPY again, so drift over the run shows,</li>
 * </ol>
 * truncating {@code readings} and checkpointing between phases. Prints readings/s and the HTTP/COPY ratio.
 *
 * <p>Settings (system properties, all optional): {@code meters} (2000), {@code days} (10),
 * {@code metersPerRequest} (200, i.e. 19,200 rows a request), {@code connections} (3),
 * {@code formats} (ndjson,json,csv), {@code rounds} (1, repeats the HTTP phases), {@code keepData}.
 * With WATCH_DB_URL set it runs against that store instead of an embedded one (its readings table is
 * TRUNCATED: never point it at a store whose data matters).
 */
public final class IngestLoadHarness {
    private static final String DISTRICT = "500102";
    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";

    private final int meterCount = Integer.getInteger("meters", 2000);
    private final int days = Integer.getInteger("days", 10);
    private final int metersPerRequest = Integer.getInteger("metersPerRequest", 200);
    private final int connections = Integer.getInteger("connections", 3);
    private final String order = System.getProperty("order", "meter");
    private final int rowsPerRequest = Integer.getInteger("rowsPerRequest", 50_000);
    private final int rounds = Integer.getInteger("rounds", 1);
    private final List<String> formats = System.getProperty("formats", "ndjson,json,csv").equals("none") ? List.of()
            : List.of(System.getProperty("formats", "ndjson,json,csv").split(","));

    private FurnaceWatch app;
    private HttpClient http;
    private String base;
    private String feedToken;
    private CpuSplit cpu;
    private final Map<String, Map<String, Long>> cpuByPhase = new LinkedHashMap<>();
    private final List<String[]> results = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new IngestLoadHarness().run();
        System.exit(0);
    }

    private void run() throws Exception {
        Map<String, String> env = System.getenv();
        String dbUrl = blankToNull(env.get("WATCH_DB_URL"));
        Path dataDir = dbUrl == null ? Files.createTempDirectory("fw-ingest-bench-") : null;
        Config config = Config.fromEnvironment(env, Map.of("WATCH_HTTP_PORT", "0",
                "WATCH_DATA_DIR", (dataDir == null ? Path.of("./data") : dataDir).toString(), "WATCH_ADMIN_TOKEN", ADMIN_TOKEN,
                "WATCH_ZONE", "Asia/Shanghai", "WATCH_MAX_BODY_BYTES", String.valueOf(256L << 20), "WATCH_MAX_PENDING_ROWS", "2000000",
                "WATCH_MAX_ROWS_PER_COMMIT", String.valueOf(Integer.getInteger("maxRowsPerCommit", 100_000))), false);
        long t0 = System.nanoTime();
        app = startService(config);
        log("service up on :%d in %.1f s (%s)", app.httpPort(), (System.nanoTime() - t0) / 1e9,
                dbUrl == null ? "embedded PostgreSQL in " + dataDir : dbUrl);
        log("store: %s", app.database().info().describe());
        // an external server's CPU is counted too when -DpostmasterPid=<its data dir>/postmaster.pid is given
        String pmPid = System.getProperty("postmasterPid");
        cpu = new CpuSplit(dataDir != null ? dataDir.resolve("pg-cluster/postmaster.pid") : pmPid == null ? null : Path.of(pmPid));
        base = "http://127.0.0.1:" + app.httpPort();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(2, Thread.ofPlatform().name("HttpClient-exec-", 0).factory())).build();
        try {
            execute();
        } finally {
            app.close();
            if (dataDir != null && !Boolean.getBoolean("keepData")) deleteTree(dataDir);
        }
    }

    /**
     * FurnaceWatch.start, retried: web.ApiServer.port() can race its listen future's onSuccess (server still
     * null right after await) and throw NullPointerException. A retry on the same data dir restarts the
     * embedded server cleanly; the half-started instance is abandoned.
     */
    private static FurnaceWatch startService(Config config) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return FurnaceWatch.start(config);
            } catch (NullPointerException e) {
                if (attempt == 3) throw e;
                log("service start raced (%s); retrying", e.getMessage());
            }
        }
    }

    private void execute() throws Exception {
        List<LoadData.Meter> meters = register();
        int[] keys = new int[meters.size()];
        for (int i = 0; i < keys.length; i++) {
            MeterInfo info = app.registry().meter(meters.get(i).id());
            keys[i] = info.key();
        }
        // whole days in the recent past (the service refuses readings from the future)
        LocalDate first = LocalDate.now(LoadData.CST).minusDays(days + 2);
        long t0 = System.nanoTime();
        LoadData warm = new LoadData(meters, keys, first.minusDays(1), 1, metersPerRequest, order, rowsPerRequest);
        LoadData data = new LoadData(meters, keys, first, days, metersPerRequest, order, rowsPerRequest);
        log("row order %s%s", order, order.equals("meter") ? "" : ", " + rowsPerRequest + " rows per request");
        long bytes = 0;
        for (LoadData.Chunk c : data.chunks) bytes += c.ndjson().length;
        log("pre-encoded %,d rows (%d meters x %d days) in %d chunks of %,d rows, NDJSON %.0f MB, in %.1f s",
                data.rows, meters.size(), days, data.chunks.size(), data.chunks.getFirst().rows(), bytes / 1e6, (System.nanoTime() - t0) / 1e9);

        ensurePartitions(Math.min(warm.minTs, data.minTs), data.maxTs);
        // warm-up: every path once (JIT), then forget it
        for (String f : formats) {
            post(warm, f, "warm-up " + f, false);
            resetTable();
        }
        copyPhase(warm, "warm-up copy", false);
        resetTable();

        copyPhase(data, "COPY #1", true);
        for (int r = 1; r <= rounds; r++) {
            for (String f : formats) {
                resetTable();
                post(data, f, "HTTP " + f + (rounds > 1 ? " #" + r : ""), true);
            }
        }
        resetTable();
        copyPhase(data, "COPY #2", true);
        resetTable();
        semanticsCheck(data.chunks.getFirst());
        resetTable();
        report(data);
    }

    // ---- registry through the real HTTP API ----

    private List<LoadData.Meter> register() throws Exception {
        long t0 = System.nanoTime();
        send("PUT", "/api/v1/districts/" + DISTRICT, ADMIN_TOKEN,
                new JsonObject().put("name", "涪陵区").put("parent", "500000").put("receivers", new JsonArray()), 200);
        JsonObject tok = send("POST", "/api/v1/tokens", ADMIN_TOKEN,
                new JsonObject().put("role", "feed").put("name", "国网重庆电力 采集系统 (load harness)"), 201);
        feedToken = tok.getString("token");

        List<LoadData.Meter> meters = new ArrayList<>();
        List<JsonObject> bodies = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(20260301);
        double[] capacities = {315, 400, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 6300};
        String[] industries = {"3391", "3120", "3130", "3140", "3311", "3360"};
        int e = 0;
        while (meters.size() < meterCount) {
            int kind = rnd.nextInt(4);
            int nMeters = Math.min(meterCount - meters.size(), 1 + rnd.nextInt(4)); // 1-4 meters per enterprise
            double capacity = capacities[rnd.nextInt(capacities.length)];
            String code = CreditCode.withCheck("91" + DISTRICT + "MA" + String.format("%07d", e));
            JsonArray ms = new JsonArray();
            for (int i = 0; i < nMeters; i++) {
                String id = String.format("5001020%06d", meters.size());
                ms.add(new JsonObject().put("id", id).put("multiplier", i == 0 ? 80 : 1));
                // capacity is the enterprise's; each meter sees its share, so the per-meter load stays under it
                meters.add(new LoadData.Meter(id, capacity / nMeters, kind, meters.size()));
            }
            JsonArray equipment = new JsonArray();
            if (kind == 1 || kind == 2) equipment.add(new JsonObject().put("type", "INDUCTION_FURNACE").put("ratedKw", capacity * 0.6).put("licensed", true));
            equipment.add(new JsonObject().put("type", "MACHINING").put("ratedKw", 75).put("licensed", true));
            bodies.add(new JsonObject().put("name", "重庆涪陵铸造厂" + e).put("district", DISTRICT)
                    .put("industry", industries[rnd.nextInt(industries.length)]).put("status", "OPERATING")
                    .put("capacityKva", capacity).put("equipment", equipment).put("meters", ms)
                    .put("effectiveFrom", "2024-01-01T00:00:00+08:00"));
            codes.add(code);
            e++;
        }
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                fs.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < bodies.size()) send("PUT", "/api/v1/enterprises/" + codes.get(i), ADMIN_TOKEN, bodies.get(i), 200);
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        }
        log("registered district %s, %d enterprises, %d meters over HTTP in %.1f s", DISTRICT, bodies.size(), meters.size(),
                (System.nanoTime() - t0) / 1e9);
        return meters;
    }

    private JsonObject send(String method, String path, String token, JsonObject body, int expect) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.encode())).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != expect) throw new IllegalStateException(method + " " + path + " -> " + res.statusCode() + " " + res.body());
        return new JsonObject(res.body());
    }

    // ---- phases ----

    private void post(LoadData data, String format, String phase, boolean record) throws Exception {
        String contentType = switch (format) {
            case "ndjson" -> "application/x-ndjson";
            case "json" -> "application/json";
            case "csv" -> "text/csv; charset=utf-8";
            default -> throw new IllegalArgumentException(format);
        };
        URI uri = URI.create(base + "/api/v1/readings");
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        long[] accepted = new long[connections];
        Map<String, Long> c0 = cpu.snapshot();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections, Thread.ofPlatform().name("load-", 0).factory())) {
            for (int w = 0; w < connections; w++) {
                int worker = w;
                pool.submit(() -> {
                    int i;
                    while (failure.get() == null && (i = next.getAndIncrement()) < data.chunks.size()) {
                        LoadData.Chunk c = data.chunks.get(i);
                        try {
                            HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + feedToken)
                                    .header("Content-Type", contentType).timeout(Duration.ofSeconds(120))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(c.body(format))).build();
                            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                            if (res.statusCode() != 200) throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
                            JsonObject ans = new JsonObject(res.body());
                            if (ans.getInteger("accepted") != c.rows() || ans.getInteger("duplicates") != 0 || !ans.getJsonArray("rejected").isEmpty()) {
                                throw new IllegalStateException("chunk " + i + " not fully accepted: " + abbreviate(res.body()));
                            }
                            accepted[worker] += ans.getInteger("accepted");
                        } catch (Exception e) {
                            failure.compareAndSet(null, phase + ": " + e);
                        }
                    }
                });
            }
        }
        long wall = System.nanoTime() - t0;
        Map<String, Long> c1 = cpu.snapshot();
        if (failure.get() != null) throw new IllegalStateException(failure.get());
        long total = 0;
        for (long a : accepted) total += a;
        long stored = countReadings();
        if (total != data.rows || stored != data.rows) {
            throw new IllegalStateException(phase + ": accepted " + total + ", stored " + stored + ", sent " + data.rows);
        }
        double rate = total / (wall / 1e9);
        long bodyBytes = 0;
        for (LoadData.Chunk c : data.chunks) bodyBytes += c.body(format).length;
        log("%-14s %,11d rows in %6.2f s = %,9.0f durable readings/s (%.0f MB/s of %s, %d connections)", phase, total, wall / 1e9, rate,
                bodyBytes / (wall / 1e9) / 1e6, format, connections);
        if (record) {
            results.add(new String[] {phase, String.valueOf(total), String.valueOf(wall), String.valueOf(rate)});
            cpuByPhase.put(phase, withWall(CpuSplit.diff(c0, c1), wall));
        }
    }

    /** The same chunks as binary COPY on one connection, one commit per chunk. */
    private void copyPhase(LoadData data, String phase, boolean record) throws SQLException {
        try (Connection c = app.database().dedicatedConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            Map<String, Long> c0 = cpu.snapshot();
            long t0 = System.nanoTime();
            for (LoadData.Chunk chunk : data.chunks) {
                CopyIn in = copy.copyIn("COPY readings (meter_key, ts, kwh, register, kw, flags) FROM STDIN (FORMAT binary)");
                try {
                    in.writeToCopy(chunk.copy(), 0, chunk.copy().length);
                    in.endCopy();
                } finally {
                    if (in.isActive()) in.cancelCopy();
                }
                c.commit();
            }
            long wall = System.nanoTime() - t0;
            Map<String, Long> c1 = cpu.snapshot();
            long stored = countReadings();
            if (stored != data.rows) throw new IllegalStateException(phase + ": stored " + stored + " of " + data.rows);
            double rate = data.rows / (wall / 1e9);
            log("%-14s %,11d rows in %6.2f s = %,9.0f rows/s (binary COPY, 1 connection, %,d rows a commit)", phase, data.rows, wall / 1e9, rate,
                    data.chunks.getFirst().rows());
            if (record) {
                results.add(new String[] {phase, String.valueOf(data.rows), String.valueOf(wall), String.valueOf(rate)});
                cpuByPhase.put(phase, withWall(CpuSplit.diff(c0, c1), wall));
            }
        }
    }

    /**
     * Not timed: the same request sent 4 times at once must store each reading once (1 x accepted, 3 x
     * duplicates), and a re-send with new values must be reported and stored as corrections. With several
     * writer lanes this exercises the serialised duplicate/correction path under concurrency.
     */
    private void semanticsCheck(LoadData.Chunk chunk) throws Exception {
        URI uri = URI.create(base + "/api/v1/readings");
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fs.add(http.sendAsync(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + feedToken)
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(chunk.ndjson())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        long acc = 0, dup = 0;
        for (var f : fs) {
            JsonObject a = new JsonObject(f.get().body());
            acc += a.getInteger("accepted");
            dup += a.getInteger("duplicates");
        }
        if (acc != chunk.rows() || dup != 3L * chunk.rows() || countReadings() != chunk.rows()) {
            throw new IllegalStateException("concurrent re-send: accepted " + acc + ", duplicates " + dup + ", stored " + countReadingsLoose());
        }
        // the same rows with every kWh changed (one more decimal digit): all corrections, old values kept
        String csv = new String(chunk.csv(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(\\.\\d\\d)\n", "$17\n");
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + feedToken)
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
        JsonObject a = new JsonObject(res.body());
        long corrections;
        try (Connection c = app.database().dedicatedConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM reading_corrections")) {
            rs.next();
            corrections = rs.getLong(1);
        }
        if (a.getInteger("corrections") != chunk.rows() || corrections != chunk.rows() || countReadingsLoose() != chunk.rows()) {
            throw new IllegalStateException("correction re-send: " + abbreviate(res.body()) + ", stored corrections " + corrections);
        }
        log("semantics: 4 concurrent re-sends -> %,d accepted + %,d duplicates; changed re-send -> %,d corrections (stored %,d)",
                acc, dup, a.getInteger("corrections"), corrections);
    }

    private long countReadingsLoose() throws SQLException {
        try (Connection c = app.database().dedicatedConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM readings")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> withWall(Map<String, Long> m, long wall) {
        m.put("wall", wall);
        return m;
    }

    private void report(LoadData data) throws Exception {
        Map<String, String> metrics = scrapeMetrics();
        double commits = Double.parseDouble(metrics.getOrDefault("watch_ingest_commit_seconds_count", "NaN"));
        double committed = Double.parseDouble(metrics.getOrDefault("watch_readings_committed_total", "NaN"));
        double copy1 = 0, copy2 = 0;
        for (String[] r : results) {
            if (r[0].equals("COPY #1")) copy1 = Double.parseDouble(r[3]);
            if (r[0].equals("COPY #2")) copy2 = Double.parseDouble(r[3]);
        }
        double copyMean = (copy1 + copy2) / 2;
        StringBuilder sb = new StringBuilder();
        sb.append("\n== Ingest load harness ==\n");
        sb.append(String.format(Locale.ROOT, "data: %d meters x %d days x 96 = %,d readings a phase; %,d rows a request/commit chunk (%d meters x 1 day); %d connections%n",
                meterCount, days, data.rows, data.chunks.getFirst().rows(), metersPerRequest, connections));
        sb.append(String.format(Locale.ROOT, "service group commits: %.0f commits, %,.0f rows a commit on average (incl. warm-up)%n", commits, committed / commits));
        sb.append("| phase | rows | wall s | readings/s | vs mean COPY |\n|---|---:|---:|---:|---:|\n");
        for (String[] r : results) {
            double rate = Double.parseDouble(r[3]);
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.2f | %,.0f | %.2f |%n", r[0], Long.parseLong(r[1]), Long.parseLong(r[2]) / 1e9, rate, rate / copyMean));
        }
        sb.append(String.format(Locale.ROOT, "raw COPY: #1 %,.0f, #2 %,.0f rows/s (drift %+.1f%%), mean %,.0f%n", copy1, copy2,
                (copy2 / copy1 - 1) * 100, copyMean));
        sb.append("\nCPU seconds per phase (2 cores = 2 CPU-s per wall-s):\n| phase | wall | event loops | parsing | writer | detection | client | jvm other | jvm total | postgres |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        cpuByPhase.forEach((phase, m) -> sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n", phase,
                m.get("wall") / 1e9, m.get("event loops") / 1e9, m.get("parsing (watch-blocking)") / 1e9, m.get("writer") / 1e9,
                m.get("detection") / 1e9, m.get("client") / 1e9,
                m.get("jvm other (GC, JIT, ...)") / 1e9, m.get("jvm total") / 1e9,
                m.get("postgres") < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", m.get("postgres") / 1e9))));
        System.out.println(sb);
    }

    private Map<String, String> scrapeMetrics() throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : res.body().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) continue;
            int sp = line.lastIndexOf(' ');
            String name = line.substring(0, sp);
            if (name.indexOf('{') >= 0) name = name.substring(0, name.indexOf('{'));
            out.putIfAbsent(name, line.substring(sp + 1));
        }
        return out;
    }

    // ---- store helpers ----

    private void ensurePartitions(long from, long to) throws SQLException {
        try (Connection c = app.database().dedicatedConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ensure_reading_partitions(?, ?)")) {
            ps.setTimestamp(1, Timestamp.from(Instant.ofEpochSecond(from)));
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(to)));
            ps.execute();
            c.commit();
        }
    }

    /** Empties readings (and corrections, which must stay empty here) and checkpoints, so each phase starts alike. */
    private boolean checkpointWarned;

    private void resetTable() throws SQLException {
        // TimescaleDB: let the aggregate refresh of the last phase finish here, untimed, rather than inside the next
        // phase (it would slow a COPY phase that never caused it); refreshes during an HTTP phase stay in its time
        if (app.aggregates() != null) app.aggregates().refreshNow();
        try (Connection c = app.database().dedicatedConnection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE readings, reading_corrections");
            c.commit();
        }
        if (app.aggregates() != null) app.aggregates().refreshNow();
        try (Connection c = app.database().dedicatedConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("CHECKPOINT");
        } catch (SQLException e) { // a service role without pg_checkpoint: phases then start less alike
            if (!checkpointWarned) log("CHECKPOINT skipped between phases: %s", e.getMessage());
            checkpointWarned = true;
        }
    }

    private long countReadings() throws SQLException {
        try (Connection c = app.database().dedicatedConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), (SELECT count(*) FROM reading_corrections) FROM readings")) {
            rs.next();
            if (rs.getLong(2) != 0) throw new IllegalStateException("unexpected corrections: " + rs.getLong(2));
            return rs.getLong(1);
        }
    }

    private static void log(String fmt, Object... args) {
        System.out.println(String.format(Locale.ROOT, fmt, args));
    }

    private static String abbreviate(String s) {
        return s.length() < 300 ? s : s.substring(0, 300) + "...";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
