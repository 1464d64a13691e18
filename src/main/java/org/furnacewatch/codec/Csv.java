package org.furnacewatch.codec;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV codec of the service: RFC 4180 (quoted fields may hold commas, quotes and line breaks; CRLF or LF line
 * ends; a UTF-8 byte-order mark before the header is ignored) through Apache Commons CSV, streaming record by
 * record. Bulk registry imports, series scores, documents and reports read and write through here.
 *
 * <p>The one exception is {@code POST /api/v1/readings}: its CSV is parsed as the bytes arrive on the event loop
 * ({@code ingest.CsvReadingParser}), because a pull parser would need a thread per request; it follows the same
 * RFC 4180 rules, and {@code CsvCodecAgreementTest} holds the two to the same answers.
 */
public final class Csv {
    /** Reading: RFC 4180, blank lines skipped, surrounding spaces of unquoted fields kept for the caller to trim. */
    public static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();
    /** Writing: RFC 4180 with CRLF, quoting only where needed. */
    public static final CSVFormat WRITE = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    /** Writing with LF line ends: what {@code series/score} has always answered, for clients that split on LF. */
    public static final CSVFormat WRITE_LF = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();

    private Csv() {}

    /** A reader over {@code text} without its byte-order mark. */
    public static CSVParser parse(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return parse(new StringReader(t));
    }

    public static CSVParser parse(Reader in) {
        try {
            return CSVParser.builder().setReader(in).setFormat(READ).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of a record as a list. */
    public static List<String> cells(CSVRecord r) {
        List<String> out = new ArrayList<>(r.size());
        for (String c : r) out.add(c);
        return out;
    }

    /** Appends one record (RFC 4180 quoting, CRLF) to {@code out}. */
    public static void write(Appendable out, Iterable<?> cells) {
        try {
            WRITE.printRecord(out, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A printer that writes records to {@code out} in {@code format} ({@link #WRITE} or {@link #WRITE_LF}). */
    public static CSVPrinter printer(Appendable out, CSVFormat format) {
        try {
            return new CSVPrinter(out, format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
