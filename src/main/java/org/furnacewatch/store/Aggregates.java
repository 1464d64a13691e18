package org.furnacewatch.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The TimescaleDB continuous aggregates of {@code readings}: kWh per meter and hour ({@code readings_hourly}) and per
 * meter and local day ({@code readings_daily}), on the service's convention that a reading's ts is the END of its
 * interval: a bucket labelled {@code D + 1 µs} holds the readings with {@code D < ts <= D + width}
 * ({@code time_bucket(width, ts, zone, "offset" => 1 µs)}), exactly the steps of the raw series query.
 *
 * <p><b>Fresh as data arrives.</b> After commits a refresher thread calls {@code refresh_continuous_aggregate} from the
 * beginning up to the start of the current bucket, at most once per {@link #REFRESH_MILLIS}: TimescaleDB
 * re-materialises only what its invalidation log says changed (a backfilled day, a correction into a compressed
 * chunk) plus the buckets completed since, so one call costs what changed, not the table. The bucket still filling is
 * left to {@code readings}. Hourly policies (up to one bucket before now) stay as a backstop for other writers.
 *
 * <p><b>Never stale.</b> A series does not trust the aggregate blindly (TimescaleDB's own real-time aggregates ignore
 * changes below the watermark until the next refresh). {@link #state} reads, in the query's own REPEATABLE READ
 * snapshot, the materialisation watermark and every pending invalidation (the hypertable log and this aggregate's
 * materialisation log). Buckets above the watermark or touched by a pending invalidation are read from
 * {@code readings}; the others from the aggregate. TimescaleDB deletes a window's invalidations and materialises it in
 * one transaction, so no snapshot sees one without the other. These are catalogue tables of TimescaleDB 2.x
 * ({@code _timescaledb_catalog}); if a later version renames them the query falls back to {@code readings} and says so
 * once in the log.
 */
public final class Aggregates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Aggregates.class);
    /** Least time between two refreshes ({@code -Dwatch.aggregates.refreshMillis}, default 10 s). */
    static final long REFRESH_MILLIS = Long.getLong("watch.aggregates.refreshMillis", 10_000);

    /** One continuous aggregate and the ids its catalogue rows carry. */
    public record View(String name, ReadingQueries.Step step, int matHypertableId, int rawHypertableId) {}

    /** What a query may take from an aggregate: materialised up to {@code watermarkMicros}, minus {@code invalid}. */
    record State(long watermarkMicros, List<long[]> invalid) {}

    private final Database db;
    private final ZoneId zone;
    private final View hourly;
    private final View daily;
    private final Object lock = new Object();
    private final Object refreshing = new Object();
    private boolean dirty = true; // the first refresh catches up with whatever happened while the service was down
    private long refreshes;
    private volatile boolean running = true;
    private final Thread thread;
    private final AtomicLong bucketsFromAggregate = new AtomicLong();

    Aggregates(Database db, ZoneId zone, View hourly, View daily) {
        this.db = db;
        this.zone = zone;
        this.hourly = hourly;
        this.daily = daily;
        this.thread = Thread.ofPlatform().name("aggregate-refresh").daemon(true).start(this::loop);
    }

    /** The zone the daily buckets are local days of. */
    public ZoneId zone() {
        return zone;
    }

    View view(ReadingQueries.Step step) {
        return switch (step) {
            case PT1H -> hourly;
            case P1D -> daily;
            default -> null;
        };
    }

    /** Called after a commit of readings: the aggregates are refreshed within {@link #REFRESH_MILLIS}. */
    public void touched() {
        synchronized (lock) {
            dirty = true;
            lock.notifyAll();
        }
    }

    /**
     * Refreshes now, on the caller's thread, whatever is pending (tests and benchmarks; the thread does it by itself).
     * Waits for a refresh already running here, and retries for a while when TimescaleDB's own policy job holds one.
     */
    public void refreshNow() throws SQLException {
        synchronized (lock) {
            dirty = false;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                refresh();
                return;
            } catch (SQLException e) {
                if (attempt >= 50 || e.getMessage() == null || !e.getMessage().contains("concurrent refresh")) {
                    touched();
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Refreshes done since start (for tests and GET /api/v1/store). */
    public long refreshes() {
        synchronized (lock) {
            return refreshes;
        }
    }

    /** Rows (meter × bucket) that series have read from the aggregates instead of from readings. */
    public long bucketsFromAggregate() {
        return bucketsFromAggregate.get();
    }

    void countFromAggregate(long rows) {
        bucketsFromAggregate.addAndGet(rows);
    }

    private void loop() {
        long last = 0;
        long lastDuration = 0;
        int failures = 0;
        while (running) {
            try {
                synchronized (lock) {
                    while (running && !dirty) lock.wait(1000);
                    if (!running) return;
                }
                // at most one refresh per REFRESH_MILLIS, and never more than a sixth of the time refreshing
                long wait = last + Math.max(REFRESH_MILLIS, 5 * lastDuration) - System.currentTimeMillis();
                if (wait > 0) Thread.sleep(wait); // throttled: everything committed meanwhile goes into one refresh
                synchronized (lock) {
                    if (!dirty) continue; // refreshNow() did it meanwhile
                    dirty = false;
                }
                last = System.currentTimeMillis();
                try {
                    refresh();
                    lastDuration = System.currentTimeMillis() - last;
                    failures = 0;
                } catch (SQLException e) {
                    touched();
                    if (failures++ % 10 == 0) log.warn("refreshing the continuous aggregates failed, retrying: {}", e.getMessage());
                    Thread.sleep(Math.min(30_000, 1000L * failures));
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Refreshes both aggregates from the beginning up to the current bucket; TimescaleDB does only what its
     * invalidation log asks for and the buckets completed since the last refresh.
     */
    private void refresh() throws SQLException {
        long t0 = System.nanoTime();
        synchronized (refreshing) { // one at a time from this process: TimescaleDB refuses a concurrent refresh of a view
            refreshBoth();
        }
        synchronized (lock) {
            refreshes++;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > 5_000) log.info("continuous aggregates refreshed in {} ms", ms);
    }

    private void refreshBoth() throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true); // refresh_continuous_aggregate cannot run inside a transaction block
            // Up to the start of the current hour / local day only: the bucket still filling is read from readings
            // anyway, and rows written above the refreshed range log no invalidation, so live ingest into it costs
            // nothing here; the bucket is materialised once, when it is complete (again if a late reading changes it).
            long now = micros(Instant.now());
            for (View v : new View[] {hourly, daily}) {
                st.execute("CALL refresh_continuous_aggregate('" + v.name() + "', NULL, '"
                           + instant(floorBoundary(now, v.step(), zone)) + "'::timestamptz)");
            }
        }
    }

    /** The watermark and pending invalidations of a view, read in the caller's transaction (its snapshot). */
    State state(Connection c, View v) throws SQLException {
        long watermark;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT watermark FROM _timescaledb_catalog.continuous_aggs_watermark WHERE mat_hypertable_id = ?")) {
            ps.setInt(1, v.matHypertableId());
            try (ResultSet rs = ps.executeQuery()) {
                watermark = rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
            }
        }
        List<long[]> invalid = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT lowest_modified_value, greatest_modified_value
                FROM _timescaledb_catalog.continuous_aggs_hypertable_invalidation_log WHERE hypertable_id = ?
                UNION ALL
                SELECT lowest_modified_value, greatest_modified_value
                FROM _timescaledb_catalog.continuous_aggs_materialization_invalidation_log WHERE materialization_id = ?""")) {
            ps.setInt(1, v.rawHypertableId());
            ps.setInt(2, v.matHypertableId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) invalid.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return new State(watermark, invalid);
    }

    // ---- bucket arithmetic, in microseconds since the Unix epoch (TimescaleDB's internal time for timestamptz) ----

    /** The largest bucket boundary (local hour or local midnight) at or before {@code micros}. */
    static long floorBoundary(long micros, ReadingQueries.Step step, ZoneId zone) {
        ZonedDateTime t = ZonedDateTime.ofInstant(instant(micros), zone);
        ZonedDateTime b = step == ReadingQueries.Step.P1D ? t.truncatedTo(ChronoUnit.DAYS) : t.truncatedTo(ChronoUnit.HOURS);
        return micros(b.toInstant());
    }

    /** The smallest bucket boundary at or after {@code micros}. */
    static long ceilBoundary(long micros, ReadingQueries.Step step, ZoneId zone) {
        long f = floorBoundary(micros, step, zone);
        if (f == micros) return f;
        ZonedDateTime b = ZonedDateTime.ofInstant(instant(f), zone);
        return micros((step == ReadingQueries.Step.P1D ? b.plusDays(1) : b.plusHours(1)).toInstant());
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    /**
     * Splits {@code (lo, hi]} (µs) into the parts a series may read from the aggregate (whole buckets, materialised,
     * with no pending invalidation) and the rest, read from readings. Both lists hold {@code {from, to}} pairs meaning
     * {@code (from, to]}, in order.
     */
    static void split(long lo, long hi, ReadingQueries.Step step, ZoneId zone, State state, List<long[]> fromAggregate, List<long[]> fromReadings) {
        if (lo >= hi) return;
        long b1 = ceilBoundary(lo, step, zone);
        long b2 = floorBoundary(hi, step, zone);
        // a bucket labelled D + 1 µs is materialised when its end D + width is at most watermark - 1 µs
        if (state.watermarkMicros() != Long.MIN_VALUE) b2 = Math.min(b2, floorBoundary(state.watermarkMicros() - 1, step, zone));
        else b2 = b1;
        if (b1 >= b2) {
            fromReadings.add(new long[] {lo, hi});
            return;
        }
        // invalidated readings [l, h] spoil the buckets (D, D + width] they fall in
        List<long[]> spoiled = new ArrayList<>();
        for (long[] inv : state.invalid()) {
            long l = inv[0], h = inv[1];
            if (h <= b1 || l > b2) continue;
            long a = Math.max(b1, floorBoundary(Math.max(l, b1 + 1) - 1, step, zone));
            long b = Math.min(b2, ceilBoundary(Math.min(h, b2), step, zone));
            if (a < b) spoiled.add(new long[] {a, b});
        }
        spoiled.sort((x, y) -> Long.compare(x[0], y[0]));
        if (lo < b1) fromReadings.add(new long[] {lo, b1});
        long at = b1;
        for (long[] s : spoiled) {
            if (s[1] <= at) continue;
            if (s[0] > at) fromAggregate.add(new long[] {at, s[0]});
            fromReadings.add(new long[] {Math.max(at, s[0]), s[1]});
            at = s[1];
        }
        if (at < b2) fromAggregate.add(new long[] {at, b2});
        if (b2 < hi) fromReadings.add(new long[] {Math.max(b2, at), hi});
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        thread.interrupt();
        thread.join(5000);
    }
}
