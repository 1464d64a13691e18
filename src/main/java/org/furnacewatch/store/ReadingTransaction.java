package org.furnacewatch.store;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.furnacewatch.store.ReadingBatch.ACCEPTED;
import static org.furnacewatch.store.ReadingBatch.CORRECTED;
import static org.furnacewatch.store.ReadingBatch.DUPLICATE;
import static org.furnacewatch.store.ReadingBatch.SUPERSEDED;

/**
 * Writes the validated rows of several requests in one transaction (group commit).
 *
 * <p>The common case, new readings, goes straight into {@code readings} by binary COPY. A duplicate or a
 * correction makes that COPY fail on the primary key; then, inside the same transaction, the rows go
 * through a temporary staging table so that each is classified (new, exact repeat, correction) and
 * corrections keep the value they replace. This keeps the steady state at raw COPY speed and costs the
 * extra pass only when a feed re-sends.
 *
 * <p>Register rows become interval kWh here, in (meter, ts) order, against the newest stored register value
 * (cached) or, for a late reading, against its stored neighbours.
 */
final class ReadingTransaction {
    private static final String COPY_READINGS =
            "COPY readings (meter_key, ts, kwh, register, kw, flags, txid) FROM STDIN (FORMAT binary)";
    private static final String COPY_STAGING =
            "COPY staging_readings (seq, meter_key, ts, kwh, register, kw, flags, txid) FROM STDIN (FORMAT binary)";

    /** Lets the writer serialise the staging path against its other lanes (see ReadingWriter). */
    interface Exclusive {
        void enter();
    }

    private static final Object PARTITION_DDL = new Object();
    private final Exclusive exclusive;
    private final PgBinaryCopy copy = new PgBinaryCopy();
    private final LongIntMap seen = new LongIntMap(1 << 16);
    private final RegisterCache registers = new RegisterCache();
    private final Set<Integer> knownMonths = new HashSet<>();
    private final List<Correction> corrections = new ArrayList<>();
    private final List<long[]> registerUpdates = new ArrayList<>();
    private final RegisterResolver resolver = new RegisterResolver();
    private boolean stagingCreated;
    private long txid;
    private boolean commitSent;

    // the rows of this commit: batch and index within it
    private ReadingBatch[] refBatch = new ReadingBatch[1024];
    private int[] refIndex = new int[1024];
    private int n;

    ReadingTransaction(Exclusive exclusive) {
        this.exclusive = exclusive;
    }

    ReadingTransaction() {
        this(() -> { });
    }

    record Correction(int meter, long ts, double oldKwh, double newKwh, double oldRegister, double newRegister, String reason) {}

    /** Runs one group commit; on return the rows' outcomes are final and durable. */
    void run(Connection c, List<ReadingBatch> batches) throws SQLException {
        commitSent = false;
        corrections.clear();
        registerUpdates.clear();
        collect(batches);
        dedupeWithinCommit();
        resolver.resolve(c, this);
        compactWritable();
        txid = 0;
        sortByMeterAndTime();
        if (n > 0) {
            ensurePartitions(c); // may commit: the rows' transaction starts after it
            txid = currentTxid(c);
            Savepoint sp = c.setSavepoint();
            try {
                copyRows(c, COPY_READINGS, false);
                c.releaseSavepoint(sp);
            } catch (SQLException e) {
                // 23505: a (meter, ts) already stored or written by another lane; 40P01: two lanes deadlocked on them
                if (!"23505".equals(e.getSQLState()) && !"40P01".equals(e.getSQLState())) throw e;
                c.rollback(sp);
                exclusive.enter();
                writeThroughStaging(c);
            }
        }
        applySuccessorUpdates(c);
        insertCorrections(c);
        UnregisteredReadings.insert(c, batches);
        if (txid == 0) txid = currentTxid(c);
        commitSent = true;
        try {
            c.commit();
        } catch (SQLException e) {
            // the server answered the COMMIT with an error: it did not commit, and there is nothing to ask
            if (refusedByServer(e)) commitSent = false;
            throw e;
        }
        applyCommitted();
    }

