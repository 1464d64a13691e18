package org.furnacewatch.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/** Reads one field value of a reading object from a Jackson parser positioned on the value. */
final class JsonFields {
    private JsonFields() {}

    static void read(String field, JsonToken t, JsonParser p, RowFields f) throws IOException {
        switch (field) {
            case "meter" -> {
                if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) f.meter = p.getText();
                else if (t != JsonToken.VALUE_NULL) problem(f, "meter 必须是字符串 (meter must be a string)");
            }
            case "ts" -> {
                if (t == JsonToken.VALUE_STRING) f.ts = p.getText();
                else if (t != JsonToken.VALUE_NULL) problem(f, "ts 必须是 ISO-8601 字符串 (ts must be a string)");
            }
            case "kwh", "register", "kw" -> {
                if ((t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) && p.getTextLength() > org.furnacewatch.codec.Json.MAX_ROW_NUMBER_CHARS) {
                    problem(f, field + " 数字过长 (a number of " + p.getTextLength() + " characters)");
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) f.number(field, p.getDoubleValue());
                else if (t == JsonToken.VALUE_STRING) f.number(field, p.getText());
                else if (t != JsonToken.VALUE_NULL) problem(f, field + " 必须是数字 (" + field + " must be a number)");
            }
            default -> { }
        }
    }

    private static void problem(RowFields f, String message) {
        if (f.problem == null) f.problem = message;
    }
}
