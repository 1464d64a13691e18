package org.furnacewatch.alert;

import org.furnacewatch.calendar.WorkingCalendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.furnacewatch.detect.DetectionEngine;
import org.furnacewatch.detect.Finding;
import org.furnacewatch.detect.FindingKind;
import org.furnacewatch.detect.ProfileResolver;
import org.furnacewatch.registry.EnterpriseHistory;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.MeterInfo;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Backtests: replays STORED readings of a time range (ordered by ts; meter to enterprise through the registry's
 * dated history, exactly as {@link DetectionRunner} feeds live readings) through a fresh {@link DetectionEngine}
 * with a given profile. Findings are collected in memory only: no alert is written and nobody is notified.
 * The answer counts, per kind, what would have fired and scores it against labelled alerts (see
 * {@link #evaluate}). Jobs run on their own two threads; results are kept in {@code backtests}.
 */
public final class Backtester implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Backtester.class);
    private static final ObjectMapper JSON = org.furnacewatch.codec.Json.MAPPER;
    /** A finding matches a labelled alert of the same enterprise and kind when their spans, widened by this, overlap. */
    public static final long MATCH_MARGIN_SECONDS = 24 * 3600;
    public static final int MAX_ALERTS_LISTED = 5000;
    public static final int MAX_ACTIVE = 4;
    static final long TIME_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(30);

    /** What to replay. {@code profileVersion} is null for an inline profile. */
    public record Request(ProfileResolver profiles, Integer profileVersion, Instant from, Instant to, String district,
                          int warmupDays, Map<String, Object> echo) {}

    /** A running or finished backtest; the answer is {@link #toMap()}. */
    public static final class Job {
        final String id = UUID.randomUUID().toString();
        final Request request;
        final String requestedBy;
        final Instant requestedAt = Instant.now();
        volatile String state = "RUNNING";
        volatile double progress;
        volatile long readings;
        volatile Map<String, Object> result;
        volatile String error;
        volatile Future<?> future;

        Job(Request request, String requestedBy) {
            this.request = request;
            this.requestedBy = requestedBy;
        }

        public String id() {
            return id;
        }

        public boolean done() {
            return !state.equals("RUNNING");
        }

        /** Waits up to {@code millis} for the job to finish. */
        public void await(long millis) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (!done() && System.nanoTime() < until) Thread.sleep(20);
        }

        public Map<String, Object> toMap() {
            Map<String, Object> r = result;
            if (r != null) return r;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("state", state);
            out.put("progress", progress);
            out.put("readings", readings);
            out.put("request", request.echo());
            out.put("requestedBy", requestedBy);
            out.put("requestedAt", requestedAt.toString());
            if (error != null) out.put("error", error);
            return out;
        }
    }

    private final Registry registry;
    private final RegistryContexts contexts;
    private final Database db;
    private final LabelStore labels;
    private final ZoneId zone;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("backtest-", 0).daemon(true).factory());
    private final Map<String, Job> jobs = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > 100 && eldest.getValue().done();
        }
    });

    public Backtester(Registry registry, RegistryContexts contexts, Database db, LabelStore labels, ZoneId zone) throws SQLException {
        this.registry = registry;
        this.contexts = contexts;
        this.db = db;
        this.labels = labels;
        this.zone = zone;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE backtests SET state = 'FAILED', finished_at = now(), result = jsonb_build_object('state','FAILED','error','interrupted by a restart') WHERE state = 'RUNNING'")) {
            ps.executeUpdate();
        }
    }

    /** Starts a backtest; null when {@link #MAX_ACTIVE} are already running or queued. */
    public synchronized Job submit(Request request, String actor) throws SQLException {
        long active;
        synchronized (jobs) {
            active = jobs.values().stream().filter(j -> !j.done()).count();
        }
        if (active >= MAX_ACTIVE) return null;
        Job job = new Job(request, actor);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO backtests (id, requested_by, request, state) VALUES (?, ?, ?::jsonb, 'RUNNING')")) {
            ps.setObject(1, UUID.fromString(job.id));
            ps.setString(2, actor);
            ps.setString(3, json(request.echo()));
            ps.executeUpdate();
        }
        jobs.put(job.id, job);
        job.future = pool.submit(() -> run(job));
        return job;
    }

    /** A job's answer: from memory while it runs, else from the store; null when unknown. */
    public Map<String, Object> get(String id) throws SQLException {
        Job job = jobs.get(id);
        if (job != null) return job.toMap();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT state, result::text, request::text, requested_by, requested_at FROM backtests WHERE id = ?")) {
            ps.setObject(1, uuid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Map<String, Object> out = rs.getString(2) == null ? new LinkedHashMap<>() : parse(rs.getString(2));
                out.put("id", id);
                out.putIfAbsent("state", rs.getString(1));
                out.putIfAbsent("request", parse(rs.getString(3)));
                out.putIfAbsent("requestedBy", rs.getString(4));
                out.putIfAbsent("requestedAt", rs.getTimestamp(5).toInstant().toString());
                return out;
            }
        }
    }

    /** One episode (enterprise, kind, firstTs) of what would have fired. */
    private static final class Episode {
        String enterprise, district;
        FindingKind kind;
        long firstTs, lastTs;
        double score;
        String summary;
        int findings;
        final List<LabelStore.Labelled> matches = new ArrayList<>();
    }

    private void run(Job job) {
        long t0 = System.nanoTime();
        Request r = job.request;
        try {
            List<Finding> found = new ArrayList<>();
            DetectionEngine engine = new DetectionEngine(contexts, r.profiles(), WorkingCalendar.current().days(), found::add, zone, 4096, 4096);
            long from = r.from().getEpochSecond(), to = r.to().getEpochSecond();
            long start = from - r.warmupDays() * 86_400L;
            engine.alreadyEmittedUpTo(from); // warm-up readings teach baselines but fire nothing
            Map<String, Episode> episodes = new LinkedHashMap<>();
            long[] n = {0};
            long read = StoredReadings.read(db, Instant.ofEpochSecond(start), r.to(), null, (meter, ts, kwh) -> {
                if (feed(engine, meter, ts, kwh, r.district())) n[0]++;
                if (!found.isEmpty()) collect(found, episodes);
                job.progress = Math.min(0.99, (double) (ts - start) / Math.max(1, to - start));
            }, () -> {
                job.readings = n[0];
                return System.nanoTime() - t0 > TIME_LIMIT_NANOS || Thread.currentThread().isInterrupted();
            });
            if (read < 0) throw new IllegalStateException("time limit of 30 minutes exceeded or cancelled");
            job.readings = n[0];
            engine.advanceTo(to); // the range is complete: judge its last windows and days
            collect(found, episodes);
            List<LabelStore.Labelled> labelled = labels.overlapping(r.from(), r.to(), 0, r.district());
            Map<String, Object> out = answer(job, episodes, labelled);
            out.put("elapsedMs", (System.nanoTime() - t0) / 1_000_000);
            job.progress = 1;
            finish(job, "DONE", out);
        } catch (Exception | StackOverflowError e) {
            log.warn("backtest {} failed", job.id, e);
            job.error = String.valueOf(e.getMessage());
            Map<String, Object> out = job.toMap();
            out.put("state", "FAILED");
            finish(job, "FAILED", out);
        }
    }

    /** Exactly as DetectionRunner.feed: the meter's owner at the reading's interval; the district filter on that owner. */
    private boolean feed(DetectionEngine engine, int meterKey, long ts, double kwh, String district) {
        MeterInfo meter = registry.meter(meterKey);
        if (meter == null) return false;
        EnterpriseRecord owner = registry.ownerAt(meter, ts - 1);
        if (owner == null) { // an account no enterprise lists is its own entity, as in DetectionRunner.feed
            org.furnacewatch.registry.AccountMeter account = registry.accountMeterAt(meter.id(), ts - 1);
            if (account == null || (district != null && !district.equals(account.district()))) return false;
            engine.onReading(meterKey, contexts.indexOf(RegistryContexts.ACCOUNT + account.account()), ts, kwh);
            return true;
        }
        if (district != null && !district.equals(owner.district())) return false;
        engine.onReading(meterKey, contexts.indexOf(owner.creditCode()), ts, kwh);
        return true;
    }

    private void collect(List<Finding> found, Map<String, Episode> episodes) {
        for (Finding f : found) {
            String entity = contexts.codeOf(f.enterpriseIdx());
            String code = entity;
            String accountDistrict = null;
            if (entity.startsWith(RegistryContexts.ACCOUNT)) { // named as the live alert would be (Attribution)
                Attribution.Target t = Attribution.of(registry, contexts.customers(), entity, f.lastTs() - 1, java.time.ZoneOffset.UTC);
                if (t == null) continue;
                code = t.creditCode();
                accountDistrict = t.district();
            }
            final String named = code != null ? code : entity;
            Episode e = episodes.computeIfAbsent(code + ':' + f.kind() + ':' + f.firstTs(), k -> {
                Episode n = new Episode();
                n.enterprise = named;
                n.kind = f.kind();
                n.firstTs = f.firstTs();
                return n;
            });
            e.lastTs = Math.max(e.lastTs, f.lastTs());
            e.score = Math.max(e.score, f.score());
            e.summary = f.explanation();
            e.findings++;
            EnterpriseHistory h = registry.enterprise(code);
            e.district = accountDistrict != null ? accountDistrict : h == null ? null : h.at(f.lastTs() - 1).district();
        }
        found.clear();
    }

    private Map<String, Object> answer(Job job, Map<String, Episode> episodes, List<LabelStore.Labelled> labelled) {
        List<Episode> list = new ArrayList<>(episodes.values());
        list.sort(Comparator.comparingLong((Episode e) -> e.firstTs).thenComparing(e -> e.enterprise).thenComparing(e -> e.kind));
        for (Episode e : list) {
            for (LabelStore.Labelled l : labelled) if (matches(e, l)) e.matches.add(l);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", job.id);
        out.put("state", "DONE");
        out.put("progress", 1.0);
        out.put("request", job.request.echo());
        out.put("profileVersion", job.request.profileVersion());
        out.put("requestedBy", job.requestedBy);
        out.put("requestedAt", job.requestedAt.toString());
        out.put("readings", job.readings);
        out.put("notified", false);
        out.put("alertsWritten", 0);
        Map<String, Object> kinds = new LinkedHashMap<>();
        for (FindingKind k : FindingKind.values()) {
            List<Episode> of = list.stream().filter(e -> e.kind == k).toList();
            List<LabelStore.Labelled> ls = labelled.stream().filter(l -> l.kind().equals(k.name())).toList();
            Map<String, Object> m = evaluate(of, ls);
            m.put("findings", of.stream().mapToInt(e -> e.findings).sum());
            m.put("alerts", of.size());
            kinds.put(k.name(), reorder(m, "findings", "alerts"));
        }
        out.put("kinds", kinds);
        Map<String, Object> evaluation = evaluate(list, labelled);
        evaluation.put("matchWindowHours", MATCH_MARGIN_SECONDS / 3600);
        evaluation.put("definition", "a backtest alert matches a labelled alert of the same enterprise and kind when "
                + "[firstTs - 24h, lastTs + 24h] overlaps the labelled alert's [firstTs, lastTs]; precision = alerts matching a "
                + "CONFIRMED label / alerts matching any label (null when none does); recall = CONFIRMED labels matched by "
                + "some alert / CONFIRMED labels whose alert overlaps [from, to] (null when there are none)");
        out.put("evaluation", evaluation);
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Episode e : list) {
            if (alerts.size() >= MAX_ALERTS_LISTED) break;
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("enterprise", e.enterprise);
            a.put("district", e.district);
            a.put("kind", e.kind.name());
            a.put("firstTs", ts(e.firstTs));
            a.put("lastTs", ts(e.lastTs));
            a.put("score", e.score);
            a.put("summary", e.summary);
            a.put("findings", e.findings);
            List<Map<String, Object>> ms = new ArrayList<>();
            for (LabelStore.Labelled l : e.matches) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("alertId", l.alertId());
                m.put("outcome", l.outcome());
                m.put("cause", l.cause());
                ms.add(m);
            }
            a.put("labels", ms);
            alerts.add(a);
        }
        out.put("alerts", alerts);
        out.put("truncated", list.size() > MAX_ALERTS_LISTED);
        return out;
    }

    /** Precision and recall of {@code episodes} against {@code labelled} (already limited to the same scope). */
    static Map<String, Object> evaluate(List<Episode> episodes, List<LabelStore.Labelled> labelled) {
        int labelledAlerts = 0, truePositives = 0;
        for (Episode e : episodes) {
            boolean any = false, confirmed = false;
            for (LabelStore.Labelled l : labelled) {
                if (!matches(e, l)) continue;
                any = true;
                confirmed |= l.outcome().equals("CONFIRMED");
            }
            if (any) labelledAlerts++;
            if (confirmed) truePositives++;
        }
        int confirmedLabels = 0, confirmedMatched = 0, falseLabels = 0;
        for (LabelStore.Labelled l : labelled) {
            if (!l.outcome().equals("CONFIRMED")) {
                falseLabels++;
                continue;
            }
            confirmedLabels++;
            for (Episode e : episodes) {
                if (matches(e, l)) {
                    confirmedMatched++;
                    break;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("confirmedLabels", confirmedLabels);
        m.put("falseLabels", falseLabels);
        m.put("labelledAlerts", labelledAlerts);
        m.put("truePositives", truePositives);
        m.put("falsePositives", labelledAlerts - truePositives);
        m.put("confirmedMatched", confirmedMatched);
        m.put("precision", labelledAlerts == 0 ? null : (double) truePositives / labelledAlerts);
        m.put("recall", confirmedLabels == 0 ? null : (double) confirmedMatched / confirmedLabels);
        return m;
    }

    private static boolean matches(Episode e, LabelStore.Labelled l) {
        return java.util.Objects.equals(e.enterprise, l.enterprise() == null ? null : l.enterprise().trim()) && e.kind.name().equals(l.kind())
                && e.firstTs - MATCH_MARGIN_SECONDS <= l.lastTs().getEpochSecond()
                && e.lastTs + MATCH_MARGIN_SECONDS >= l.firstTs().getEpochSecond();
    }

    private static Map<String, Object> reorder(Map<String, Object> m, String... first) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : first) out.put(k, m.get(k));
        m.forEach(out::putIfAbsent);
        return out;
    }

    private void finish(Job job, String state, Map<String, Object> out) {
        job.result = out;
        job.state = state;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE backtests SET state = ?, finished_at = now(), result = ?::jsonb WHERE id = ?")) {
            ps.setString(1, state);
            ps.setString(2, json(out));
            ps.setObject(3, UUID.fromString(job.id));
            ps.executeUpdate();
        } catch (SQLException e) {
            log.warn("backtest {}: result not stored: {}", job.id, e.getMessage());
        }
    }

    private String ts(long epochSecond) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone).toString();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> parse(String text) throws SQLException {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new SQLException("stored backtest unreadable", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
