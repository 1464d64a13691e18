package org.furnacewatch.sim.app;

import org.furnacewatch.app.Config;
import org.furnacewatch.app.FurnaceWatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.sim.DeclaredOutput;
import org.furnacewatch.sim.DistrictSimulator;
import org.furnacewatch.sim.EnterpriseRecord;
import org.furnacewatch.sim.Reading;
import org.furnacewatch.sim.ReadingWriter;
import org.furnacewatch.sim.RegistryChange;
import org.furnacewatch.sim.SimConfig;
import org.furnacewatch.sim.SimJson;
import org.furnacewatch.sim.SimulatedDistrict;
import org.furnacewatch.sim.TruthEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code evaluate}: replays a seeded simulated district through the real ingest path of an in-process service and
 * measures detection against the simulator's ground truth: precision, recall and time-to-detect per alert kind, and
 * the false-alert rate per 10,000 enterprise-days.
 *
 * <pre>
 * ./watch evaluate ...   # = java -cp target/classes:target/sim-classes:target/lib/* org.furnacewatch.sim.app.EvaluateCommand \
 *     --enterprises 2000 --days 60 --start 2025-03-03 --seed 42 --data-dir /tmp/fw-eval [--db-url jdbc:postgresql://...]
 * </pre>
 *
 * Everything goes over HTTP as a deployment would see it: the district, the enterprises and their dated registry
 * changes (PUT with effectiveFrom), declared monthly output, then the readings day by day as NDJSON on a few
 * connections. Each connection carries a fixed set of enterprises (all meters of one enterprise on one connection,
 * in delivery order), and all connections finish a day before the next starts, so no enterprise's readings are
 * reordered by the concurrency itself. At the end the feed is declared complete (POST /api/v1/detection/advance),
 * detection is awaited (pending == 0) and GET /api/v1/alerts is matched against the truth.
 *
 * <p>Matching: an alert of kind K for enterprise E matches the truth event (K, E) when its firstTs lies in
 * [onset - 1 h, onset + 24 h]. Any other alert is a false alert (also one of another kind on a positive enterprise).
 * Time to detect = the event time of the reading that raised the alert ({@code evidence.detectedTs}) - onset;
 * "recall@24h" counts only truths detected by onset + 24 event-time hours.
 */
public final class EvaluateCommand {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] KINDS = SimConfig.KINDS;
    static final Duration EARLY = Duration.ofHours(1);
    static final Duration WINDOW = Duration.ofHours(24);

    /** Settings of one evaluation. */
    public record Options(int enterprises, int days, LocalDate start, long seed, Path dataDir, String dbUrl,
                          int connections, int batchRows, boolean progress, boolean powerCompanyFeed) {
        public Options(int enterprises, int days, LocalDate start, long seed, Path dataDir, String dbUrl,
                       int connections, int batchRows, boolean progress) {
            this(enterprises, days, start, seed, dataDir, dbUrl, connections, batchRows, progress, false);
        }

        public static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
                String key = args[i].substring(2);
                if (key.equals("quiet")) m.put(key, "true");
                else if (i + 1 < args.length) m.put(key, args[++i]);
                else throw new IllegalArgumentException("--" + key + " needs a value");
            }
            return new Options(Integer.parseInt(m.getOrDefault("enterprises", "2000")),
                    Integer.parseInt(m.getOrDefault("days", "60")),
                    LocalDate.parse(m.getOrDefault("start", "2025-03-03")),
                    Long.parseLong(m.getOrDefault("seed", "42")),
                    Path.of(m.getOrDefault("data-dir", System.getProperty("java.io.tmpdir") + "/fw-evaluate")),
                    m.get("db-url"),
                    Integer.parseInt(m.getOrDefault("connections", "3")),
                    Integer.parseInt(m.getOrDefault("batch-rows", "15000")),
                    !m.containsKey("quiet"),
                    m.getOrDefault("feed", "days").equals("power"));
        }
    }

    /** One kind's figures. Hours are event-time hours; NaN where there is nothing to measure. */
    public record KindRow(String kind, int truths, int alerts, int truePositives, int matchedAlerts, int falseAlerts,
                          int detectedWithin24h, double medianTtdHours, double p90TtdHours, double medianLeadHours) {
        public double recall() {
            return truths == 0 ? Double.NaN : truePositives / (double) truths;
        }

        public double recall24h() {
            return truths == 0 ? Double.NaN : detectedWithin24h / (double) truths;
        }

        public double precision() {
            return alerts == 0 ? Double.NaN : matchedAlerts / (double) alerts;
        }
    }

    /** The result: per-kind rows, totals and where the reports were written. */
    public record Report(Options options, List<KindRow> rows, int falseAlerts, int falseOnPositives, long enterpriseDays,
                         long rowsSent, long accepted, long duplicates, long rejected, double replaySeconds,
                         double detectionSeconds, double totalSeconds, Path markdown) {
        public KindRow row(String kind) {
            return rows.stream().filter(r -> r.kind().equals(kind)).findFirst().orElseThrow();
        }

        public double falseAlertsPer10kEnterpriseDays() {
            return falseAlerts * 10_000.0 / enterpriseDays;
        }
    }

    private EvaluateCommand() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        quietLogs();
        Report r = run(o, System.out);
        System.out.println();
        System.out.println(table(r));
        System.out.printf("报告 (report): %s%n", r.markdown());
        System.exit(0);
    }

    /** Lowers the service's own logging so the progress bar stays readable (warnings still show). */
    private static void quietLogs() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger l) l.setLevel(ch.qos.logback.classic.Level.WARN);
    }

    /** Starts a fresh service, replays the district through it, and reports. */
    public static Report run(Options o, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(o.dataDir());
        Path pg = o.dataDir().resolve("pg");
        if (o.dbUrl() == null) deleteTree(pg);
        String admin = "eval-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>();
        env.put("WATCH_DATA_DIR", pg.toString());
        env.put("WATCH_HTTP_PORT", "0");
        env.put("WATCH_ADMIN_TOKEN", admin);
        if (o.dbUrl() != null) env.put("WATCH_DB_URL", o.dbUrl());
        env.putAll(passThrough("WATCH_DB_USER", "WATCH_DB_PASSWORD", "WATCH_ZONE"));
        SimulatedDistrict sd = new DistrictSimulator(SimConfig.fuling(o.enterprises(), o.start(), o.days(), o.seed())).simulate();
        try (FurnaceWatch app = FurnaceWatch.start(Config.fromEnvironment(env, false))) {
            return new Run(o, sd, "http://127.0.0.1:" + app.httpPort(), admin, out, t0).execute();
        } finally {
            if (o.dbUrl() == null) deleteTree(pg);
        }
    }

    private static Map<String, String> passThrough(String... keys) {
        Map<String, String> m = new HashMap<>();
        for (String k : keys) if (System.getenv(k) != null) m.put(k, System.getenv(k));
        return m;
    }

    /** One evaluation against a running service. */
    static final class Run {
        private final Options o;
        private final SimulatedDistrict sd;
        private final String base;
        private final String admin;
        private final PrintStream out;
        private final long t0;
        private final HttpClient http;
        private final ExecutorService pool;
        private final AtomicLong sent = new AtomicLong(), accepted = new AtomicLong(), duplicates = new AtomicLong(), rejected = new AtomicLong();
        private final Map<String, Integer> partitionOfMeter = new HashMap<>();
        private final Map<String, String> industryOf = new HashMap<>();

        Run(Options o, SimulatedDistrict sd, String base, String admin, PrintStream out, long t0) {
            this.o = o;
            this.sd = sd;
            this.base = base;
            this.admin = admin;
            this.out = out;
            this.t0 = t0;
            this.pool = Executors.newFixedThreadPool(Math.max(2, o.connections()), Thread.ofPlatform().daemon(true).name("eval-post-", 0).factory());
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        }

        Report execute() throws Exception {
            try {
                register();
                long r0 = System.nanoTime();
                if (o.powerCompanyFeed()) replayAsPowerCompany(); else replay();
                double replaySeconds = (System.nanoTime() - r0) / 1e9;
                long d0 = System.nanoTime();
                String end = o.start().plusDays(o.days()).atStartOfDay(sd.config().zone()).toOffsetDateTime().toString();
                send("POST", "/api/v1/detection/advance", "application/json", "{\"to\":\"" + end + "\"}");
                awaitDetection();
                double detectionSeconds = (System.nanoTime() - d0) / 1e9;
                List<JsonNode> alerts = fetchAlerts();
                return score(alerts, replaySeconds, detectionSeconds);
            } finally {
                pool.shutdownNow();
            }
        }

        // ------------------------------------------------------------ registry

        private void register() throws Exception {
            send("PUT", "/api/v1/districts/" + sd.config().districtCode(), "application/json", SimJson.putBody(sd.district()));
            int k = Math.max(1, o.connections());
            List<EnterpriseRecord> ents = sd.enterprises();
            for (int i = 0; i < ents.size(); i++) {
                EnterpriseRecord r = ents.get(i);
                industryOf.put(r.creditCode(), r.industry());
                for (EnterpriseRecord.MeterSpec m : r.meters()) partitionOfMeter.put(m.id(), i % k);
            }
            Map<String, Integer> partitionOfEnterprise = new HashMap<>();
            for (int i = 0; i < ents.size(); i++) partitionOfEnterprise.put(ents.get(i).creditCode(), i % k);
            parallel(ents, r -> send("PUT", r.path(), "application/json", SimJson.putBody(r)));
            // Dated changes in time order: each is the complete new record with effectiveFrom.
            for (RegistryChange c : sd.changes()) {
                send("PUT", c.record().path(), "application/json", SimJson.putBody(c.record()));
                for (EnterpriseRecord.MeterSpec m : c.record().meters()) partitionOfMeter.putIfAbsent(m.id(), partitionOfEnterprise.get(c.creditCode()));
            }
            Map<String, List<DeclaredOutput>> decl = new LinkedHashMap<>();
            for (DeclaredOutput d : sd.declaredOutput()) decl.computeIfAbsent(d.creditCode(), x -> new ArrayList<>()).add(d);
            parallel(new ArrayList<>(decl.entrySet()), e -> {
                StringBuilder b = new StringBuilder("[");
                for (DeclaredOutput d : e.getValue()) {
                    if (b.length() > 1) b.append(',');
                    b.append("{\"month\":\"").append(d.month()).append("\",\"outputTonnes\":").append(d.tonnes()).append('}');
                }
                send("PUT", "/api/v1/enterprises/" + e.getKey() + "/declarations", "application/json", b.append(']').toString());
            });
            if (o.progress()) {
                out.printf("已登记 (registered): 区县 %s %s, %d 家企业, %d 条登记变更, %d 家企业申报产量 (declared output)%n",
                        sd.config().districtCode(), sd.config().districtName(), ents.size(), sd.changes().size(), decl.size());
            }
        }

        interface Call<T> {
            void apply(T t) throws Exception;
        }

        private <T> void parallel(List<T> items, Call<T> call) throws Exception {
            int k = Math.max(1, o.connections());
            List<Future<?>> fs = new ArrayList<>();
            for (int p = 0; p < k; p++) {
                int part = p;
                fs.add(pool.submit(() -> {
                    for (int i = part; i < items.size(); i += k) call.apply(items.get(i));
                    return null;
                }));
            }
            for (Future<?> f : fs) f.get();
        }

        // ------------------------------------------------------------ replay

        /** A day's readings split into per-connection lists of request-sized batches. */
        private record Day(int index, List<List<List<Reading>>> parts, int rows) {}

        private static final Day END = new Day(-1, List.of(), 0);

        private void replay() throws Exception {
            int k = Math.max(1, o.connections());
            long estimate = (long) partitionOfMeter.size() * 96 * o.days();
            BlockingQueue<Day> days = new ArrayBlockingQueue<>(2);
            Thread producer = Thread.ofPlatform().daemon(true).name("eval-sim").start(() -> {
                try {
                    Iterator<List<Reading>> it = sd.dayBatches();
                    for (int d = 0; it.hasNext(); d++) {
                        List<Reading> rows = it.next();
                        List<List<Reading>> byPart = new ArrayList<>();
                        for (int p = 0; p < k; p++) byPart.add(new ArrayList<>(rows.size() / k + 16));
                        for (Reading r : rows) byPart.get(partitionOfMeter.getOrDefault(r.meter(), 0)).add(r);
                        List<List<List<Reading>>> parts = new ArrayList<>();
                        for (List<Reading> part : byPart) {
                            List<List<Reading>> batches = new ArrayList<>();
                            for (int from = 0; from < part.size(); from += o.batchRows()) {
                                batches.add(part.subList(from, Math.min(part.size(), from + o.batchRows())));
                            }
                            parts.add(batches);
                        }
                        days.put(new Day(d, parts, rows.size()));
                    }
                    days.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Progress bar = new Progress(out, o.progress(), "回放读数 (replay)", estimate);
            try {
                for (Day next; (next = days.take()) != END; ) {
                    Day day = next;
                    List<Future<?>> fs = new ArrayList<>();
                    for (List<List<Reading>> part : day.parts()) {
                        fs.add(pool.submit(() -> {
                            for (List<Reading> batch : part) {
                                postReadings(batch);
                                bar.update(sent.get(), "第 " + (day.index() + 1) + "/" + o.days() + " 天");
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : fs) f.get();
                }
            } finally {
                producer.interrupt();
            }
            bar.done(sent.get(), String.format("已接收 %,d 条, 重复 %,d, 拒收 %,d", accepted.get(), duplicates.get(), rejected.get()));
        }

        /**
         * The district delivered as a power company does ({@code --feed power}): half-day uploads split over requests,
         * rows shuffled, re-collected rows up to 72 h late, quiet concentrators, gaps, replaced meters; each request
         * one POST, in order (interval kWh as NDJSON).
         */
        private void replayAsPowerCompany() throws Exception {
            long estimate = (long) partitionOfMeter.size() * 96 * o.days();
            Progress bar = new Progress(out, o.progress(), "回放读数，按供电公司方式 (power-company feed)", estimate);
            java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
            new org.furnacewatch.sim.PowerCompanyFeed(sd, o.seed(), org.furnacewatch.sim.PowerCompanyFeed.Options.typical())
                    .forEachRequest(req -> {
                        if (failed.get() != null) return;
                        List<Reading> batch = new ArrayList<>(req.rows().size());
                        for (org.furnacewatch.sim.PowerCompanyFeed.Row r : req.rows()) {
                            batch.add(new Reading(r.meterId(), org.furnacewatch.ingest.Timestamps.format(r.ts(), sd.config().zone()),
                                    r.ts(), r.kwh(), Double.NaN));
                        }
                        try {
                            for (int from = 0; from < batch.size(); from += o.batchRows()) {
                                postReadings(batch.subList(from, Math.min(batch.size(), from + o.batchRows())));
                            }
                        } catch (Exception e) {
                            failed.set(e);
                        }
                        bar.update(sent.get(), java.time.Instant.ofEpochSecond(req.arrivalTs()).atZone(sd.config().zone())
                                .toLocalDate().toString());
                    });
            if (failed.get() != null) throw failed.get();
            bar.done(sent.get(), String.format("已接收 %,d 条, 重复 %,d, 拒收 %,d", accepted.get(), duplicates.get(), rejected.get()));
        }

        private void postReadings(List<Reading> batch) throws Exception {
            String body = ReadingWriter.body(batch, ReadingWriter.Format.NDJSON);
            JsonNode a = JSON.readTree(send("POST", "/api/v1/readings", ReadingWriter.Format.NDJSON.contentType, body));
            accepted.addAndGet(a.path("accepted").asLong());
            duplicates.addAndGet(a.path("duplicates").asLong());
            rejected.addAndGet(a.path("rejected").size());
            sent.addAndGet(batch.size());
        }

        private void awaitDetection() throws Exception {
            long first = -1;
            Progress bar = null;
            while (true) {
                long pending = JSON.readTree(send("GET", "/api/v1/detection/status", null, null)).path("pending").asLong();
                if (first < 0) {
                    first = Math.max(1, pending);
                    bar = new Progress(out, o.progress(), "检测处理 (detection)", first);
                }
                bar.update(first - pending, "待处理 " + pending);
                if (pending == 0) break;
                Thread.sleep(250);
            }
            bar.done(first, "检测完成 (detection done)");
            JsonNode status = JSON.readTree(send("GET", "/api/v1/detection/status", null, null));
            out.printf("检测状态 (detection status): lateReadings=%d rejudgedReadings=%d processed=%d%n",
                    status.path("lateReadings").asLong(), status.path("rejudgedReadings").asLong(), status.path("processed").asLong());
        }

        private List<JsonNode> fetchAlerts() throws Exception {
            List<JsonNode> all = new ArrayList<>();
            for (String kind : KINDS) {
                JsonNode arr = JSON.readTree(send("GET", "/api/v1/alerts?district=" + sd.config().districtCode() + "&kind="
                        + URLEncoder.encode(kind, StandardCharsets.UTF_8), null, null));
                if (arr.size() >= 5000) out.printf("警告 (warning): %s 告警达到 5000 条上限, 结果被截断%n", kind);
                arr.forEach(all::add);
            }
            return all;
        }

        private String send(String method, String path, String contentType, String body) throws Exception {
            for (int attempt = 0; ; attempt++) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5))
                        .header("Authorization", "Bearer " + admin);
                if (body != null) b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
                else b.method(method, HttpRequest.BodyPublishers.noBody());
                HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if ((res.statusCode() == 503 || res.statusCode() == 429) && attempt < 120) {
                    Thread.sleep(1000L * Integer.parseInt(res.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                if (res.statusCode() >= 300) {
                    throw new IOException(method + " " + path + " -> " + res.statusCode() + " " + res.body());
                }
                return res.body();
            }
        }

        // ------------------------------------------------------------ scoring

        private record Scored(JsonNode alert, String kind, String enterprise, Instant firstTs, Instant lastTs,
                              Instant detectedTs, TruthEvent match) {}

        private Report score(List<JsonNode> alerts, double replaySeconds, double detectionSeconds) throws IOException {
            Map<String, List<TruthEvent>> truthByKey = new HashMap<>();
            Map<String, List<String>> truthKindsOf = new HashMap<>();
            for (TruthEvent t : sd.truth()) {
                truthByKey.computeIfAbsent(t.kind() + "|" + t.creditCode(), x -> new ArrayList<>()).add(t);
                truthKindsOf.computeIfAbsent(t.creditCode(), x -> new ArrayList<>()).add(t.kind());
            }
            List<Scored> scored = new ArrayList<>();
            for (JsonNode a : alerts) {
                String kind = a.path("kind").asText(), ent = a.path("enterprise").asText();
                Instant first = OffsetDateTime.parse(a.path("firstTs").asText()).toInstant();
                Instant last = OffsetDateTime.parse(a.path("lastTs").asText()).toInstant();
                JsonNode det = a.path("evidence").path("detectedTs");
                Instant detected = det.isTextual() ? OffsetDateTime.parse(det.asText()).toInstant() : last;
                TruthEvent match = null;
                for (TruthEvent t : truthByKey.getOrDefault(kind + "|" + ent, List.of())) {
                    Instant onset = t.onsetTs().toInstant();
                    if (!first.isBefore(onset.minus(EARLY)) && !first.isAfter(onset.plus(WINDOW))) {
                        match = t;
                        break;
                    }
                }
                scored.add(new Scored(a, kind, ent, first, last, detected, match));
            }
            List<KindRow> rows = new ArrayList<>();
            int falseAlerts = 0, falseOnPositives = 0;
            for (String kind : KINDS) {
                List<TruthEvent> truths = sd.truth().stream().filter(t -> t.kind().equals(kind)).toList();
                List<Scored> ofKind = scored.stream().filter(s -> s.kind().equals(kind)).toList();
                int matched = 0, fp = 0;
                for (Scored s : ofKind) {
                    if (s.match() != null) matched++;
                    else {
                        fp++;
                        if (truthKindsOf.containsKey(s.enterprise())) falseOnPositives++;
                    }
                }
                falseAlerts += fp;
                int tp = 0, within = 0;
                List<Double> ttd = new ArrayList<>(), lead = new ArrayList<>();
                for (TruthEvent t : truths) {
                    Scored best = ofKind.stream().filter(s -> s.match() == t).min(Comparator.comparing(Scored::detectedTs)).orElse(null);
                    if (best == null) continue;
                    tp++;
                    double h = hours(t.onsetTs().toInstant(), best.detectedTs());
                    ttd.add(h);
                    lead.add(hours(t.onsetTs().toInstant(), best.firstTs()));
                    if (h <= WINDOW.toHours()) within++;
                }
                rows.add(new KindRow(kind, truths.size(), ofKind.size(), tp, matched, fp, within,
                        quantile(ttd, 0.5), quantile(ttd, 0.9), quantile(lead, 0.5)));
            }
            long enterpriseDays = (long) sd.enterprises().size() * o.days();
            double total = (System.nanoTime() - t0) / 1e9;
            Report report = new Report(o, rows, falseAlerts, falseOnPositives, enterpriseDays, sent.get(), accepted.get(),
                    duplicates.get(), rejected.get(), replaySeconds, detectionSeconds, total, o.dataDir().resolve("evaluate-report.md"));
            writeFiles(report, scored, truthKindsOf);
            return report;
        }

        private void writeFiles(Report r, List<Scored> scored, Map<String, List<String>> truthKindsOf) throws IOException {
            Files.writeString(r.markdown(), markdown(r));
            StringBuilder csv = new StringBuilder("kind,truths,alerts,true_positives,false_alerts,recall,recall_24h,precision,median_ttd_h,p90_ttd_h,median_lead_h\n");
            for (KindRow k : r.rows()) {
                csv.append(k.kind()).append(',').append(k.truths()).append(',').append(k.alerts()).append(',').append(k.truePositives())
                        .append(',').append(k.falseAlerts()).append(',').append(num(k.recall())).append(',').append(num(k.recall24h()))
                        .append(',').append(num(k.precision())).append(',').append(num(k.medianTtdHours())).append(',')
                        .append(num(k.p90TtdHours())).append(',').append(num(k.medianLeadHours())).append('\n');
            }
            Files.writeString(o.dataDir().resolve("evaluate-report.csv"), csv.toString());
            // Every alert with its verdict, and every missed truth: what tuning looks at.
            Map<String, String> lookAlike = new HashMap<>();
            for (String line : sd.lookAlikesCsv().split("\n")) {
                String[] f = line.split(",");
                if (f.length >= 3 && !f[0].equals("creditCode")) lookAlike.put(f[0], f[2]);
            }
            ZoneId zone = sd.config().zone();
            StringBuilder a = new StringBuilder("verdict,kind,enterprise,industry,truthKinds,lookAlike,firstTs,detectedTs,lastTs,score,summary\n");
            scored.stream().sorted(Comparator.comparing(Scored::kind).thenComparing(Scored::firstTs)).forEach(s -> a
                    .append(s.match() != null ? "TP" : truthKindsOf.containsKey(s.enterprise()) ? "FP_ON_POSITIVE" : "FP").append(',')
                    .append(s.kind()).append(',').append(s.enterprise()).append(',').append(industryOf.getOrDefault(s.enterprise(), ""))
                    .append(',').append(String.join("|", truthKindsOf.getOrDefault(s.enterprise(), List.of()))).append(',')
                    .append(lookAlike.getOrDefault(s.enterprise(), "")).append(',').append(s.firstTs().atZone(zone).toOffsetDateTime())
                    .append(',').append(s.detectedTs().atZone(zone).toOffsetDateTime()).append(',').append(s.lastTs().atZone(zone).toOffsetDateTime())
                    .append(',').append(num(s.alert().path("score").asDouble())).append(',')
                    .append(csvText(s.alert().path("summary").asText())).append('\n'));
            Files.writeString(o.dataDir().resolve("evaluate-alerts.csv"), a.toString());
            StringBuilder m = new StringBuilder("kind,enterprise,industry,onsetTs,endTs,alertsOfKind,detail\n");
            for (TruthEvent t : sd.truth()) {
                boolean found = scored.stream().anyMatch(s -> s.match() == t);
                if (found) continue;
                String others = scored.stream().filter(s -> s.enterprise().equals(t.creditCode()) && s.kind().equals(t.kind()))
                        .map(s -> s.firstTs().atZone(zone).toOffsetDateTime().toString()).reduce((x, y) -> x + "|" + y).orElse("");
                m.append(t.kind()).append(',').append(t.creditCode()).append(',').append(industryOf.getOrDefault(t.creditCode(), ""))
                        .append(',').append(t.onsetTs()).append(',').append(t.endTs()).append(',').append(others).append(',')
                        .append(csvText(t.detail())).append('\n');
            }
            Files.writeString(o.dataDir().resolve("evaluate-missed.csv"), m.toString());
            Files.writeString(o.dataDir().resolve("truth.csv"), sd.truthCsv());
        }
    }

    // ---------------------------------------------------------------- output

    /** The per-kind table, Chinese and English headers. */
    public static String table(Report r) {
        StringBuilder sb = new StringBuilder();
        Options o = r.options();
        sb.append(String.format("评估结果 (evaluation): %d 家企业 x %d 天, 起始 %s, 种子 %d; 读数 %,d 条 (接收 %,d, 重复 %,d, 拒收 %,d)%n",
                o.enterprises(), o.days(), o.start(), o.seed(), r.rowsSent(), r.accepted(), r.duplicates(), r.rejected()));
        sb.append(String.format("回放 %.1f s (%,.0f 条/秒), 检测收尾 %.1f s, 总计 %.1f s%n%n", r.replaySeconds(),
                r.rowsSent() / Math.max(1e-9, r.replaySeconds()), r.detectionSeconds(), r.totalSeconds()));
        String fmt = "%-20s %6s %6s %6s %6s %8s %10s %9s %10s %10s %11s%n";
        sb.append(String.format(fmt, "类型", "真值", "告警", "命中", "误报", "召回率", "24h召回率", "精确率", "检出中位h", "检出P90h", "证据起点中位h"));
        sb.append(String.format(fmt, "kind", "truth", "alerts", "TP", "FP", "recall", "recall@24h", "precision", "TTD p50 h", "TTD p90 h", "lead p50 h"));
        for (KindRow k : r.rows()) {
            sb.append(String.format(fmt, k.kind(), k.truths(), k.alerts(), k.truePositives(), k.falseAlerts(), pct(k.recall()),
                    pct(k.recall24h()), pct(k.precision()), hrs(k.medianTtdHours()), hrs(k.p90TtdHours()), hrs(k.medianLeadHours())));
        }
        sb.append(String.format("%n误报率 (false alerts per 10,000 enterprise-days, all kinds): %.2f  (%d 条误报 / %,d 企业日; 其中 %d 条落在其他类型的真实异常企业上)%n",
                r.falseAlertsPer10kEnterpriseDays(), r.falseAlerts(), r.enterpriseDays(), r.falseOnPositives()));
        return sb.toString();
    }

    static String markdown(Report r) {
        Options o = r.options();
        StringBuilder sb = new StringBuilder("# 评估报告 Evaluation report\n\n");
        sb.append(String.format("`evaluate --enterprises %d --days %d --start %s --seed %d` — %,d readings sent (%,d accepted, %,d duplicates, %,d rejected); "
                        + "replay %.1f s (%,.0f rows/s), detection drain %.1f s, total %.1f s.%n%n",
                o.enterprises(), o.days(), o.start(), o.seed(), r.rowsSent(), r.accepted(), r.duplicates(), r.rejected(),
                r.replaySeconds(), r.rowsSent() / Math.max(1e-9, r.replaySeconds()), r.detectionSeconds(), r.totalSeconds()));
        sb.append("| 类型 kind | 真值 truth | 告警 alerts | 命中 TP | 误报 FP | 召回 recall | 24h 召回 recall@24h | 精确 precision | 检出 TTD p50 (h) | TTD p90 (h) | 证据起点 lead p50 (h) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (KindRow k : r.rows()) {
            sb.append(String.format("| %s | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s |%n", k.kind(), k.truths(), k.alerts(),
                    k.truePositives(), k.falseAlerts(), pct(k.recall()), pct(k.recall24h()), pct(k.precision()),
                    hrs(k.medianTtdHours()), hrs(k.p90TtdHours()), hrs(k.medianLeadHours())));
        }
        sb.append(String.format("%n误报率 false alerts per 10,000 enterprise-days (all kinds): **%.2f** (%d false alerts / %,d enterprise-days; %d of them on enterprises with a true event of another kind).%n",
                r.falseAlertsPer10kEnterpriseDays(), r.falseAlerts(), r.enterpriseDays(), r.falseOnPositives()));
        sb.append("\nMatching: an alert of kind K for enterprise E is a true positive when its firstTs is within [onset - 1 h, onset + 24 h] of the truth (K, E); "
                + "every other alert is false. TTD = evidence.detectedTs (event time of the reading that raised the alert) - onset; recall@24h counts truths detected by onset + 24 h. "
                + "lead = firstTs - onset. Per-alert verdicts: evaluate-alerts.csv; missed truths: evaluate-missed.csv.\n");
        return sb.toString();
    }

    /** Draws a progress bar in place on a terminal; elsewhere prints a line every 10 s. */
    static final class Progress {
        private final PrintStream out;
        private final boolean enabled;
        private final boolean tty = System.console() != null;
        private final String label;
        private final long total;
        private final long start = System.nanoTime();
        private long lastDraw;

        Progress(PrintStream out, boolean enabled, String label, long total) {
            this.out = out;
            this.enabled = enabled;
            this.label = label;
            this.total = Math.max(1, total);
        }

        synchronized void update(long done, String note) {
            if (!enabled) return;
            long now = System.nanoTime();
            if (now - lastDraw < (tty ? 200_000_000L : 10_000_000_000L)) return;
            lastDraw = now;
            draw(done, note, false);
        }

        synchronized void done(long done, String note) {
            if (enabled) draw(done, note, true);
        }

        private void draw(long done, String note, boolean last) {
            double secs = (System.nanoTime() - start) / 1e9;
            double frac = Math.min(1, done / (double) total);
            int width = 30, filled = (int) Math.round(frac * width);
            double rate = done / Math.max(1e-9, secs);
            String eta = last ? "用时 " + clock(secs) : "剩余 " + (rate > 0 ? clock(Math.max(0, total - done) / rate) : "--:--");
            String line = String.format("%s [%s%s] %3.0f%% %,d 条 %,.0f 条/秒 %s  %s", label, "█".repeat(filled), "░".repeat(width - filled),
                    frac * 100, done, rate, eta, note);
            if (tty) out.print("\r\033[K" + line + (last ? "\n" : ""));
            else out.println(line);
            out.flush();
        }

        private static String clock(double secs) {
            long s = Math.round(secs);
            return String.format("%d:%02d", s / 60, s % 60);
        }
    }

    // ---------------------------------------------------------------- helpers

    static double hours(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds() / 3600.0;
    }

    static double quantile(List<Double> xs, double q) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        double pos = q * (s.size() - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s.get(lo) + (s.get(hi) - s.get(lo)) * (pos - lo);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f%%", v * 100);
    }

    private static String hrs(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.2f", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format("%.4f", v);
    }

    private static String csvText(String s) {
        if (s == null) return "";
        return '"' + s.replace("\"", "\"\"").replace("\n", " ") + '"';
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
        }
    }
}
