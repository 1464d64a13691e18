package org.furnacewatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;

/**
 * One JSON object per line; a line that is not valid JSON is a rejected row, not a bad body.
 *
 * <p>One non-blocking Jackson parser reads line after line (root-level values); a new parser per line cost a
 * third of the NDJSON ingest time in allocation and GC (benchmarks/README.md). The parser is replaced only
 * after a line it could not read, so a broken line never spills into the next.
 */
final class NdjsonReadingParser implements ReadingParser {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final byte[] NEWLINE = {'\n'};
    private final RowSink sink;
    private final RowFields fields = new RowFields();
    private final LineSplitter lines = new LineSplitter(this::line);
    private JsonParser parser;
    private ByteArrayFeeder feeder;
    private int rowIndex;

    NdjsonReadingParser(RowSink sink) {
        this.sink = sink;
        freshParser();
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
        try {
            feeder.feedInput(buf, off, off + len);
            readLine();
        } catch (IOException e) {
            fields.problem = "不是合法的 JSON (invalid JSON): " + Problems.of(e);
            freshParser();
        }
        sink.row(rowIndex++, fields);
    }

    /** Reads the tokens of one line: exactly one object; anything else makes the row a rejected one. */
    private void readLine() throws IOException {
        JsonToken t = parser.nextToken();
        if (t != JsonToken.START_OBJECT) {
            fields.problem = "行不是 JSON 对象 (line is not a JSON object)";
            freshParser();
            return;
        }
        String field = null;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t == JsonToken.NOT_AVAILABLE || t == null) {
                fields.problem = "JSON 对象不完整 (the line ends inside the object)";
                freshParser();
                return;
            }
            if (t == JsonToken.FIELD_NAME) {
                field = parser.currentName();
                continue;
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                if (!skipNested()) {
                    fields.problem = "JSON 对象不完整 (the line ends inside the object)";
                    freshParser();
                    return;
                }
                if (fields.problem == null) fields.problem = field + " 必须是标量值 (" + field + " must be a scalar)";
                continue;
            }
            JsonFields.read(field, t, parser, fields);
        }
        // the line's end must end the value: feeding the newline completes anything left pending (e.g. "} 5")
        if (parser.nextToken() == JsonToken.NOT_AVAILABLE) {
            feeder.feedInput(NEWLINE, 0, 1);
            if (parser.nextToken() == JsonToken.NOT_AVAILABLE) return;
        }
        fields.problem = "一行只能有一个 JSON 对象 (more than one value on the line)";
        freshParser();
    }

    /** Skips a nested object or array; false when the line ends inside it. */
    private boolean skipNested() throws IOException {
        int depth = 1;
        while (depth > 0) {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.NOT_AVAILABLE || t == null) return false;
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) depth++;
            else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) depth--;
        }
        return true;
    }

    private void freshParser() {
        try {
            parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') return false;
        return true;
    }
}
