package org.furnacewatch.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-side queries over stored readings. With TimescaleDB, hourly and daily series read whole, materialised,
 * unchanged buckets from the continuous aggregates ({@link Aggregates}) and the rest from {@code readings}, with the
 * same answer as reading everything from {@code readings}.
 */
public final class ReadingQueries {
    private static final Logger log = LoggerFactory.getLogger(ReadingQueries.class);
    /** The steps the API offers, as PostgreSQL intervals. */
    public enum Step {
        PT15M("15 minutes"), PT1H("1 hour"), P1D("1 day");

        final String interval;

        Step(String interval) {
            this.interval = interval;
        }

        public static Step parse(String s) {
            for (Step st : values()) if (st.name().equalsIgnoreCase(s)) return st;
            return null;
        }
    }

    /** One step of a load series: kWh of the step ending at {@code end}, and how many readings made it. */
    public record Point(Instant end, double kwh, int readings) {}

    private final DataSource db;
    private final Aggregates aggregates;
    private volatile boolean aggregateFailureLogged;

    public ReadingQueries(DataSource db) {
        this(db, null);
    }

    /** With {@code aggregates} (null without TimescaleDB) hourly and daily series use them where they can. */
    public ReadingQueries(DataSource db, Aggregates aggregates) {
        this.db = db;
        this.aggregates = aggregates;
    }

    /** A meter's readings that belong to an enterprise: ts in (from, to]. */
    public record MeterSpan(int meterKey, Instant from, Instant to) {}

    /**
     * kWh per step over the given meter spans for readings with ts in (from, to]. A reading's ts is its
     * interval's end, so a step collects the readings ending inside it (start exclusive, end inclusive).
     * Days are local days in {@code zone}. Spans keep a meter's readings with the enterprise that owned it
     * then, so a meter that moved between enterprises is counted for each in its own time.
     */
    public List<Point> series(List<MeterSpan> spans, Instant from, Instant to, Step step, ZoneId zone) throws SQLException {
        if (aggregates != null && aggregates.view(step) != null && zone.equals(aggregates.zone()) && noTransition(zone, from, to)) {
            try {
                return seriesWithAggregate(spans, from, to, step, zone);
            } catch (SQLException e) {
                if (!aggregateFailureLogged) {
                    aggregateFailureLogged = true;
                    log.warn("reading a continuous aggregate failed; this and later failing series read readings instead: {}", e.getMessage());
                }
            }
        }
        try (Connection c = db.getConnection()) {
            return merge(new TreeMap<>(), rawSeries(c, spans, from, to, step, zone));
        }
    }

    /** Whether the zone's offset is the same throughout: then local hours and days are the aggregates' buckets. */
    private static boolean noTransition(ZoneId zone, Instant from, Instant to) {
        var next = zone.getRules().nextTransition(from);
        return next == null || next.getInstant().isAfter(to);
    }

