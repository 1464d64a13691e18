package org.furnacewatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A parser's complaint without its location dump. */
final class Problems {
    private Problems() {}

    static String of(Exception e) {
        return e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }
}
