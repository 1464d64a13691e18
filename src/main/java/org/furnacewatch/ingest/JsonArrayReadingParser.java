package org.furnacewatch.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.IOException;

/** A JSON array of reading objects, parsed with Jackson's non-blocking parser as chunks arrive. */
final class JsonArrayReadingParser implements ReadingParser {
    private static final JsonFactory FACTORY = org.furnacewatch.codec.Json.FACTORY;

    private final RowSink sink;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final RowFields fields = new RowFields();
    private boolean started, finished, inRow, nonObjectRow;
    private int depth; // nesting inside the current row object; values deeper than 1 are skipped
    private String field;
    private int rowIndex;

    JsonArrayReadingParser(RowSink sink) {
        this.sink = sink;
        try {
            this.parser = FACTORY.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    @Override
    public void feed(byte[] chunk, int offset, int length) {
        try {
            feeder.feedInput(chunk, offset, offset + length);
            drain();
        } catch (IOException e) {
            throw new UnparseableBody("JSON 无法解析 (unparseable JSON): " + Problems.of(e));
        }
    }

    @Override
    public void end() {
        feeder.endOfInput();
        try {
            drain();
        } catch (IOException e) {
            throw new UnparseableBody("JSON 无法解析 (unparseable JSON): " + Problems.of(e));
        }
        if (!finished) throw new UnparseableBody("JSON 数组不完整 (the JSON array is not closed)");
    }

    private void drain() throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) != null && t != JsonToken.NOT_AVAILABLE) {
            if (!started) {
                if (t != JsonToken.START_ARRAY) throw new UnparseableBody("请求体须为 JSON 数组 (body must be a JSON array of readings)");
                started = true;
            } else if (finished) {
                throw new UnparseableBody("JSON 数组之后还有内容 (content after the JSON array)");
            } else if (!inRow) {
                if (t == JsonToken.END_ARRAY) {
                    finished = true;
                } else if (t == JsonToken.START_OBJECT) {
                    inRow = true;
                    depth = 0;
                    fields.clear();
                } else {
                    // a scalar or array where a reading object should be: a bad row, not a bad body
                    fields.clear();
                    fields.problem = "行不是 JSON 对象 (row is not a JSON object)";
                    if (t == JsonToken.START_ARRAY) {
                        inRow = true;
                        nonObjectRow = true;
                        depth = 1;
                    } else {
                        sink.row(rowIndex++, fields);
                    }
                }
            } else {
                rowToken(t);
            }
        }
    }

    private void rowToken(JsonToken t) throws IOException {
        if (depth > 0) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) depth++;
            else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) depth--;
            if (depth == 0 && nonObjectRow) {
                inRow = false;
                nonObjectRow = false;
                sink.row(rowIndex++, fields);
            }
            return;
        }
        switch (t) {
            case FIELD_NAME -> field = parser.currentName();
            case END_OBJECT -> {
                inRow = false;
                field = null;
                sink.row(rowIndex++, fields);
            }
            case START_OBJECT, START_ARRAY -> {
                depth = 1;
                if (fields.problem == null) fields.problem = field + " 必须是标量值 (" + field + " must be a scalar)";
            }
            default -> JsonFields.read(field, t, parser, fields);
        }
    }
}
