package org.furnacewatch.bench.ingest;

import org.furnacewatch.store.PgBinaryCopy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The readings of the load run, generated once and then encoded, before any timing, as request bodies
 * (NDJSON, JSON array, CSV) and as PostgreSQL binary COPY chunks: the SAME rows in the SAME chunks, so
 * the HTTP and the raw COPY phases write identical data.
 *
 * <p>Shape: every meter reports 96 interval ends per day ({@code 00:15 ... 24:00}, +08:00). A chunk (one
 * request, one COPY commit) holds {@code metersPerRequest} meters x one day, meter by meter, as a
 * power-company collection system exports them. kWh follows a daily shape per enterprise kind: day-shift
 * foundries, round-the-clock melting with induction-furnace heats (the 地条钢 pattern), night-heavy
 * off-peak melting, and light steady loads; always below the capacity bound the validator applies.
 */
final class LoadData {
    static final int PER_DAY = 96;
    static final ZoneOffset CST = ZoneOffset.ofHours(8);

    /** One registered meter: its id, its enterprise's capacity and load profile kind. */
    record Meter(String id, double capacityKva, int kind, long seed) {}

    /** One chunk: the same rows as request body and as binary COPY. */
    record Chunk(int rows, byte[] ndjson, byte[] json, byte[] csv, byte[] copy) {
        byte[] body(String format) {
            return switch (format) {
                case "ndjson" -> ndjson;
                case "json" -> json;
                case "csv" -> csv;
                default -> throw new IllegalArgumentException(format);
            };
        }
    }

    final List<Chunk> chunks = new ArrayList<>();
    final LocalDate firstDay;
    final int days;
    long rows, minTs = Long.MAX_VALUE, maxTs = Long.MIN_VALUE;

    LoadData(List<Meter> meters, int[] meterKeys, LocalDate firstDay, int days, int metersPerRequest) {
        this(meters, meterKeys, firstDay, days, metersPerRequest, "meter", metersPerRequest * PER_DAY);
    }

