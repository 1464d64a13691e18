package org.furnacewatch.ingest;

/** One row's raw fields as a parser read them; reused from row to row, so parsers allocate little. */
final class RowFields {
    String meter;
    String ts;
    double kwh, register, kw;
    boolean hasKwh, hasRegister, hasKw;
    /** Set by the parser when a field could not be read at all (e.g. "kwh 不是数字"). */
    String problem;

    void clear() {
        meter = null;
        ts = null;
        hasKwh = hasRegister = hasKw = false;
        kwh = register = kw = Double.NaN;
        problem = null;
    }

    void number(String field, String text) {
        double v;
        if (text.length() > org.furnacewatch.codec.Json.MAX_ROW_NUMBER_CHARS) {
            if (problem == null) problem = field + " 不是数字 (not a number): " + abbreviate(text);
            return;
        }
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            if (problem == null) problem = field + " 不是数字 (not a number): " + abbreviate(text);
            return;
        }
        number(field, v);
    }

    void number(String field, double v) {
        switch (field) {
            case "kwh" -> { kwh = v; hasKwh = true; }
            case "register" -> { register = v; hasRegister = true; }
            case "kw" -> { kw = v; hasKw = true; }
            default -> { }
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
