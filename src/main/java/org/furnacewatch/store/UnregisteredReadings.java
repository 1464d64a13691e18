package org.furnacewatch.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Readings of meters nobody has registered yet (a rented warehouse, a home workshop, an account the government
 * never registered): kept in {@code unregistered_readings} in the same transaction as the request's other rows,
 * listed for the feed, and moved into {@code readings} (and judged) once the meter is registered
 * ({@code registry.UnregisteredPromoter}). The same (meter, ts) again keeps the newer value.
 */
public final class UnregisteredReadings {
    private UnregisteredReadings() {}

    /** A meter's kept rows: how many, first and last interval end. */
    public record MeterSummary(String meter, long readings, Instant firstTs, Instant lastTs, Instant lastReceived) {}

    /** A kept row, NaN where absent. */
    public record Row(String meter, long ts, double kwh, double register, double kw) {}

    static void insert(Connection c, List<ReadingBatch> batches) throws SQLException {
        List<ReadingBatch.Unregistered> rows = new ArrayList<>();
        for (ReadingBatch b : batches) rows.addAll(b.unregistered);
        if (rows.isEmpty()) return;
        int n = rows.size();
        String[] meter = new String[n];
        Timestamp[] ts = new Timestamp[n];
        Double[] kwh = new Double[n], register = new Double[n], kw = new Double[n];
        for (int i = 0; i < n; i++) {
            ReadingBatch.Unregistered r = rows.get(i);
            meter[i] = r.meter();
            ts[i] = Timestamp.from(Instant.ofEpochSecond(r.ts()));
            kwh[i] = nullIfNaN(r.kwh());
            register[i] = nullIfNaN(r.register());
            kw[i] = nullIfNaN(r.kw());
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO unregistered_readings (meter_id, ts, kwh, register, kw)
                SELECT DISTINCT ON (m, t) m, t, k, r, w FROM unnest(?::text[], ?::timestamptz[], ?::float8[], ?::float8[], ?::float8[])
                       WITH ORDINALITY AS u(m, t, k, r, w, o) ORDER BY m, t, o DESC
                ON CONFLICT (meter_id, ts) DO UPDATE SET kwh = excluded.kwh, register = excluded.register, kw = excluded.kw,
                       received_at = now()
                WHERE (unregistered_readings.kwh, unregistered_readings.register) IS DISTINCT FROM (excluded.kwh, excluded.register)""")) {
            ps.setArray(1, c.createArrayOf("text", meter));
            ps.setArray(2, c.createArrayOf("timestamptz", ts));
            ps.setArray(3, c.createArrayOf("float8", kwh));
            ps.setArray(4, c.createArrayOf("float8", register));
            ps.setArray(5, c.createArrayOf("float8", kw));
            ps.executeUpdate();
        }
    }

    /** Meters with kept rows, most rows first (at most {@code limit}). */
    public static List<MeterSummary> summary(Connection c, int limit) throws SQLException {
        List<MeterSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT meter_id, count(*), min(ts), max(ts), max(received_at) FROM unregistered_readings
                GROUP BY meter_id ORDER BY count(*) DESC, meter_id LIMIT ?""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new MeterSummary(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
            }
        }
        return out;
    }

    /** The kept rows of these meters, in (meter, ts) order. */
    public static List<Row> of(Connection c, List<String> meters) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT meter_id, ts, kwh, register, kw FROM unregistered_readings WHERE meter_id = ANY(?) ORDER BY meter_id, ts""")) {
            Array arr = c.createArrayOf("text", meters.toArray());
            ps.setArray(1, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getTimestamp(2).toInstant().getEpochSecond(), num(rs, 3), num(rs, 4), num(rs, 5)));
                }
            }
        }
        return out;
    }

    /** Forgets kept rows once they are in {@code readings} (or judged as they would be there). */
    public static void delete(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) return;
        String[] meter = new String[rows.size()];
        Timestamp[] ts = new Timestamp[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            meter[i] = rows.get(i).meter();
            ts[i] = Timestamp.from(Instant.ofEpochSecond(rows.get(i).ts()));
        }
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM unregistered_readings u USING unnest(?::text[], ?::timestamptz[]) AS d(m, t)
                WHERE u.meter_id = d.m AND u.ts = d.t""")) {
            ps.setArray(1, c.createArrayOf("text", meter));
            ps.setArray(2, c.createArrayOf("timestamptz", ts));
            ps.executeUpdate();
        }
    }

    private static double num(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
