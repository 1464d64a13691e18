package org.furnacewatch.store;

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

/** Read-side queries over stored readings. */
public final class ReadingQueries {
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

    public ReadingQueries(DataSource db) {
        this.db = db;
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
        String sql = """
                SELECT (date_bin(?::interval, (r.ts - interval '1 microsecond') AT TIME ZONE ?, timestamp '2000-01-01')
                        + ?::interval) AT TIME ZONE ? AS step_end,
                       sum(r.kwh), count(r.kwh)::int
                FROM unnest(?::int[], ?::timestamptz[], ?::timestamptz[]) AS s(k, f, t)
                JOIN readings r ON r.meter_key = s.k AND r.ts > s.f AND r.ts <= s.t
                WHERE r.ts > ? AND r.ts <= ?
                GROUP BY 1 ORDER BY 1""";
        List<Point> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Integer[] keys = new Integer[spans.size()];
            Timestamp[] froms = new Timestamp[spans.size()], tos = new Timestamp[spans.size()];
            for (int i = 0; i < spans.size(); i++) {
                keys[i] = spans.get(i).meterKey();
                froms[i] = Timestamp.from(spans.get(i).from());
                tos[i] = Timestamp.from(spans.get(i).to());
            }
            ps.setString(1, step.interval);
            ps.setString(2, zone.getId());
            ps.setString(3, step.interval);
            ps.setString(4, zone.getId());
            ps.setArray(5, c.createArrayOf("int4", keys));
            ps.setArray(6, c.createArrayOf("timestamptz", froms));
            ps.setArray(7, c.createArrayOf("timestamptz", tos));
            ps.setTimestamp(8, Timestamp.from(from));
            ps.setTimestamp(9, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getInt(3)));
            }
        }
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