    /**
     * {@code order}: "meter" (meter by meter, {@code metersPerRequest} meters x one day per chunk), "time" (time-major:
     * every meter at 00:15, then every meter at 00:30, ...) or "shuffled" (a seeded random order within each day);
     * the last two cut each day into chunks of {@code rowsPerRequest} rows.
     */
    LoadData(List<Meter> meters, int[] meterKeys, LocalDate firstDay, int days, int metersPerRequest, String order, int rowsPerRequest) {
        this.firstDay = firstDay;
        this.days = days;
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            long dayStart = day.atStartOfDay().toEpochSecond(CST);
            String[] tsText = new String[PER_DAY];
            long[] ts = new long[PER_DAY];
            for (int q = 0; q < PER_DAY; q++) {
                ts[q] = dayStart + (q + 1) * 900L;
                // LocalDateTime prints HH:mm when the seconds are zero, as they always are here
                tsText[q] = java.time.LocalDateTime.ofEpochSecond(ts[q], 0, CST) + ":00+08:00";
            }
            minTs = Math.min(minTs, ts[0]);
            maxTs = Math.max(maxTs, ts[PER_DAY - 1]);
            if (order.equals("meter")) {
                for (int from = 0; from < meters.size(); from += metersPerRequest) {
                    int to = Math.min(meters.size(), from + metersPerRequest);
                    chunks.add(encode(meters, meterKeys, from, to, d, ts, tsText));
                }
            } else {
                int total = meters.size() * PER_DAY;
                int[] rowMeter = new int[total], rowQ = new int[total];
                for (int q = 0, k = 0; q < PER_DAY; q++) {
                    for (int m = 0; m < meters.size(); m++, k++) {
                        rowMeter[k] = m;
                        rowQ[k] = q;
                    }
                }
                if (order.equals("shuffled")) {
                    SplittableRandom rnd = new SplittableRandom(42 + d);
                    for (int i = total - 1; i > 0; i--) {
                        int j = rnd.nextInt(i + 1);
                        int tm = rowMeter[i]; rowMeter[i] = rowMeter[j]; rowMeter[j] = tm;
                        int tq = rowQ[i]; rowQ[i] = rowQ[j]; rowQ[j] = tq;
                    }
                } else if (!order.equals("time")) {
                    throw new IllegalArgumentException("order must be meter, time or shuffled: " + order);
                }
                long[][] cents = new long[meters.size()][PER_DAY];
                for (int m = 0; m < meters.size(); m++) shape(meters.get(m), d, cents[m]);
                for (int from = 0; from < total; from += rowsPerRequest) {
                    int to = Math.min(total, from + rowsPerRequest);
                    chunks.add(encodeRows(meters, meterKeys, rowMeter, rowQ, from, to, cents, ts, tsText));
                }
            }
        }
        for (Chunk c : chunks) rows += c.rows();
    }

    private static Chunk encode(List<Meter> meters, int[] keys, int from, int to, int dayIndex, long[] ts, String[] tsText) {
        int n = (to - from) * PER_DAY;
        Out nd = new Out(n * 70), js = new Out(n * 72), csv = new Out(n * 48);
        PgBinaryCopy copy = new PgBinaryCopy().begin();
        js.ascii("[");
        csv.ascii("meter,ts,kwh\n");
        boolean first = true;
        long[] cents = new long[PER_DAY];
        for (int m = from; m < to; m++) {
            Meter meter = meters.get(m);
            shape(meter, dayIndex, cents);
            for (int q = 0; q < PER_DAY; q++) {
                // {"meter":"...","ts":"...","kwh":12.34}
                nd.ascii("{\"meter\":\"").ascii(meter.id()).ascii("\",\"ts\":\"").ascii(tsText[q]).ascii("\",\"kwh\":").cents(cents[q]).ascii("}\n");
                if (!first) js.ascii(",\n");
                first = false;
                js.ascii("{\"meter\":\"").ascii(meter.id()).ascii("\",\"ts\":\"").ascii(tsText[q]).ascii("\",\"kwh\":").cents(cents[q]).ascii("}");
                csv.ascii(meter.id()).ascii(",").ascii(tsText[q]).ascii(",").cents(cents[q]).ascii("\n");
                copy.startRow(6);
                copy.int4(keys[m]);
                copy.timestamptz(ts[q]);
                copy.float8OrNull(cents[q] / 100.0);
                copy.float8OrNull(Double.NaN);
                copy.float8OrNull(Double.NaN);
                copy.int2((short) 0);
            }
        }
        js.ascii("]\n");
        copy.end();
        return new Chunk(n, nd.bytes(), js.bytes(), csv.bytes(), Arrays.copyOf(copy.bytes(), copy.length()));
    }

    private static Chunk encodeRows(List<Meter> meters, int[] keys, int[] rowMeter, int[] rowQ, int from, int to, long[][] cents,
                                    long[] ts, String[] tsText) {
        int n = to - from;
        Out nd = new Out(n * 70), js = new Out(n * 72), csv = new Out(n * 48);
        PgBinaryCopy copy = new PgBinaryCopy().begin();
        js.ascii("[");
        csv.ascii("meter,ts,kwh\n");
        for (int r = from; r < to; r++) {
            int m = rowMeter[r], q = rowQ[r];
            String id = meters.get(m).id();
            long c = cents[m][q];
            nd.ascii("{\"meter\":\"").ascii(id).ascii("\",\"ts\":\"").ascii(tsText[q]).ascii("\",\"kwh\":").cents(c).ascii("}\n");
            if (r > from) js.ascii(",\n");
            js.ascii("{\"meter\":\"").ascii(id).ascii("\",\"ts\":\"").ascii(tsText[q]).ascii("\",\"kwh\":").cents(c).ascii("}");
            csv.ascii(id).ascii(",").ascii(tsText[q]).ascii(",").cents(c).ascii("\n");
            copy.startRow(6);
            copy.int4(keys[m]);
            copy.timestamptz(ts[q]);
            copy.float8OrNull(c / 100.0);
            copy.float8OrNull(Double.NaN);
            copy.float8OrNull(Double.NaN);
            copy.int2((short) 0);
        }
        js.ascii("]\n");
        copy.end();
        return new Chunk(n, nd.bytes(), js.bytes(), csv.bytes(), Arrays.copyOf(copy.bytes(), copy.length()));
    }

    /** kWh per 15 minutes, in hundredths, for one meter-day; at most 90% of capacity x 0.25 h. */
    static void shape(Meter m, int dayIndex, long[] cents) {
        SplittableRandom rnd = new SplittableRandom(m.seed() * 1_000_003L + dayIndex);
        double full = m.capacityKva() * 0.25; // kWh in 15 minutes at full contracted load
        int heatPhase = rnd.nextInt(8);
        for (int q = 0; q < PER_DAY; q++) {
            double hour = (q + 1) / 4.0;
            double load; // fraction of full load
            switch (m.kind()) {
                case 0 -> { // day-shift foundry: 08:00-18:00 with a lunch dip
                    boolean shift = hour > 8 && hour <= 18;
                    load = shift ? (hour > 12 && hour <= 13 ? 0.25 : 0.55) : 0.06;
                }
                case 1 -> { // round-the-clock induction melting: heats of ~2 h, 1.5 h melt then tapping
                    int inHeat = (q + heatPhase) % 8;
                    load = inHeat < 6 ? 0.72 : 0.18;
                }
                case 2 -> { // off-peak melter: heavy 23:00-07:00, light in the day
                    boolean night = hour > 23 || hour <= 7;
                    load = night ? 0.68 : 0.12;
                }
                default -> // light steady load (machining, offices)
                    load = 0.20 + 0.05 * Math.sin(hour / 24 * 2 * Math.PI);
            }
            load *= 0.9 + 0.2 * rnd.nextDouble();
            cents[q] = Math.round(Math.min(load, 0.9) * full * 100);
        }
    }

    /** A growable byte buffer with ASCII and fixed two-decimal appends. */
    static final class Out {
        private byte[] buf;
        private int len;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        Out ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
            return this;
        }

        Out cents(long c) {
            ascii(Long.toString(c / 100));
            ensure(3);
            long f = c % 100;
            buf[len++] = '.';
            buf[len++] = (byte) ('0' + f / 10);
            buf[len++] = (byte) ('0' + f % 10);
            return this;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, len);
        }

        private void ensure(int n) {
            if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
