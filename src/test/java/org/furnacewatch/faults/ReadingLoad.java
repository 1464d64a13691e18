package org.furnacewatch.faults;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.furnacewatch.testing.Api;
import org.furnacewatch.testing.Fixtures;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A sustained ingest from a few client threads that remembers, per request, what the service answered.
 *
 * <p>Request {@code b} carries the readings of every test meter for the 100 quarter-hours
 * {@code [b*100, b*100+100)} after {@link #START} ({@value #SLOTS_PER_BATCH} x 20 meters = 2,000 readings),
 * so requests never overlap and every stored row names the one request it came from. Values are a
 * function of (meter, slot), multiples of 0.25 so they compare exactly.
 *
 * <p>After the fault, {@link #verify} reads the store and checks the contract: every acknowledged request
 * has all its rows with their values, a request answered only with 503 has none, one without an answer
 * has all or none, nothing is stored twice (no corrections) and nothing is stored that was never sent.
 */
final class ReadingLoad {
    static final int ENTERPRISES = 4;
    static final int METERS_PER_ENTERPRISE = 5;
    static final int METERS = ENTERPRISES * METERS_PER_ENTERPRISE;
    static final int SLOTS_PER_BATCH = 100;
    static final int BATCH_ROWS = SLOTS_PER_BATCH * METERS;
    static final OffsetDateTime START = OffsetDateTime.parse("2015-01-01T00:00:00+08:00");
    static final String EFFECTIVE_FROM = "2014-01-01T00:00:00+08:00";
    /** 3,500 requests x 25 h stays well before today (readings in the future are rejected). */
    static final int MAX_BATCHES = 3_500;
    private static final long START_EPOCH = START.toEpochSecond();

    enum State { UNSENT, ACKED, REFUSED, UNANSWERED, FAILED }

    /** What happened to one request over its attempts (written by the one thread that owns it). */
    static final class Log {
        volatile State state = State.UNSENT;
        volatile int refusals;
        volatile boolean everUnanswered;
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> meterIds = new ArrayList<>();
    private final Map<String, Integer> meterIndex = new HashMap<>();
    private final List<String> enterprises = new ArrayList<>();
    private final AtomicReferenceArray<Log> logs = new AtomicReferenceArray<>(MAX_BATCHES);
    private final AtomicInteger nextBatch = new AtomicInteger();
    private final AtomicInteger acked = new AtomicInteger();
    private final AtomicInteger refusedAnswers = new AtomicInteger();
    private final AtomicInteger unansweredAttempts = new AtomicInteger();
    private final AtomicInteger resetAttempts = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> resets = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile String baseUrl;
    private volatile String token;
    private volatile boolean stopNew;
    private volatile long faultAt;
    private volatile AtomicIntegerArray refusalsByClient = new AtomicIntegerArray(0);

    /** Registers a district and the enterprises with their meters, dated early enough for the readings. */
    void register(Api admin, String district) {
        Fixtures.district(admin, district, "故障测试区");
        for (int e = 0; e < ENTERPRISES; e++) {
            String[] ids = new String[METERS_PER_ENTERPRISE];
            for (int k = 0; k < ids.length; k++) {
                ids[k] = Fixtures.newMeterId("F" + e);
                meterIndex.put(ids[k], meterIds.size());
                meterIds.add(ids[k]);
            }
            JsonObject body = Fixtures.enterprise(district, "OPERATING", 1000, ids).put("effectiveFrom", EFFECTIVE_FROM);
            enterprises.add(Fixtures.putEnterprise(admin, body));
        }
    }

    /**
     * Starts {@code clients} threads posting requests as fast as they are answered. With
     * {@code retryRefused}, every client but the last re-sends a request that got 503 until it is taken; the
     * last client abandons its refused requests (which must then have left nothing behind). Without it,
     * every client abandons refused requests.
     */
    void start(String baseUrl, String token, int clients, boolean retryRefused) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.refusalsByClient = new AtomicIntegerArray(clients);
        for (int i = 0; i < clients; i++) {
            boolean retries = retryRefused && i < clients - 1;
            int client = i;
            Thread t = Thread.ofPlatform().name("ingest-client-" + i).daemon(true).start(() -> clientLoop(client, retries));
            threads.add(t);
        }
    }

    /** Lets the clients finish the request they are on (retries included) and start no new one. */
    void stopAndJoin(Duration timeout) throws InterruptedException {
        stopNew = true;
        long end = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = Math.max(1, (end - System.nanoTime()) / 1_000_000);
            t.join(left);
            if (t.isAlive()) throw new AssertionError("ingest client " + t.getName() + " still running after " + timeout);
        }
    }

    /** For a finally block: no new requests, and give the clients a moment; never throws. */
    void stopQuietly() {
        stopNew = true;
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Points the clients at another service address (a restarted process). */
    void retarget(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    int acked() {
        return acked.get();
    }

    int refusedAnswers() {
        return refusedAnswers.get();
    }

    int unansweredAttempts() {
        return unansweredAttempts.get();
    }

    /** Attempts that failed on an open connection (reset, closed mid-answer), as opposed to a refused connect. */
    int resetAttempts() {
        return resetAttempts.get();
    }

    int sent() {
        return nextBatch.get();
    }

    /** Counters and the first problems, for failure messages. */
    String status() {
        return (sent() >= MAX_BATCHES ? "all " + MAX_BATCHES + " requests used up; " : "") + "sent=" + sent() + " acked=" + acked() + " 503s=" + refusedAnswers() + " unanswered=" + unansweredAttempts()
                + " (reset " + resetAttempts() + ") problems=" + problems().stream().limit(5).toList();
    }

    /** Notes the moment of a fault, to which {@link #resets()} relates its times. */
    void markFault() {
        faultAt = System.nanoTime();
    }

    private long sinceMark(long t) {
        return faultAt == 0 ? 0 : (t - faultAt) / 1_000_000;
    }

    /** The attempts cut on an open connection, with the client's exception. */
    List<String> resets() {
        return List.copyOf(resets);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> enterprises() {
        return List.copyOf(enterprises);
    }

    /** True when every client has had at least one 503. */
    boolean everyClientRefused() {
        AtomicIntegerArray r = refusalsByClient;
        for (int i = 0; i < r.length(); i++) if (r.get(i) == 0) return false;
        return r.length() > 0;
    }

    private void clientLoop(int clientNo, boolean retryRefused) {
        while (!stopNew) {
            int b = nextBatch.getAndIncrement();
            if (b >= MAX_BATCHES) {
                stopNew = true;
                return;
            }
            Log log = new Log();
            logs.set(b, log);
            byte[] body = body(b).getBytes(StandardCharsets.UTF_8);
            String type = b % 2 == 0 ? "application/json" : "application/x-ndjson";
            long retryUntil = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (true) {
                HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/readings"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<String> r;
                long attemptStart = System.nanoTime();
                try {
                    r = client.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    unansweredAttempts.incrementAndGet();
                    if (!(e instanceof ConnectException)) {
                        resetAttempts.incrementAndGet();
                        resets.add("request " + b + " (sent " + sinceMark(attemptStart) + " ms, cut " + sinceMark(System.nanoTime())
                                + " ms after the fault): " + e);
                    }
                    log.everUnanswered = true;
                    log.state = State.UNANSWERED;
                    // nothing listens (stopped or killed): do not spin while the test notices
                    if (e instanceof ConnectException) Deadline.pause(50);
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    log.everUnanswered = true;
                    log.state = State.UNANSWERED;
                    return;
                }
                if (r.statusCode() == 200) {
                    JsonObject a = new JsonObject(r.body());
                    int taken = a.getInteger("accepted") + a.getInteger("duplicates");
                    JsonArray rejected = a.getJsonArray("rejected");
                    if (taken != BATCH_ROWS || !rejected.isEmpty()) {
                        problems.add("request " + b + ": 200 but not all rows taken: " + abbreviate(r.body()));
                        log.state = State.FAILED;
                    } else {
                        log.state = State.ACKED;
                        acked.incrementAndGet();
                    }
                    break;
                }
                if (r.statusCode() == 503) {
                    refusedAnswers.incrementAndGet();
                    refusalsByClient.incrementAndGet(clientNo);
                    log.refusals++;
                    String retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                    if (retryAfter == null || !retryAfter.matches("\\d+")) {
                        problems.add("request " + b + ": 503 without a valid Retry-After (" + retryAfter + ")");
                    }
                    log.state = log.everUnanswered ? State.UNANSWERED : State.REFUSED;
                    // a polite client backs off, also before its next request when it abandons this one: without
                    // the pause an abandoning client spent all MAX_BATCHES request numbers in a long outage (CI:
                    // 3,295 refusals), and no request was left to send once the store was back. Capped so the
                    // test does not idle for whole seconds.
                    Deadline.pause(Math.min(200, retryAfter == null || !retryAfter.matches("\\d+") ? 200 : 1000L * Long.parseLong(retryAfter)));
                    if (!retryRefused || System.nanoTime() > retryUntil) break;
                    continue;
                }
                problems.add("request " + b + ": unexpected " + r.statusCode() + " " + abbreviate(r.body()));
                log.state = State.FAILED;
                break;
            }
        }
    }

    String body(int b) {
        boolean ndjson = b % 2 != 0;
        StringBuilder sb = new StringBuilder(BATCH_ROWS * 80);
        if (!ndjson) sb.append('[');
        boolean first = true;
        for (int s = b * SLOTS_PER_BATCH; s < (b + 1) * SLOTS_PER_BATCH; s++) {
            String ts = START.plusMinutes(15L * (s + 1)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            for (int m = 0; m < METERS; m++) {
                if (!ndjson && !first) sb.append(',');
                first = false;
                sb.append("{\"meter\":\"").append(meterIds.get(m)).append("\",\"ts\":\"").append(ts)
                        .append("\",\"kwh\":").append(kwh(m, s)).append('}');
                if (ndjson) sb.append('\n');
            }
        }
        if (!ndjson) sb.append(']');
        return sb.toString();
    }

    static double kwh(int meter, int slot) {
        return ((meter * 31 + slot * 7) % 97) * 0.25 + 0.25;
    }

    /** What the store holds of this load, as checked by {@link #verify}. */
    record Verdict(int sent, int acked, int ackedAfterRefusal, int refusedAbandoned, int unansweredPresent, int unansweredAbsent,
                   long rows, boolean[] present) {
        @Override
        public String toString() {
            return "sent=" + sent + " acked=" + acked + " (" + ackedAfterRefusal + " after a 503) refused(abandoned)=" + refusedAbandoned
                    + " unanswered(present)=" + unansweredPresent + " unanswered(absent)=" + unansweredAbsent + " rows=" + rows;
        }
    }

    /** Reads every row of the test meters and checks each request is stored exactly as the contract says. */
    Verdict verify(Connection c) throws SQLException {
        int sent = Math.min(nextBatch.get(), MAX_BATCHES);
        int[] count = new int[MAX_BATCHES];
        List<String> violations = new ArrayList<>();
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.meter_id, extract(epoch FROM r.ts)::bigint, r.kwh
                FROM readings r JOIN meters m ON m.meter_key = r.meter_key
                WHERE m.meter_id = ANY (?)""")) {
            ps.setArray(1, c.createArrayOf("text", meterIds.toArray()));
            ps.setFetchSize(10_000);
            c.setAutoCommit(false);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    int m = meterIndex.get(rs.getString(1));
                    long since = rs.getLong(2) - START_EPOCH;
                    double kwh = rs.getDouble(3);
                    if (since <= 0 || since % 900 != 0) {
                        note(violations, "row off the quarter-hour grid: meter " + m + " +" + since + " s");
                        continue;
                    }
                    int slot = (int) (since / 900) - 1;
                    int b = slot / SLOTS_PER_BATCH;
                    if (b >= sent) {
                        note(violations, "row of a request never sent: request " + b);
                        continue;
                    }
                    if (kwh != kwh(m, slot)) note(violations, "wrong value for meter " + m + " slot " + slot + ": " + kwh + " != " + kwh(m, slot));
                    count[b]++;
                }
            }
            c.commit();
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM reading_corrections")) {
            rs.next();
            if (rs.getLong(1) != 0) note(violations, rs.getLong(1) + " corrections recorded: a reading was stored twice with different values");
        }
        int ack = 0, ackAfter503 = 0, abandoned = 0, unPresent = 0, unAbsent = 0, inDoubt = 0;
        boolean[] present = new boolean[sent];
        for (int b = 0; b < sent; b++) {
            Log log = logs.get(b);
            State s = log == null ? State.UNSENT : log.state;
            int n = count[b];
            present[b] = n == BATCH_ROWS;
            if (n != 0 && n != BATCH_ROWS) note(violations, "request " + b + " (" + s + ") is half-written: " + n + " of " + BATCH_ROWS + " rows");
            switch (s) {
                case ACKED -> {
                    ack++;
                    if (log.refusals > 0) ackAfter503++;
                    if (n != BATCH_ROWS) note(violations, "acknowledged request " + b + " lost rows: " + n + " of " + BATCH_ROWS + " stored");
                }
                case REFUSED -> {
                    abandoned++;
                    // A 503 promises nothing was acknowledged, not that nothing landed: when the store goes away
                    // during COMMIT the commit may have reached it while its answer did not (in doubt). Whole or
                    // nothing is the invariant (half-written is flagged above); a resend is an idempotent upsert.
                    if (n == BATCH_ROWS) inDoubt++;
                }
                case UNANSWERED -> {
                    if (n == BATCH_ROWS) unPresent++;
                    else unAbsent++;
                }
                case UNSENT -> {
                    if (n != 0) note(violations, "request " + b + " was never sent but has " + n + " rows");
                }
                case FAILED -> note(violations, "request " + b + " failed with an unexpected answer");
            }
        }
        Verdict v = new Verdict(sent, ack, ackAfter503, abandoned, unPresent, unAbsent, rows, present);
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " violations (" + v + ", refused but whole after an in-doubt commit=" + inDoubt + "):\n  "
                    + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
        }
        return v;
    }

    /**
     * Cross-checks through the API: each enterprise's daily series over the whole load sums to the readings
     * and kWh of the requests the store holds.
     */
    void verifyViaApi(Api admin, Verdict v) {
        OffsetDateTime to = START.plusMinutes(15L * SLOTS_PER_BATCH * Math.max(1, v.sent()) + 15);
        for (int e = 0; e < ENTERPRISES; e++) {
            double expectedKwh = 0;
            long expectedReadings = 0;
            for (int b = 0; b < v.sent(); b++) {
                if (!v.present()[b]) continue;
                for (int s = b * SLOTS_PER_BATCH; s < (b + 1) * SLOTS_PER_BATCH; s++) {
                    for (int k = 0; k < METERS_PER_ENTERPRISE; k++) expectedKwh += kwh(e * METERS_PER_ENTERPRISE + k, s);
                    expectedReadings += METERS_PER_ENTERPRISE;
                }
            }
            Api.Answer a = admin.get("/api/v1/enterprises/" + enterprises.get(e) + "/readings?step=P1D&from="
                    + iso(START) + "&to=" + iso(to));
            if (a.status() != 200) throw new AssertionError("series of enterprise " + e + ": " + a.status() + " " + a.body());
            double kwh = 0;
            long readings = 0;
            for (Object o : a.array()) {
                JsonObject p = (JsonObject) o;
                kwh += p.getDouble("kwh");
                readings += p.getInteger("readings");
            }
            if (readings != expectedReadings || Math.abs(kwh - expectedKwh) > 1e-6) {
                throw new AssertionError("enterprise " + e + " through the API: " + readings + " readings / " + kwh
                        + " kWh, expected " + expectedReadings + " / " + expectedKwh);
            }
        }
    }

    private static String iso(OffsetDateTime t) {
        return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replace("+", "%2B");
    }

    private static void note(List<String> violations, String v) {
        violations.add(v);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
