package org.furnacewatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** One JSON object per line; a line that is not valid JSON is a rejected row, not a bad body. */
final class NdjsonReadingParser implements ReadingParser {
    private static final JsonFactory FACTORY = org.furnacewatch.codec.Json.FACTORY;
    private final RowSink sink;
    private final RowFields fields = new RowFields();
    private final LineSplitter lines = new LineSplitter(this::line);
    private int rowIndex;

    NdjsonReadingParser(RowSink sink) {
        this.sink = sink;
    }

    @Override
    public void feed(byte[] chunk, int offset, int length) {
        lines.feed(chunk, offset, length);
    }

    @Override
    public void end() {
        lines.end();
    }

    private void line(byte[] buf, int off, int len) {
        if (isBlank(buf, off, len)) return;
        fields.clear();
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                fields.problem = "行不是 JSON 对象 (line is not a JSON object)";
            } else {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                    String field = p.currentName();
                    t = p.nextToken();
                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        p.skipChildren();
                        if (fields.problem == null) fields.problem = field + " 必须是标量值 (" + field + " must be a scalar)";
                    } else {
                        JsonFields.read(field, t, p, fields);
                    }
                }
                if (p.nextToken() != null) fields.problem = "一行只能有一个 JSON 对象 (more than one value on the line)";
            }
        } catch (IOException e) {
            fields.problem = "不是合法的 JSON (invalid JSON): " + Problems.of(e);
        }
        sink.row(rowIndex++, fields);
    }

    static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') return false;
        return true;
    }
}
