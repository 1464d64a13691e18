package org.furnacewatch.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * CSV with a header line naming the columns (meter, ts, and kwh and/or register, optional kw), in any
 * order. Fields may be double-quoted. A row with the wrong number of fields is rejected.
 */
final class CsvReadingParser implements ReadingParser {
    private static final int METER = 0, TS = 1, KWH = 2, REGISTER = 3, KW = 4, OTHER = -1;
    private final RowSink sink;
    private final RowFields fields = new RowFields();
    private final LineSplitter lines = new LineSplitter(this::line, true);
    private final List<String> cells = new ArrayList<>();
    private int[] columns;
    private int rowIndex;

    CsvReadingParser(RowSink sink) {
        this.sink = sink;
    }

    @Override
    public void feed(byte[] chunk, int offset, int length) {
        lines.feed(chunk, offset, length);
    }

    @Override
    public void end() {
        lines.end();
        if (columns == null) throw new UnparseableBody("CSV 缺少表头 (missing CSV header line)");
    }

    private void line(byte[] buf, int off, int len) {
        if (NdjsonReadingParser.isBlank(buf, off, len)) return;
        if (columns == null) {
            header(buf, off, len);
            return;
        }
        fields.clear();
        if (!split(buf, off, len)) {
            fields.problem = "CSV 引号不匹配 (unbalanced quotes)";
        } else if (cells.size() != columns.length) {
            fields.problem = "CSV 列数应为 " + columns.length + "，实际 " + cells.size() + " (wrong number of fields)";
        } else {
            for (int i = 0; i < columns.length; i++) {
                String v = cells.get(i);
                if (v.isEmpty()) continue;
                switch (columns[i]) {
                    case METER -> fields.meter = v;
                    case TS -> fields.ts = v;
                    case KWH -> fields.number("kwh", v);
                    case REGISTER -> fields.number("register", v);
                    case KW -> fields.number("kw", v);
                    default -> { }
                }
            }
        }
        sink.row(rowIndex++, fields);
    }

    private void header(byte[] buf, int off, int len) {
        // a UTF-8 byte-order mark before the header is common in exports from spreadsheet tools
        if (len >= 3 && (buf[off] & 0xff) == 0xEF && (buf[off + 1] & 0xff) == 0xBB && (buf[off + 2] & 0xff) == 0xBF) {
            off += 3;
            len -= 3;
        }
        if (!split(buf, off, len)) throw new UnparseableBody("CSV 表头引号不匹配 (unbalanced quotes in header)");
        columns = new int[cells.size()];
        boolean meter = false, ts = false, value = false;
        for (int i = 0; i < cells.size(); i++) {
            columns[i] = switch (cells.get(i).trim().toLowerCase()) {
                case "meter" -> { meter = true; yield METER; }
                case "ts" -> { ts = true; yield TS; }
                case "kwh" -> { value = true; yield KWH; }
                case "register" -> { value = true; yield REGISTER; }
                case "kw" -> KW;
                default -> OTHER;
            };
        }
        if (!meter || !ts || !value) {
            throw new UnparseableBody("CSV 表头须包含 meter、ts 以及 kwh 或 register 列 (header must name meter, ts and kwh or register)");
        }
    }

    /** Splits one line into cells; false when a quote is left open. */
    private boolean split(byte[] buf, int off, int len) {
        cells.clear();
        int end = off + len;
        int i = off;
        while (true) {
            if (i < end && buf[i] == '"') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                int segment = j;
                while (j < end) {
                    if (buf[j] == '"') {
                        if (j + 1 < end && buf[j + 1] == '"') {
                            sb.append(new String(buf, segment, j + 1 - segment, StandardCharsets.UTF_8));
                            j += 2;
                            segment = j;
                            continue;
                        }
                        sb.append(new String(buf, segment, j - segment, StandardCharsets.UTF_8));
                        closed = true;
                        j++;
                        break;
                    }
                    j++;
                }
                if (!closed) return false;
                cells.add(sb.toString());
                i = j;
                if (i < end && buf[i] == ',') { i++; continue; }
                return i >= end;
            }
            int comma = i;
            while (comma < end && buf[comma] != ',') comma++;
            cells.add(new String(buf, i, comma - i, StandardCharsets.UTF_8).trim());
            if (comma >= end) return true;
            i = comma + 1;
        }
    }
}
