package org.furnacewatch.ingest;

import java.util.Arrays;

/** Splits a streamed body into lines (LF or CRLF), carrying a partial line across chunks. */
final class LineSplitter {
    interface LineHandler {
        void line(byte[] buf, int offset, int length);
    }

    private static final int MAX_LINE = 1 << 20;
    private final LineHandler handler;
    private byte[] carry = new byte[0];
    private int carryLength;

    LineSplitter(LineHandler handler) {
        this.handler = handler;
    }

    void feed(byte[] chunk, int offset, int length) {
        int end = offset + length;
        int start = offset;
        for (int i = offset; i < end; i++) {
            if (chunk[i] != '\n') continue;
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
    }

    void end() {
        if (carryLength > 0) emit(carry, 0, carryLength);
        carryLength = 0;
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
