package org.furnacewatch.ingest;

import java.util.Arrays;

/**
 * Splits a streamed body into lines (LF or CRLF), carrying a partial line across chunks. For CSV it is quote
 * aware (RFC 4180): a line break inside a double-quoted field belongs to the field, so one record may span lines
 * and the row numbers after it stay right. A quote that is never closed would swallow the rest of the body; once
 * the open record passes {@link #MAX_QUOTED} bytes (or the body ends), its first physical line is given up as one
 * bad row and the bytes after it are split again, so only that row is lost.
 */
final class LineSplitter {
    interface LineHandler {
        void line(byte[] buf, int offset, int length);
    }

    private static final int MAX_LINE = 1 << 20;
    /** The longest record with a line break inside quotes that is still waited for. */
    static final int MAX_QUOTED = 64 << 10;
    private final LineHandler handler;
    private final boolean quoteAware;
    private byte[] carry = new byte[0];
    private int carryLength;
    private boolean inQuotes;

    LineSplitter(LineHandler handler) {
        this(handler, false);
    }

    LineSplitter(LineHandler handler, boolean quoteAware) {
        this.handler = handler;
        this.quoteAware = quoteAware;
    }

    void feed(byte[] chunk, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            byte b = chunk[i];
            if (quoteAware && b == '"') {
                inQuotes = !inQuotes;
                continue;
            }
            if (b != '\n' || inQuotes) continue;
            if (carryLength > 0) {
                append(chunk, start, i - start);
                emit(carry, 0, carryLength);
                carryLength = 0;
            } else {
                emit(chunk, start, i - start);
            }
            start = i + 1;
        }
        if (start < end) append(chunk, start, end - start);
        if (inQuotes && carryLength > MAX_QUOTED) giveUpOpenQuote();
    }

    void end() {
        if (inQuotes && carryLength > 0) giveUpOpenQuote();
        if (carryLength > 0) emit(carry, 0, carryLength);
        carryLength = 0;
        inQuotes = false;
    }

    /** Emits the first physical line of the open record as it stands (a bad row) and splits the rest again. */
    private void giveUpOpenQuote() {
        byte[] held = Arrays.copyOf(carry, carryLength);
        carryLength = 0;
        inQuotes = false;
        int nl = 0;
        while (nl < held.length && held[nl] != '\n') nl++;
        emit(held, 0, nl);
        if (nl < held.length) feed(held, nl + 1, held.length - nl - 1);
    }

    private void emit(byte[] buf, int off, int len) {
        if (len > 0 && buf[off + len - 1] == '\r') len--;
        handler.line(buf, off, len);
    }

    private void append(byte[] src, int off, int len) {
        if (carryLength + len > MAX_LINE) throw new ReadingParser.UnparseableBody("行过长 (a line longer than 1 MiB)");
        if (carryLength + len > carry.length) carry = Arrays.copyOf(carry, Math.max(carryLength + len, carry.length * 2 + 64));
        System.arraycopy(src, off, carry, carryLength, len);
        carryLength += len;
    }
}
