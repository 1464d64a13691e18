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

    public record Rejection(int row, String reason) {}

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