    /** The raw steps: every reading in (from, to] of the spans, summed per step. */
    private static List<Point> rawSeries(Connection c, List<MeterSpan> spans, Instant from, Instant to, Step step, ZoneId zone)
            throws SQLException {
        String sql = """
                SELECT (date_bin(?::interval, (r.ts - interval '1 microsecond') AT TIME ZONE ?, timestamp '2000-01-01')
                        + ?::interval) AT TIME ZONE ? AS step_end,
                       sum(r.kwh), count(r.kwh)::int
                FROM unnest(?::int[], ?::timestamptz[], ?::timestamptz[]) AS s(k, f, t)
                JOIN readings r ON r.meter_key = s.k AND r.ts > s.f AND r.ts <= s.t
                WHERE r.ts > ? AND r.ts <= ?
                GROUP BY 1 ORDER BY 1""";
        List<Point> out = new ArrayList<>();
        if (spans.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, step.interval);
            ps.setString(2, zone.getId());
            ps.setString(3, step.interval);
            ps.setString(4, zone.getId());
            setSpans(c, ps, 5, spans);
            ps.setTimestamp(8, Timestamp.from(from));
            ps.setTimestamp(9, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getInt(3)));
            }
        }
        return out;
    }

    /**
     * Whole buckets from the aggregate, the rest from readings, in one REPEATABLE READ snapshot so that what the
     * aggregate's catalogue says is materialised is what the aggregate holds (see {@link Aggregates}).
     */
    private List<Point> seriesWithAggregate(List<MeterSpan> spans, Instant from, Instant to, Step step, ZoneId zone) throws SQLException {
        Aggregates.View view = aggregates.view(step);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                Aggregates.State state = aggregates.state(c, view);
                List<MeterSpan> raw = new ArrayList<>();
                List<MeterSpan> agg = new ArrayList<>();
                List<long[]> aggParts = new ArrayList<>(), rawParts = new ArrayList<>();
                long f = Aggregates.micros(from), t = Aggregates.micros(to);
                for (MeterSpan s : spans) {
                    aggParts.clear();
                    rawParts.clear();
                    Aggregates.split(Math.max(f, Aggregates.micros(s.from())), Math.min(t, Aggregates.micros(s.to())), step, zone,
                            state, aggParts, rawParts);
                    for (long[] p : aggParts) agg.add(new MeterSpan(s.meterKey(), Aggregates.instant(p[0]), Aggregates.instant(p[1])));
                    for (long[] p : rawParts) raw.add(new MeterSpan(s.meterKey(), Aggregates.instant(p[0]), Aggregates.instant(p[1])));
                }
                TreeMap<Instant, double[]> sums = new TreeMap<>();
                merge(sums, rawSeries(c, raw, from, to, step, zone));
                List<Point> out = merge(sums, aggregateSeries(c, view, agg, step, zone));
                c.commit();
                return out;
            } finally {
                if (!c.getAutoCommit()) c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        }
    }

    /** Steps from the aggregate's buckets: a bucket labelled D + 1 µs is the step (D, D + width]. */
    private List<Point> aggregateSeries(Connection c, Aggregates.View view, List<MeterSpan> spans, Step step, ZoneId zone)
            throws SQLException {
        List<Point> out = new ArrayList<>();
        if (spans.isEmpty()) return out;
        String sql = """
                SELECT ((a.bucket - interval '1 microsecond') AT TIME ZONE ? + ?::interval) AT TIME ZONE ? AS step_end,
                       sum(a.kwh), sum(a.n)::int, count(*)
                FROM unnest(?::int[], ?::timestamptz[], ?::timestamptz[]) AS s(k, f, t)
                JOIN %s a ON a.meter_key = s.k AND a.bucket > s.f AND a.bucket < s.t
                GROUP BY 1 ORDER BY 1""".formatted(view.name());
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, zone.getId());
            ps.setString(2, step.interval);
            ps.setString(3, zone.getId());
            setSpans(c, ps, 4, spans);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getInt(3)));
                    rows += rs.getLong(4);
                }
            }
        }
        aggregates.countFromAggregate(rows);
        return out;
    }

    private static void setSpans(Connection c, PreparedStatement ps, int first, List<MeterSpan> spans) throws SQLException {
        Integer[] keys = new Integer[spans.size()];
        Timestamp[] froms = new Timestamp[spans.size()], tos = new Timestamp[spans.size()];
        for (int i = 0; i < spans.size(); i++) {
            keys[i] = spans.get(i).meterKey();
            froms[i] = Timestamp.from(spans.get(i).from());
            tos[i] = Timestamp.from(spans.get(i).to());
        }
        ps.setArray(first, c.createArrayOf("int4", keys));
        ps.setArray(first + 1, c.createArrayOf("timestamptz", froms));
        ps.setArray(first + 2, c.createArrayOf("timestamptz", tos));
    }

    private static List<Point> merge(Map<Instant, double[]> sums, List<Point> points) {
        for (Point p : points) {
            double[] v = sums.computeIfAbsent(p.end(), k -> new double[2]);
            v[0] += p.kwh();
            v[1] += p.readings();
        }
        List<Point> out = new ArrayList<>(sums.size());
        for (Map.Entry<Instant, double[]> e : sums.entrySet()) out.add(new Point(e.getKey(), e.getValue()[0], (int) e.getValue()[1]));
        return out;
    }

    /** Number of stored readings, for health and tests. */
    public long count() throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM readings")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
