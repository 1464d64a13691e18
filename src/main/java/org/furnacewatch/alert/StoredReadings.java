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
 *
 * <p>Nothing here reads a system column, so it works on TimescaleDB chunks that are compressed (see {@link Snapshot}).
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
     *
     * <p>A row's transaction is the {@code readings.txid} column the ingest writer stores with it (its 64-bit
     * {@code pg_current_xact_id()}), never the system column xmin: TimescaleDB refuses every system column but
     * tableoid on compressed chunks, and a plan that names xmin fails even when it touches only uncompressed ones.
     * It is also the top-level transaction, where xmin would be the subtransaction of the writer's savepoint.
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

        /**
         * Whether a row stored by transaction {@code txid} (64-bit, as {@code pg_current_xact_id()}) was committed
         * when the snapshot was taken. A row without one (stored before the column existed) was.
         */
        boolean sees(long txid) {
            if (txid == NO_TXID) return true;
            return txid < xmin || (txid < xmax && !inProgress.contains(txid));
        }

        /** Whether the reading (meter, ts) is a row this snapshot saw (false when absent). */
        boolean sees(Database db, int meterKey, long tsEpochSecond) throws SQLException {
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT coalesce(txid, 0) FROM readings WHERE meter_key = ? AND ts = ?")) {
                ps.setInt(1, meterKey);
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(tsEpochSecond)));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && sees(rs.getLong(1));
                }
            }
        }
    }

    /** A row stored before {@code readings.txid} existed (read as 0: no real transaction has id 0). */
    static final long NO_TXID = 0;

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
                // Without a snapshot the txid column is not even read: a restart's rebuild needs nothing but the rows.
                try (PreparedStatement ps = c.prepareStatement(only == null
                        ? "SELECT meter_key, ts, kwh FROM readings WHERE ts > ? AND ts <= ? AND kwh IS NOT NULL ORDER BY ts"
                        : "SELECT meter_key, ts, kwh, coalesce(txid, 0) FROM readings WHERE ts > ? AND ts <= ? AND kwh IS NOT NULL ORDER BY ts")) {
                    ps.setFetchSize(50_000);
                    ps.setTimestamp(1, Timestamp.from(lo));
                    ps.setTimestamp(2, Timestamp.from(hi));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (only != null && !only.sees(rs.getLong(4))) continue;
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
