package org.furnacewatch.store;

import javax.sql.DataSource;
import java.sql.Array;
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

    /**
     * kWh per step over the given meters for readings with ts in (from, to]. A reading's ts is its
     * interval's end, so a step collects the readings ending inside it (start exclusive, end inclusive).
     * Days are local days in {@code zone}.
     */
    public List<Point> series(int[] meterKeys, Instant from, Instant to, Step step, ZoneId zone) throws SQLException {
        String sql = """
                SELECT (date_bin(?::interval, (ts - interval '1 microsecond') AT TIME ZONE ?, timestamp '2000-01-01')
                        + ?::interval) AT TIME ZONE ? AS step_end,
                       sum(kwh), count(kwh)::int
                FROM readings
                WHERE meter_key = ANY (?) AND ts > ? AND ts <= ?
                GROUP BY 1 ORDER BY 1""";
        List<Point> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Integer[] boxed = new Integer[meterKeys.length];
            for (int i = 0; i < meterKeys.length; i++) boxed[i] = meterKeys[i];
            Array arr = c.createArrayOf("int4", boxed);
            ps.setString(1, step.interval);
            ps.setString(2, zone.getId());
            ps.setString(3, step.interval);
            ps.setString(4, zone.getId());
            ps.setArray(5, arr);
            ps.setTimestamp(6, Timestamp.from(from));
            ps.setTimestamp(7, Timestamp.from(to));
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