    /**
     * True when {@code e}, thrown by COMMIT, is the server's own error response that means the transaction did not
     * commit. PostgreSQL holds interrupts from the start of the commit until its record is flushed, so a
     * "terminating connection" (57P01, the backend was stopped: {@code pg_ctl stop}, {@code pg_terminate_backend})
     * or a session timeout (57P05, 25P03) that answers a COMMIT was raised before the commit began: the backend
     * rolled back and exited, typically while idle between our last statement and the COMMIT. Errors of the
     * commit itself (a deferred constraint, a serialisation failure) abort it as well. Anything else, above all a
     * connection lost with no answer (class 08) or a PANIC in the commit's critical section (classes XX, 58),
     * leaves the outcome unknown until the server can be asked.
     */
    static boolean refusedByServer(SQLException e) {
        if (!(e instanceof PSQLException pe) || pe.getServerErrorMessage() == null) return false;
        String state = pe.getSQLState();
        if (state == null || state.length() != 5) return false;
        if ("PANIC".equalsIgnoreCase(pe.getServerErrorMessage().getSeverity())) return false;
        return switch (state.substring(0, 2)) {
            case "57", "25", "40", "23" -> true; // operator intervention / session timeout, transaction rollback, constraint
            default -> false;
        };
    }

    /** After a commit whose outcome is known to be success, the register cache may move on. */
    void applyCommitted() {
        for (long[] u : registerUpdates) registers.set((int) u[0], u[1], Double.longBitsToDouble(u[2]));
    }

    /**
     * True when the last {@link #run} failed at or after sending COMMIT without the server saying it did not commit
     * ({@link #refusedByServer}): the server may have committed and then lost the connection before answering, so
     * the outcome must be asked, not assumed.
     */
    boolean outcomeUnknown() {
        return commitSent;
    }

