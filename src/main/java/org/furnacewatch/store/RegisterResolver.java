package org.furnacewatch.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.furnacewatch.store.ReadingBatch.ACCEPTED;
import static org.furnacewatch.store.ReadingBatch.CORRECTED;
import static org.furnacewatch.store.ReadingBatch.DUPLICATE;

/**
 * Turns cumulative register values (示值) into interval kWh: (register - previous register) x the CT x PT
 * multiplier in force at the reading's time. A register that goes backwards is a replaced meter or a
 * rollover, never negative consumption; the first register of a meter is a baseline (kWh unknown, not 0).
 */
final class RegisterResolver {
    /** Headroom over contracted kVA x elapsed hours, as for interval rows: beyond it a row is OVER_CAPACITY. */
    private static final double CAPACITY_TOLERANCE = 1.2;
    /** Beyond contracted kVA x elapsed hours x this no meter of that capacity can count (see RowValidator). */
    static final double PHYSICAL_LIMIT = 10;

    record SuccessorUpdate(int meter, long ts, double oldKwh, double newKwh, double register, short flags) {}

    private final Map<Long, SuccessorUpdate> successors = new LinkedHashMap<>();

    List<SuccessorUpdate> successorUpdates() {
        return new ArrayList<>(successors.values());
    }

    void resolve(Connection c, ReadingTransaction tx) throws SQLException {
        successors.clear();
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < tx.rowCount(); r++) {
            ReadingBatch b = tx.batchOf(r);
            int i = tx.indexOf(r);
            if (b.isRegister(i) && (b.outcome[i] == ACCEPTED || b.outcome[i] == CORRECTED)) rows.add(r);
        }
        if (rows.isEmpty()) return;
        rows.sort(Comparator.<Integer>comparingInt(r -> tx.batchOf(r).meterKey[tx.indexOf(r)])
                .thenComparingLong(r -> tx.batchOf(r).ts[tx.indexOf(r)]));
        loadUnknownMeters(c, tx, rows);
        RegisterCache cache = tx.registers();
        int start = 0;
        while (start < rows.size()) {
            int meter = meterOf(tx, rows.get(start));
            int end = start;
            while (end < rows.size() && meterOf(tx, rows.get(end)) == meter) end++;
            boolean haveLast = cache.state(meter) == RegisterCache.KNOWN;
            long lastTs = haveLast ? cache.ts(meter) : Long.MIN_VALUE;
            double lastReg = haveLast ? cache.value(meter) : Double.NaN;
            long prevLateTs = Long.MIN_VALUE;
            double prevLateReg = Double.NaN;
            for (int k = start; k < end; k++) {
                int r = rows.get(k);
                ReadingBatch b = tx.batchOf(r);
                int i = tx.indexOf(r);
                if (!haveLast || b.ts[i] > lastTs) {
                    if (convert(b, i, haveLast ? lastTs : Long.MIN_VALUE, lastReg)) {
                        haveLast = true;
                        lastTs = b.ts[i];
                        lastReg = b.register[i];
                        tx.stageRegister(meter, lastTs, lastReg);
                    }
                } else if (late(c, b, i, prevLateTs, prevLateReg)) {
                    prevLateTs = b.ts[i];
                    prevLateReg = b.register[i];
                }
            }
            start = end;
        }
    }

    /**
     * Computes kWh for row i from its predecessor. Never rejects: a register may only be read wrongly, and a row
     * rejected here would make every later row of the meter count from the wrong predecessor (a replaced meter
     * once cost 1,215 readings that way). What no meter of this capacity can draw in the elapsed time (ten times
     * the contracted kVA) is a new meter's start: stored as a baseline, kWh unknown. Above the contracted capacity
     * but possible is kept and flagged OVER_CAPACITY: evidence, not bad data.
     */
    private static boolean convert(ReadingBatch b, int i, long predTs, double predReg) {
        if (predTs == Long.MIN_VALUE) {
            b.kwh[i] = Double.NaN; // a baseline: consumption before it is unknown, not zero
            return true;
        }
        double reg = b.register[i];
        double diff = reg - predReg;
        double hours = (b.ts[i] - predTs) / 3600.0;
        double possible = b.capacityKva[i] > 0 ? b.capacityKva[i] * hours * PHYSICAL_LIMIT : Double.MAX_VALUE;
        short flags = 0;
        double kwh;
        if (diff >= 0) {
            kwh = diff * b.multiplier[i];
            if (kwh > possible) {
                kwh = Double.NaN;
                flags = ReadingBatch.FLAG_REGISTER_JUMP;
            }
        } else {
            double modulus = Math.pow(10, Math.ceil(Math.log10(predReg + 1)));
            kwh = (modulus - predReg + reg) * b.multiplier[i];
            flags = ReadingBatch.FLAG_ROLLOVER;
            if (!(predReg >= 0.9 * modulus && reg < 0.1 * modulus) || kwh > possible) {
                kwh = reg * b.multiplier[i]; // a new meter counts from zero
                flags = ReadingBatch.FLAG_METER_REPLACED;
                if (kwh > possible) kwh = Double.NaN; // ... or from wherever it was set: a baseline
            }
        }
        if (kwh > b.capacityKva[i] * hours * CAPACITY_TOLERANCE) flags |= ReadingBatch.FLAG_OVER_CAPACITY;
        b.kwh[i] = kwh;
        b.flags[i] = flags;
        return true;
    }

    /** A register reading older than the newest stored one: fit it between its stored neighbours. */
    private boolean late(Connection c, ReadingBatch b, int i, long inBatchPredTs, double inBatchPredReg) throws SQLException {
        int meter = b.meterKey[i];
        long ts = b.ts[i];
        double existing = Double.NaN;
        try (PreparedStatement ps = c.prepareStatement("SELECT register FROM readings WHERE meter_key = ? AND ts = ?")) {
            ps.setInt(1, meter);
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(ts)));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) existing = rs.getDouble(1);
            }
        }
        if (existing == b.register[i]) {
            b.outcome[i] = DUPLICATE;
            return false;
        }
        long predTs = Long.MIN_VALUE;
        double predReg = Double.NaN;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts, register FROM readings WHERE meter_key = ? AND ts < ? AND register IS NOT NULL ORDER BY ts DESC LIMIT 1")) {
            ps.setInt(1, meter);
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(ts)));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    predTs = rs.getTimestamp(1).toInstant().getEpochSecond();
                    predReg = rs.getDouble(2);
                }
            }
        }
        if (inBatchPredTs > predTs) {
            predTs = inBatchPredTs;
            predReg = inBatchPredReg;
        }
        if (!convert(b, i, predTs, predReg)) return false;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ts, register, kwh FROM readings WHERE meter_key = ? AND ts > ? AND register IS NOT NULL ORDER BY ts LIMIT 1")) {
            ps.setInt(1, meter);
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(ts)));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long succTs = rs.getTimestamp(1).toInstant().getEpochSecond();
                    double succReg = rs.getDouble(2);
                    double oldKwh = rs.getDouble(3);
                    if (rs.wasNull()) oldKwh = Double.NaN;
                    ReadingBatch probe = new ReadingBatch();
                    probe.add(0, meter, succTs, Double.NaN, succReg, Double.NaN, b.capacityKva[i], b.multiplier[i]);
                    convert(probe, 0, ts, b.register[i]);
                    if (probe.outcome[0] != ReadingBatch.REJECTED) {
                        successors.put(ReadingTransaction.key(meter, succTs),
                                new SuccessorUpdate(meter, succTs, oldKwh, probe.kwh[0], succReg, probe.flags[0]));
                    }
                }
            }
        }
        return true;
    }

    private static void loadUnknownMeters(Connection c, ReadingTransaction tx, List<Integer> rows) throws SQLException {
        RegisterCache cache = tx.registers();
        List<Integer> unknown = new ArrayList<>();
        int last = -1;
        for (int r : rows) {
            int m = meterOf(tx, r);
            if (m != last && cache.state(m) == RegisterCache.UNKNOWN) unknown.add(m);
            last = m;
        }
        if (unknown.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT m.k, r.ts, r.register FROM unnest(?::int[]) AS m(k)
                CROSS JOIN LATERAL (SELECT ts, register FROM readings WHERE meter_key = m.k AND register IS NOT NULL
                                    ORDER BY ts DESC LIMIT 1) r""")) {
            Array arr = c.createArrayOf("int4", unknown.toArray());
            ps.setArray(1, arr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) cache.set(rs.getInt(1), rs.getTimestamp(2).toInstant().getEpochSecond(), rs.getDouble(3));
            }
        }
        for (int m : unknown) cache.setNone(m);
    }

    private static int meterOf(ReadingTransaction tx, int r) {
        return tx.batchOf(r).meterKey[tx.indexOf(r)];
    }
}
