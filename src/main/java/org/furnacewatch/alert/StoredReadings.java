package org.furnacewatch.alert;

import org.furnacewatch.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads stored readings in event-time order for replays (profile switch, backtests) while ingest goes on: one
 * short transaction per day of data, so no lock on {@code readings} is held for long (a long reader would hold
 * up the partition DDL the writer runs ahead of new months, and every insert queued behind it).
 */
final class StoredReadings {
    static final Duration SLICE = Duration.ofDays(1);

    private StoredReadings() {}

    @FunctionalInterface
    interface Visitor {
        void reading(int meterKey, long tsEpochSecond, double kwh);
    }

    /**
     * A database snapshot ({@code pg_current_snapshot()}): which commits it saw. Lets a sliced read keep exactly the
     * rows committed before it, and tells whether a committed chunk of readings was among them.
     */
    record Snapshot(long xmin, long xmax, Set<Long> inProgress) {
        static Snapshot take(Database db) throws SQLException {
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT pg_current_snapshot()::text");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                String[] p = rs.getString(1).split(":", -1);
                Set<Long> xip = new HashSet<>();
                if (p.length > 2 && !p[2].isEmpty()) for (String x : p[2].split(",")) xip.add(Long.parseLong(x));
                return new Snapshot(Long.parseLong(p[0]), Long.parseLong(p[1]), xip);
            }
        }

        /** Whether a row whose xmin (32-bit, as text) is {@code xid32} was committed when the snapshot was taken. */
        boolean sees(long xid32) {
            long full = (xmax & ~0xFFFF_FFFFL) | xid32; // widen: the 64-bit xid within 2^31 of the snapshot's xmax
            if (full > xmax + (1L << 31)) full -= 1L << 32;
            else if (full < xmax - (1L << 31)) full += 1L << 32;
            return full < xmin || (full < xmax && !inProgress.contains(full));
        }

        /** Whether the reading (meter, ts) is a row this snapshot saw (false when absent). */
        boolean sees(Database db, int meterKey, long tsEpochSecond) throws SQLException {
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT xmin::text FROM readings WHERE meter_key = ? AND ts = ?")) {
                ps.setInt(1, meterKey);
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(tsEpochSecond)));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && sees(Long.parseLong(rs.getString(1)));
                }
            }
        }
    }

    /** Newest stored reading time, or null when there is none. */
    static Instant newest(Database db) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT max(ts) FROM readings");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    /**
     * Visits the readings with a kWh value and {@code from < ts <= to} in ts order; with a snapshot, only rows it
     * saw. Returns the number visited. Stops early (returning -1 - visited) when {@code stop} says so.
     */
    static long read(Database db, Instant from, Instant to, Snapshot only, Visitor visitor, java.util.function.BooleanSupplier stop)
            throws SQLException {
        long n = 0;
        Instant lo = from;
        while (lo.isBefore(to)) {
            Instant hi = lo.plus(SLICE).isBefore(to) ? lo.plus(SLICE) : to;
            try (Connection c = db.connection()) {
                c.setAutoCommit(false); // a cursor needs a transaction
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT meter_key, ts, kwh, xmin::text FROM readings WHERE ts > ? AND ts <= ? AND kwh IS NOT NULL ORDER BY ts")) {
                    ps.setFetchSize(50_000);
                    ps.setTimestamp(1, Timestamp.from(lo));
                    ps.setTimestamp(2, Timestamp.from(hi));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (only != null && !only.sees(Long.parseLong(rs.getString(4)))) continue;
                            visitor.reading(rs.getInt(1), rs.getTimestamp(2).toInstant().getEpochSecond(), rs.getDouble(3));
                            n++;
                        }
                    }
                }
                c.commit();
            }
            if (stop != null && stop.getAsBoolean()) return -1 - n;
            lo = hi;
        }
        return n;
    }
}
