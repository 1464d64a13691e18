package org.furnacewatch.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Writes readings as request bodies for {@code POST /api/v1/readings} (CONTRACT.md): NDJSON, a JSON array, or CSV
 * with a header line. Each row has {@code meter}, {@code ts} and exactly one of {@code kwh} / {@code register}
 * (in CSV the other column is left empty). Numbers are written in plain decimal notation.
 */
public final class ReadingWriter {
    /** Body formats and their Content-Type. */
    public enum Format {
        NDJSON("application/x-ndjson", "ndjson"), JSON("application/json", "json"), CSV("text/csv", "csv");

        public final String contentType;
        public final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }
    }

    private ReadingWriter() {}

    /** Appends one body holding {@code rows} in {@code format}. */
    public static void write(Appendable out, List<Reading> rows, Format format) {
        try {
            switch (format) {
                case NDJSON -> {
                    for (Reading r : rows) {
                        json(out, r);
                        out.append('\n');
                    }
                }
                case JSON -> {
                    out.append('[');
                    for (int i = 0; i < rows.size(); i++) {
                        if (i > 0) out.append(",\n");
                        json(out, rows.get(i));
                    }
                    out.append("]\n");
                }
                case CSV -> {
                    out.append("meter,ts,kwh,register\n");
                    for (Reading r : rows) {
                        out.append(r.meter()).append(',').append(r.ts()).append(',');
                        if (r.isRegister()) {
                            out.append(',');
                            number(out, r.register(), 4);
                        } else {
                            number(out, r.kwh(), 3);
                            out.append(',');
                        }
                        out.append('\n');
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String body(List<Reading> rows, Format format) {
        StringBuilder sb = new StringBuilder(rows.size() * 64);
        write(sb, rows, format);
        return sb.toString();
    }

    private static void json(Appendable out, Reading r) throws IOException {
        out.append("{\"meter\":\"").append(r.meter()).append("\",\"ts\":\"").append(r.ts()).append('"');
        if (r.isRegister()) {
            out.append(",\"register\":");
            number(out, r.register(), 4);
        } else {
            out.append(",\"kwh\":");
            number(out, r.kwh(), 3);
        }
        out.append('}');
    }

    /** Writes {@code v} rounded to {@code decimals} places in plain notation, without trailing zeros. */
    static void number(Appendable out, double v, int decimals) throws IOException {
        long scale = decimals == 3 ? 1000 : decimals == 4 ? 10000 : (long) StrictMath.pow(10, decimals);
        long x = Math.round(v * scale);
        if (x < 0) {
            out.append('-');
            x = -x;
        }
        out.append(Long.toString(x / scale));
        long frac = x % scale;
        if (frac != 0) {
            StringBuilder f = new StringBuilder(Long.toString(frac));
            while (f.length() < decimals) f.insert(0, '0');
            int end = f.length();
            while (f.charAt(end - 1) == '0') end--;
            out.append('.').append(f, 0, end);
        }
    }

    /** Groups a reading stream into request-sized batches of at most {@code size} rows, in order. */
    public static Iterator<List<Reading>> batches(Iterator<Reading> readings, int size) {
        if (size < 1) throw new IllegalArgumentException("size must be positive");
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return readings.hasNext();
            }

            @Override
            public List<Reading> next() {
                if (!readings.hasNext()) throw new NoSuchElementException();
                List<Reading> b = new ArrayList<>(size);
                while (b.size() < size && readings.hasNext()) b.add(readings.next());
                return b;
            }
        };
    }

    /** Request bodies of at most {@code size} rows each. */
    public static Iterator<String> bodies(Iterator<Reading> readings, Format format, int size) {
        Iterator<List<Reading>> b = batches(readings, size);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return b.hasNext();
            }

            @Override
            public String next() {
                return body(b.next(), format);
            }
        };
    }
}
