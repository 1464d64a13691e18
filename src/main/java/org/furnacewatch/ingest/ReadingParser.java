package org.furnacewatch.ingest;

/**
 * Reads a request body chunk by chunk as it streams in, handing each row to the validator. A body that
 * cannot be parsed at all raises {@link UnparseableBody}; a bad row is rejected and parsing goes on.
 */
interface ReadingParser {
    void feed(byte[] chunk, int offset, int length);

    void end();

    static ReadingParser forContentType(String contentType, RowSink sink) {
        String ct = contentType == null ? "" : contentType.toLowerCase();
        if (ct.startsWith("application/x-ndjson") || ct.startsWith("application/ndjson") || ct.startsWith("application/jsonl")) {
            return new NdjsonReadingParser(sink);
        }
        if (ct.startsWith("text/csv")) return new CsvReadingParser(sink);
        if (ct.startsWith("application/json") || ct.isEmpty()) return new JsonArrayReadingParser(sink);
        return null;
    }

    /** Receives parsed rows, numbered from 0 in the order sent. */
    interface RowSink {
        void row(int index, RowFields fields);
    }

    final class UnparseableBody extends RuntimeException {
        UnparseableBody(String message) {
            super(message);
        }
    }
}