    /**
     * Asks a fresh connection whether the transaction of the last run committed (PostgreSQL keeps transaction
     * status; {@code pg_xact_status}). Null when the server cannot tell.
     */
    Boolean committed(Connection fresh) throws SQLException {
        try (PreparedStatement ps = fresh.prepareStatement("SELECT pg_xact_status(?::xid8)")) {
            ps.setString(1, Long.toString(txid));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) return null;
                return switch (rs.getString(1)) {
                    case "committed" -> true;
                    case "aborted" -> false;
                    default -> null; // "in progress": the old backend has not finished dying yet
                };
            }
        }
    }

    private static long currentTxid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_current_xact_id()::text")) {
            rs.next();
            return Long.parseLong(rs.getString(1));
        }
    }

    /** After a failed commit nothing of it is known to be stored. */
    void forget() {
        registers.clear();
        stagingCreated = false;
    }

    // ---- steps ----

    private void collect(List<ReadingBatch> batches) {
        n = 0;
        for (ReadingBatch b : batches) {
            for (int i = 0; i < b.size; i++) {
                if (b.outcome[i] != ACCEPTED) continue;
                if (n == refIndex.length) {
                    refBatch = java.util.Arrays.copyOf(refBatch, n * 2);
                    refIndex = java.util.Arrays.copyOf(refIndex, n * 2);
                }
                refBatch[n] = b;
                refIndex[n++] = i;
            }
        }
    }

    /** The same (meter, ts) twice in one commit: an exact repeat is a duplicate, a new value a correction. */
    private void dedupeWithinCommit() {
        seen.clear();
        for (int r = 0; r < n; r++) {
            ReadingBatch b = refBatch[r];
            int i = refIndex[r];
            int prev = seen.putIfAbsent(key(b.meterKey[i], b.ts[i]), r);
            if (prev < 0) continue;
            ReadingBatch pb = refBatch[prev];
            int pi = refIndex[prev];
            if (sameValue(pb, pi, b, i)) {
                b.outcome[i] = DUPLICATE;
            } else {
                pb.outcome[pi] = SUPERSEDED;
                b.outcome[i] = CORRECTED;
                corrections.add(new Correction(b.meterKey[i], b.ts[i], pb.kwh[pi], b.kwh[i], pb.register[pi], b.register[i],
                        "同批次内重复时间点，新值替换 (re-sent within one commit)"));
                seen.put(key(b.meterKey[i], b.ts[i]), r);
            }
        }
    }

    /** Drops rows that will not be written (duplicates, superseded, rejected by the resolver). */
    private void compactWritable() {
        int w = 0;
        for (int r = 0; r < n; r++) {
            byte o = refBatch[r].outcome[refIndex[r]];
            if (o == ACCEPTED || o == CORRECTED) {
                refBatch[w] = refBatch[r];
                refIndex[w++] = refIndex[r];
            }
        }
        n = w;
    }

    /**
     * Puts the rows of this commit in (meter, ts) order, the order of the primary key. A power company's export is
     * often time-major (every meter at 00:15, then every meter at 00:30): COPYing that as it comes makes every
     * row land on a different leaf of the (meter_key, ts) index, so each insert descends the tree to a cold page.
     * In key order consecutive rows share a leaf and its path; the heap does not care. Meter-sorted bodies are
     * detected in one pass and left alone. Figures: benchmarks/README.md, "Row order".
     */
    private void sortByMeterAndTime() {
        if (n < 2) return;
        if (sortKeys.length < n) {
            sortKeys = new long[n + n / 2];
            order = new int[sortKeys.length];
            scratch = new int[sortKeys.length];
        }
        boolean sorted = true;
        for (int r = 0; r < n; r++) {
            sortKeys[r] = sortKey(refBatch[r].meterKey[refIndex[r]], refBatch[r].ts[refIndex[r]]);
            order[r] = r;
            if (r > 0 && sortKeys[r] < sortKeys[r - 1]) sorted = false;
        }
        if (sorted) return;
        mergeSort(order, scratch, sortKeys, n);
        ReadingBatch[] b = java.util.Arrays.copyOf(refBatch, n);
        int[] i = java.util.Arrays.copyOf(refIndex, n);
        for (int r = 0; r < n; r++) {
            refBatch[r] = b[order[r]];
            refIndex[r] = i[order[r]];
        }
    }

    private long[] sortKeys = new long[0];
    private int[] order = new int[0], scratch = new int[0];

    /** (meter, ts) as one long that sorts like the pair: ts offset from 2000 fits 32 bits until 2136. */
    static long sortKey(int meter, long ts) {
        return ((long) meter << 32) | ((ts - 946_684_800L) & 0xFFFF_FFFFL);
    }

    /** Bottom-up merge sort of {@code idx[0..n)} by {@code keys[idx]}: no boxing, stable. */
    static void mergeSort(int[] idx, int[] tmp, long[] keys, int n) {
        int[] src = idx, dst = tmp;
        for (int width = 1; width < n; width <<= 1) {
            for (int lo = 0; lo < n; lo += width << 1) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + (width << 1), n);
                int a = lo, b = mid, k = lo;
                while (a < mid && b < hi) dst[k++] = keys[src[b]] < keys[src[a]] ? src[b++] : src[a++];
                while (a < mid) dst[k++] = src[a++];
                while (b < hi) dst[k++] = src[b++];
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != idx) System.arraycopy(src, 0, idx, 0, n);
    }

    private void ensurePartitions(Connection c) throws SQLException {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int r = 0; r < n; r++) {
            long t = refBatch[r].ts[refIndex[r]];
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        boolean missing = false;
        for (int m = month(min); m <= month(max); m++) if (!knownMonths.contains(m)) missing = true;
        if (!missing) return;
        // Partitions are created and committed before the data so that a rolled-back commit cannot lose them.
        // One lane at a time: concurrent CREATE ... PARTITION OF the same month would collide.
        c.commit();
        synchronized (PARTITION_DDL) {
            try (PreparedStatement ps = c.prepareStatement("SELECT ensure_reading_partitions(?, ?)")) {
                ps.setTimestamp(1, Timestamp.from(Instant.ofEpochSecond(min)));
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(max)));
                ps.execute();
            }
            c.commit();
        }
        for (int m = month(min); m <= month(max); m++) knownMonths.add(m);
    }

    private void copyRows(Connection c, String sql, boolean withSeq) throws SQLException {
        copy.begin();
        for (int r = 0; r < n; r++) {
            ReadingBatch b = refBatch[r];
            int i = refIndex[r];
            copy.startRow(withSeq ? 8 : 7);
            if (withSeq) copy.int4(r);
            copy.int4(b.meterKey[i]);
            copy.timestamptz(b.ts[i]);
            copy.float8OrNull(b.kwh[i]);
            copy.float8OrNull(b.register[i]);
            copy.float8OrNull(b.kw[i]);
            copy.int2(b.flags[i]);
            copy.int8(txid); // the readings.txid column: replays use it where compressed chunks refuse xmin
        }
        copy.end();
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            in.writeToCopy(copy.bytes(), 0, copy.length());
            in.endCopy();
        } finally {
            if (in.isActive()) in.cancelCopy();
        }
    }

    private void writeThroughStaging(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (!stagingCreated) {
                st.execute("""
                        CREATE TEMP TABLE IF NOT EXISTS staging_readings (seq int, meter_key int, ts timestamptz,
                            kwh float8, register float8, kw float8, flags smallint, txid bigint) ON COMMIT DELETE ROWS""");
                stagingCreated = true;
            }
            st.execute("TRUNCATE staging_readings");
        }
        copyRows(c, COPY_STAGING, true);
        List<Integer> changed = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT s.seq, r.kwh, r.register FROM staging_readings s
                     JOIN readings r ON r.meter_key = s.meter_key AND r.ts = s.ts""")) {
            while (rs.next()) {
                int r = rs.getInt(1);
                double oldKwh = rs.getDouble(2);
                if (rs.wasNull()) oldKwh = Double.NaN;
                double oldReg = rs.getDouble(3);
                if (rs.wasNull()) oldReg = Double.NaN;
                ReadingBatch b = refBatch[r];
                int i = refIndex[r];
                boolean same = b.isRegister(i) ? b.register[i] == oldReg : b.kwh[i] == oldKwh && Double.isNaN(oldReg);
                if (same) {
                    b.outcome[i] = DUPLICATE;
                } else {
                    b.outcome[i] = CORRECTED;
                    changed.add(r);
                    corrections.add(new Correction(b.meterKey[i], b.ts[i], oldKwh, b.kwh[i], oldReg, b.register[i],
                            "同一电表同一时间点的新值 (a new value for an existing meter and time)"));
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO readings (meter_key, ts, kwh, register, kw, flags, txid)
                    SELECT meter_key, ts, kwh, register, kw, flags, txid FROM staging_readings
                    ON CONFLICT (meter_key, ts) DO NOTHING""");
        }
        if (!changed.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE readings r SET kwh = s.kwh, register = s.register, kw = s.kw, flags = s.flags
                    FROM staging_readings s WHERE s.seq = ANY (?) AND r.meter_key = s.meter_key AND r.ts = s.ts""")) {
                Array arr = c.createArrayOf("int4", changed.toArray());
                ps.setArray(1, arr);
                ps.executeUpdate();
            }
        }
    }

    private void applySuccessorUpdates(Connection c) throws SQLException {
        List<RegisterResolver.SuccessorUpdate> updates = resolver.successorUpdates();
        if (updates.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("UPDATE readings SET kwh = ?, flags = ? WHERE meter_key = ? AND ts = ?")) {
            for (RegisterResolver.SuccessorUpdate u : updates) {
                setNullable(ps, 1, u.newKwh());
                ps.setShort(2, u.flags());
                ps.setInt(3, u.meter());
                ps.setTimestamp(4, Timestamp.from(Instant.ofEpochSecond(u.ts())));
                ps.addBatch();
                corrections.add(new Correction(u.meter(), u.ts(), u.oldKwh(), u.newKwh(), u.register(), u.register(),
                        "迟到的示值读数拆分了该区间 (a late register reading split this interval)"));
            }
            ps.executeBatch();
        }
    }

    private void insertCorrections(Connection c) throws SQLException {
        if (corrections.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO reading_corrections (meter_key, ts, old_kwh, new_kwh, old_register, new_register, reason)
                VALUES (?,?,?,?,?,?,?)""")) {
            for (Correction k : corrections) {
                ps.setInt(1, k.meter());
                ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(k.ts())));
                setNullable(ps, 3, k.oldKwh());
                setNullable(ps, 4, k.newKwh());
                setNullable(ps, 5, k.oldRegister());
                setNullable(ps, 6, k.newRegister());
                ps.setString(7, k.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- helpers shared with the register resolver ----

    int rowCount() {
        return n;
    }

    ReadingBatch batchOf(int r) {
        return refBatch[r];
    }

    int indexOf(int r) {
        return refIndex[r];
    }

    RegisterCache registers() {
        return registers;
    }

    void stageRegister(int meter, long ts, double register) {
        registerUpdates.add(new long[] {meter, ts, Double.doubleToRawLongBits(register)});
    }

    static void setNullable(PreparedStatement ps, int idx, double v) throws SQLException {
        if (Double.isNaN(v)) ps.setNull(idx, java.sql.Types.DOUBLE);
        else ps.setDouble(idx, v);
    }

    private static boolean sameValue(ReadingBatch a, int i, ReadingBatch b, int j) {
        return a.isRegister(i) == b.isRegister(j)
                && (a.isRegister(i) ? a.register[i] == b.register[j] : a.kwh[i] == b.kwh[j]);
    }

    static long key(int meter, long ts) {
        return ((long) meter << 36) ^ (ts & ((1L << 36) - 1));
    }

    private static int month(long epochSecond) {
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86400));
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }
}
