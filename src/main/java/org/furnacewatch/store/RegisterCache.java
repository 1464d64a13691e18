package org.furnacewatch.store;

import java.util.Arrays;

/**
 * The newest stored register reading of each meter, so that an in-order register reading becomes interval
 * kWh without a query. Owned by the writer thread; updated only after a commit succeeds.
 */
final class RegisterCache {
    static final byte UNKNOWN = 0, NONE = 1, KNOWN = 2;
    private byte[] state = new byte[1024];
    private long[] ts = new long[1024];
    private double[] value = new double[1024];

    byte state(int meter) {
        return meter < state.length ? state[meter] : UNKNOWN;
    }

    long ts(int meter) {
        return ts[meter];
    }

    double value(int meter) {
        return value[meter];
    }

    void set(int meter, long epochSecond, double register) {
        ensure(meter);
        if (state[meter] == KNOWN && ts[meter] >= epochSecond) return;
        state[meter] = KNOWN;
        ts[meter] = epochSecond;
        value[meter] = register;
    }

    void setNone(int meter) {
        ensure(meter);
        if (state[meter] == UNKNOWN) state[meter] = NONE;
    }

    /** Forget everything: after a failure we cannot tell what was committed. */
    void clear() {
        Arrays.fill(state, UNKNOWN);
    }

    private void ensure(int meter) {
        if (meter < state.length) return;
        int n = Math.max(meter + 1, state.length * 2);
        state = Arrays.copyOf(state, n);
        ts = Arrays.copyOf(ts, n);
        value = Arrays.copyOf(value, n);
    }
}
