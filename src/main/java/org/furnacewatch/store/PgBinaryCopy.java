package org.furnacewatch.store;

import java.util.Arrays;

/**
 * Encodes rows in PostgreSQL's binary COPY format into a reusable byte buffer: no text formatting, no
 * per-row allocation. Layout per the COPY documentation: header, then per row a field count and
 * length-prefixed big-endian fields, then a -1 trailer.
 */
public final class PgBinaryCopy {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private byte[] buf = new byte[1 << 20];
    private int pos;

    public PgBinaryCopy begin() {
        pos = 0;
        put(HEADER, HEADER.length);
        return this;
    }

    public void startRow(int fields) {
        ensure(2);
        buf[pos++] = (byte) (fields >>> 8);
        buf[pos++] = (byte) fields;
    }

    public void int4(int v) {
        ensure(8);
        putInt(4);
        putInt(v);
    }

    public void int8(long v) {
        ensure(12);
        putInt(8);
        putLong(v);
    }

    public void int2(short v) {
        ensure(6);
        putInt(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    /** A timestamptz from epoch seconds. */
    public void timestamptz(long epochSecond) {
        ensure(12);
        putInt(8);
        putLong(epochSecond * 1_000_000L - PG_EPOCH_MICROS);
    }

    /** A float8, or SQL NULL when {@code v} is NaN (we use NaN for "absent"). */
    public void float8OrNull(double v) {
        if (Double.isNaN(v)) {
            ensure(4);
            putInt(-1);
            return;
        }
        ensure(12);
        putInt(8);
        putLong(Double.doubleToRawLongBits(v));
    }

    public PgBinaryCopy end() {
        ensure(2);
        buf[pos++] = (byte) 0xff;
        buf[pos++] = (byte) 0xff;
        return this;
    }

    public byte[] bytes() {
        return buf;
    }

    public int length() {
        return pos;
    }

    private void put(byte[] b, int n) {
        ensure(n);
        System.arraycopy(b, 0, buf, pos, n);
        pos += n;
    }

    private void putInt(int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
}
