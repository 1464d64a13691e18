package org.furnacewatch.alert;

import io.micrometer.core.instrument.MeterRegistry;
import org.furnacewatch.calendar.DayTypes;
import org.furnacewatch.detect.DetectionEngine;
import org.furnacewatch.detect.Finding;
import org.furnacewatch.detect.ProfileResolver;
import org.furnacewatch.registry.EnterpriseRecord;
import org.furnacewatch.registry.MeterInfo;
import org.furnacewatch.registry.Registry;
import org.furnacewatch.store.Database;
import org.furnacewatch.store.ReadingBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Feeds committed readings to the detection core on one thread (the core is single-threaded by design) and
 * turns its findings into alerts. Its state is derived from the store: at start it replays the recent stored
 * readings before live ones arrive, and alert episodes already recorded are not opened again.
 *
 * <p>{@link #pending()} counts readings committed but not yet processed; it drops only after the alerts
 * those readings cause are committed, so pending == 0 means every such alert exists.
 */
public final class DetectionRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DetectionRunner.class);
    /** How much history a restart replays: the baselines' warm-up plus peers, with room to spare. */
    static final Duration REBUILD_WINDOW = Duration.ofDays(35);

    /**
     * Readings to feed, or (n == 0) a request to close windows up to {@code advanceTo}, or (profiles != null) a
     * new profile version to switch to.
     */
    private record Chunk(int[] meter, long[] ts, double[] kwh, int n, long advanceTo, ProfileResolver profiles, DayTypes days) {}

    private final Registry registry;
    private final RegistryContexts contexts;
    private final AlertStore alerts;
    private final Database db;
    private final ZoneId zone;
    /** The profile and calendar the engine judges by; replaced only on the detection thread. */
    private ProfileResolver profiles;
    private DayTypes days;
    /** Replaced only on the detection thread (profile switch); read elsewhere only for counters. */
    private volatile DetectionEngine engine;
    /** After a profile switch: the replay's snapshot, to skip queued commits it already contained (see switchProfile). */
    private StoredReadings.Snapshot snapshot;
    private volatile int profileSwitches;
    private long lastAdvanceTo = Long.MIN_VALUE;
    /**
     * Per enterprise: the event time up to which the engine replaced by the last profile switch had judged its
     * readings. Findings of the new engine up to there come from replayed readings, already judged under the
     * previous version: they are tracked by the engine but not turned into alerts. (The engine's own
     * alreadyEmittedUpTo is one time for all enterprises, which would silence an enterprise whose feed lags.)
     */
    private long[] judgedBySwitch = new long[0];
    private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final List<Finding> found = new ArrayList<>();
    private final List<Consumer<List<String>>> openedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean rebuilt;

    public DetectionRunner(Registry registry, RegistryContexts contexts, AlertStore alerts, Database db,
                           ProfileResolver profiles, DayTypes days, ZoneId zone, MeterRegistry metrics) {
        this.registry = registry;
        this.contexts = contexts;
        this.alerts = alerts;
        this.db = db;
        this.zone = zone;
        this.profiles = profiles;
        this.days = days;
        this.engine = new DetectionEngine(contexts, profiles, days, found::add, zone, 4096, 4096);
        metrics.gauge("watch_detection_pending", pending);
        metrics.gauge("watch_detection_processed", processed);
        this.thread = Thread.ofPlatform().name("detection").daemon(true).unstarted(this::loop);
    }

    /** Replays the recent stored readings, then starts following live commits. Call before ingest opens. */
    public void start() throws SQLException {
        rebuild();
        rebuilt = true;
        thread.start();
    }

    /** Listener for newly opened alert ids (delivery hooks in here). */
    public void onOpened(Consumer<List<String>> listener) {
        openedListeners.add(listener);
    }

    /** Called on the writer thread after each commit: copy what detection needs and return at once. */
    public void committed(List<ReadingBatch> batches) {
        int n = 0;
        for (ReadingBatch b : batches) for (int i = 0; i < b.size; i++) if (feedable(b, i)) n++;
        if (n == 0) return;
        int[] meter = new int[n];
        long[] ts = new long[n];
        double[] kwh = new double[n];
        int k = 0;
        for (ReadingBatch b : batches) {
            for (int i = 0; i < b.size; i++) {
                if (!feedable(b, i)) continue;
                meter[k] = b.meterKey[i];
                ts[k] = b.ts[i];
                kwh[k++] = b.kwh[i];
            }
        }
        pending.addAndGet(n);
        queue.add(new Chunk(meter, ts, kwh, n, Long.MIN_VALUE, null, null));
    }

    /** New readings only: a duplicate adds nothing, and a correction would count an interval twice. */
    private static boolean feedable(ReadingBatch b, int i) {
        return b.outcome[i] == ReadingBatch.ACCEPTED && !Double.isNaN(b.kwh[i]);
    }

    public long pending() {
        return pending.get();
    }

    public long processed() {
        return processed.get();
    }

    public boolean rebuilt() {
        return rebuilt;
    }

    public long lateReadings() {
        return engine.lateReadings();
    }

    /** Readings that arrived after their slot was judged and had its windows judged again. */
    public long rejudgedReadings() {
        return engine.rejudgedReadings();
    }

    /** How long an enterprise's feed must be quiet before its uploads are taken as whole ({@link QuietFeeds}). */
    public void settleAfterQuiet(Duration quiet) {
        quietFeeds.quietFor(quiet);
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            Chunk c;
            try {
                c = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            takenAt = System.nanoTime();
            if (quietFeeds.due(takenAt)) {
                engine.flush();
                if (quietFeeds.settle(takenAt, engine::uploadWhole)) persistFindings();
            }
            if (c == null) continue;
            if (c.profiles != null || c.days != null) {
                if (c.profiles != null) profiles = c.profiles;
                if (c.days != null) days = c.days;
                switchProfile(profiles, days);
                pending.decrementAndGet();
                continue;
            }
            if (snapshot != null && c.n > 0) {
                if (inSnapshot(c)) { // already fed by the replay of the switch
                    processed.addAndGet(c.n);
                    pending.addAndGet(-c.n);
                    continue;
                }
                snapshot = null; // commits reach the queue in commit order: every later one is newer too
            }
            for (int i = 0; i < c.n; i++) feed(c.meter[i], c.ts[i], c.kwh[i]);
            engine.flush();
            if (c.advanceTo != Long.MIN_VALUE) {
                engine.advanceTo(c.advanceTo);
                lastAdvanceTo = Math.max(lastAdvanceTo, c.advanceTo);
            }
            persistFindings();
            processed.addAndGet(c.n);
            pending.addAndGet(c.n == 0 ? -1 : -c.n);
        }
    }

    private void feed(int meterKey, long ts, double kwh) {
        MeterInfo meter = registry.meter(meterKey);
        if (meter == null) return;
        EnterpriseRecord owner = registry.ownerAt(meter, ts - 1);
        if (owner != null) {
            int e = enterpriseIndex(meterKey, owner);
            engine.onReading(meterKey, e, ts, kwh);
            quietFeeds.fed(e, takenAt);
            return;
        }
        org.furnacewatch.registry.AccountMeter account = registry.accountMeterAt(meter.id(), ts - 1);
        if (account != null) {
            int e = contexts.indexOf(RegistryContexts.ACCOUNT + account.account());
            engine.onReading(meterKey, e, ts, kwh);
            quietFeeds.fed(e, takenAt);
        }
    }

    /** Detection thread only: enterprises fed since their uploads were last taken as whole, and when. */
    private final QuietFeeds quietFeeds = new QuietFeeds(Duration.ofSeconds(30));
    /** Detection thread only: when (System.nanoTime) the chunk being fed was taken from the queue. */
    private long takenAt = System.nanoTime();

    /** The engine's index of {@code owner}, remembered per meter: the same owner as last time needs no hash lookup. */
    private int enterpriseIndex(int meterKey, EnterpriseRecord owner) {
        if (meterKey >= lastOwner.length) {
            int n = Math.max(meterKey + 1, lastOwner.length * 2);
            lastOwner = java.util.Arrays.copyOf(lastOwner, n);
            lastOwnerIdx = java.util.Arrays.copyOf(lastOwnerIdx, n);
        }
        if (lastOwner[meterKey] != owner) {
            lastOwnerIdx[meterKey] = contexts.indexOf(owner.creditCode());
            lastOwner[meterKey] = owner;
        }
        return lastOwnerIdx[meterKey];
    }

    /** Detection thread only: per meter key, the owner version last fed and its engine index. */
    private EnterpriseRecord[] lastOwner = new EnterpriseRecord[1024];
    private int[] lastOwnerIdx = new int[1024];

    /** Writes the findings of a chunk; retries while the store is away, since dropping them would lose alerts. */
    private void persistFindings() {
        if (found.isEmpty()) return;
        List<AlertStore.Resolved> resolved = new ArrayList<>(found.size());
        long[] judged = judgedBySwitch;
        for (Finding f : found) {
            if (f.enterpriseIdx() < judged.length && f.lastTs() <= judged[f.enterpriseIdx()]) continue;
            String code = contexts.codeOf(f.enterpriseIdx());
            Attribution.Target target = Attribution.of(registry, contexts.customers(), code, f.lastTs() - 1, zone);
            if (target == null) continue; // an account entity before its first version: cannot happen once fed
            Map<String, Object> context = new java.util.LinkedHashMap<>(target.context());
            long from = f.evidenceTs().length > 0 ? Math.min(f.firstTs(), f.evidenceTs()[0]) : f.firstTs();
            for (int attempt = 0; ; attempt++) {
                try {
                    Map<String, Object> over = Attribution.overCapacity(db.pool(), target.meterKeys(), from, f.lastTs(), zone);
                    if (over != null) context.put("overCapacity", over);
                    break;
                } catch (SQLException e) {
                    if (attempt >= 3) break; // the overload note is a courtesy; the alert is not held back for it
                }
            }
            resolved.add(new AlertStore.Resolved(f, target.creditCode(), target.district(), target.status(), context, target.account()));
        }
        found.clear();
        for (int attempt = 0; ; attempt++) {
            try {
                List<String> opened = alerts.apply(resolved);
                if (!opened.isEmpty()) for (Consumer<List<String>> l : openedListeners) l.accept(opened);
                return;
            } catch (SQLException e) {
                if (attempt % 10 == 0) log.warn("could not store alerts, retrying: {}", e.getMessage());
                try {
                    Thread.sleep(Math.min(5000, 200L * (attempt + 1)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void rebuild() throws SQLException {
        processed.addAndGet(replay(null));
    }

    /**
     * Feeds the stored readings of the last REBUILD_WINDOW to the engine (only those {@code only} saw, if given),
     * in ts order, in short per-day transactions.
     */
    private long replay(StoredReadings.Snapshot only) throws SQLException {
        long t0 = System.nanoTime();
        Instant newest = StoredReadings.newest(db);
        if (newest == null) return 0;
        long[] rows = {0};
        long n = StoredReadings.read(db, newest.minus(REBUILD_WINDOW), newest, only, (meter, ts, kwh) -> {
            feed(meter, ts, kwh);
            if (++rows[0] % 200_000 == 0) {
                engine.flush();
                persistFindings();
            }
        }, null);
        if (lastAdvanceTo != Long.MIN_VALUE) engine.advanceTo(lastAdvanceTo);
        persistFindings();
        log.info("detection rebuilt from {} stored readings in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
        return n;
    }

    /**
     * Declares the feed complete up to an event time (the end of a replay): windows up to it are judged
     * now rather than when later readings arrive. Counted as pending until done.
     */
    public void advanceTo(long epochSecond) {
        pending.incrementAndGet();
        queue.add(new Chunk(new int[0], new long[0], new double[0], 0, epochSecond, null, null));
    }

    /**
     * Switches live detection to a new profile version. Detector state (baselines, streaks, open episodes)
     * depends on the thresholds, so the engine cannot change its profile in place: the detection thread builds
     * a fresh engine and replays the stored readings of the last {@link #REBUILD_WINDOW} into it, exactly as
     * after a restart, with findings up to what the old engine had already judged kept silent (they were
     * judged under the old version). Readings processed after the switch are judged by the new version.
     * Counted in {@link #pending()} until done.
     */
    public void reload(ProfileResolver profiles) {
        pending.incrementAndGet();
        queue.add(new Chunk(new int[0], new long[0], new double[0], 0, Long.MIN_VALUE, profiles, null));
    }

    /**
     * Switches live detection to a new working calendar (an admin stored a year): baselines are kept per day type,
     * so, as for a profile switch, a fresh engine replays the stored readings under it. Counted in {@link #pending()}.
     */
    public void reload(DayTypes days) {
        pending.incrementAndGet();
        queue.add(new Chunk(new int[0], new long[0], new double[0], 0, Long.MIN_VALUE, null, days));
    }

    /** Profile switches done since start. */
    public int profileSwitches() {
        return profileSwitches;
    }

    private void switchProfile(ProfileResolver profiles, DayTypes days) {
        DetectionEngine old = engine;
        long[] judged = new long[contexts.size()];
        for (int e = 0; e < judged.length; e++) judged[e] = old.watermark(e);
        judgedBySwitch = judged;
        snapshot = null;
        for (int attempt = 0; ; attempt++) {
            DetectionEngine fresh = new DetectionEngine(contexts, profiles, days, found::add, zone, 4096, 4096);
            try {
                // Exactly the commits this snapshot saw are replayed; chunks queued behind this switch that it saw
                // are skipped (inSnapshot), later ones fed: every reading reaches the new engine once.
                StoredReadings.Snapshot snap = StoredReadings.Snapshot.take(db);
                engine = fresh;
                found.clear();
                replay(snap);
                snapshot = snap;
                profileSwitches++;
                return;
            } catch (SQLException e) {
                if (attempt % 10 == 0) log.warn("profile switch: could not replay stored readings, retrying: {}", e.getMessage());
                try {
                    Thread.sleep(Math.min(5000, 200L * (attempt + 1)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether a committed chunk was seen by the switch's snapshot (its first reading is a new row of that commit). */
    private boolean inSnapshot(Chunk chunk) {
        for (int attempt = 0; ; attempt++) {
            try {
                return snapshot.sees(db, chunk.meter[0], chunk.ts[0]);
            } catch (SQLException e) {
                if (attempt % 10 == 0) log.warn("profile switch: snapshot check failed, retrying: {}", e.getMessage());
                try {
                    Thread.sleep(Math.min(5000, 200L * (attempt + 1)));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
