package org.furnacewatch.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one request that passed validation, held column-wise (about 50 bytes a row) while the body
 * streams in, plus the rows rejected and why. NaN marks an absent value.
 */
public final class ReadingBatch {
    public static final byte ACCEPTED = 0, DUPLICATE = 1, CORRECTED = 2, REJECTED = 3, SUPERSEDED = 4;
    /** The register went backwards: a replaced meter restarting its count. */
    public static final short FLAG_METER_REPLACED = 1;
    /** The register wrapped past its last digit. */
    public static final short FLAG_ROLLOVER = 2;
    /** More energy than the contracted capacity allows in the interval: kept as evidence (OVER_CAPACITY), not rejected. */
    public static final short FLAG_OVER_CAPACITY = 4;
    /** A register that jumped further than any meter of this capacity can count: read as a new meter's start, kWh unknown. */
    public static final short FLAG_REGISTER_JUMP = 8;

    public int size;
    public int[] row = new int[256];
    public int[] meterKey = new int[256];
    public long[] ts = new long[256];
    public double[] kwh = new double[256];
    public double[] register = new double[256];
    public double[] kw = new double[256];
    /** Capacity bound in kWh per hour (kVA), used to check register-derived kWh in the writer. */
    public double[] capacityKva = new double[256];
    public double[] multiplier = new double[256];
    public byte[] outcome = new byte[256];
    /** FLAG_* bits set by the writer for register rows. */
    public short[] flags = new short[256];
    final List<Rejection> rejected = new ArrayList<>();
    /** Rows for meters nobody has registered: kept in {@code unregistered_readings} in the same transaction. */
    public final List<Unregistered> unregistered = new ArrayList<>();

    public record Rejection(int row, String reason) {}

    /** A row of a meter nobody has registered yet, as sent (NaN where absent); judged once the meter is registered. */
    public record Unregistered(int row, String meter, long ts, double kwh, double register, double kw) {}

    public void addUnregistered(int rowIndex, String meter, long epochSecond, double kwhValue, double registerValue, double kwValue) {
        unregistered.add(new Unregistered(rowIndex, meter, epochSecond, kwhValue, registerValue, kwValue));
    }

    /** Marks the row just added (index {@code size - 1}) with a FLAG_* bit. */
    public void flagLast(short flag) {
        flags[size - 1] |= flag;
    }

    public void add(int rowIndex, int key, long epochSecond, double kwhValue, double registerValue, double kwValue,
             double capacity, double mult) {
        if (size == row.length) grow();
        row[size] = rowIndex;
        meterKey[size] = key;
        ts[size] = epochSecond;
        kwh[size] = kwhValue;
        register[size] = registerValue;
        kw[size] = kwValue;
        capacityKva[size] = capacity;
        multiplier[size] = mult;
        size++;
    }

    public void reject(int rowIndex, String reason) {
        rejected.add(new Rejection(rowIndex, reason));
    }

    /** Marks a row that passed parsing but failed in the writer (e.g. a register jump beyond capacity). */
    public void rejectLater(int i, String reason) {
        outcome[i] = REJECTED;
        rejected.add(new Rejection(row[i], reason));
    }

    public int size() {
        return size;
    }

    public int count(byte kind) {
        int n = 0;
        for (int i = 0; i < size; i++) if (outcome[i] == kind) n++;
        return n;
    }

    public List<Rejection> rejected() {
        rejected.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return rejected;
    }

    public boolean isRegister(int i) {
        return !Double.isNaN(register[i]);
    }

    private void grow() {
        int n = row.length * 2;
        row = Arrays.copyOf(row, n);
        meterKey = Arrays.copyOf(meterKey, n);
        ts = Arrays.copyOf(ts, n);
        kwh = Arrays.copyOf(kwh, n);
        register = Arrays.copyOf(register, n);
        kw = Arrays.copyOf(kw, n);
        capacityKva = Arrays.copyOf(capacityKva, n);
        multiplier = Arrays.copyOf(multiplier, n);
        outcome = Arrays.copyOf(outcome, n);
        flags = Arrays.copyOf(flags, n);
    }
}
