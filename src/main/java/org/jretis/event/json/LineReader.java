package org.jretis.event.json;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them: the JSON parser reads the bytes in place.
 * Only the current line is held, and at most {@link #MAX_LINE} bytes of it: the rest of a longer
 * line is skipped unread, so memory stays bounded whatever the input. A line tells whether it
 * ended with a newline (a file cut mid-write does not) and whether it was too long.
 */
final class LineReader implements Closeable {
    /** The longest line read (16 MiB): events are kilobytes, series of a sort at most a few MB. */
    static final int MAX_LINE = 16 << 20;
    /** How the limit is named in messages. */
    static final String MAX_LINE_TEXT = "16 MiB";
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final int maxLine;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private int length;
    private boolean terminated;
    private boolean tooLong;
    private long number;
    /** Bytes taken from the stream so far; read by progress reports on another thread. */
    private volatile long consumed;

    LineReader(InputStream in) {
        this(in, MAX_LINE);
    }

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        terminated = false;
        tooLong = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit > 0) {
                    consumed += limit;
                }
                if (limit <= 0) {
                    limit = 0;
                    if (length == 0 && !tooLong) {
                        return false;
                    }
                    number++;
                    return true;
                }
            }
            int start = position;
            position = newline(position);
            append(start, position - start);
            if (position < limit) {
                position++;
                terminated = true;
                number++;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
        }
    }

    /** The index of the first newline from {@code from} in the buffer, or its limit: eight bytes at a time. */
    private int newline(int from) {
        int i = from;
        for (; i + 8 <= limit; i += 8) {
            long x = (long) LONG_LE.get(buffer, i) ^ NEWLINES;
            long zeros = (x - ONES) & ~x & HIGH_BITS; // the lowest flagged byte is the first newline
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        while (i < limit && buffer[i] != '\n') {
            i++;
        }
        return i;
    }

    private void append(int from, int count) {
        if (tooLong || length + count > maxLine) {
            tooLong = true;
            length = 0; // what was kept of the line is no use: it is skipped
            return;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, (int) Math.min(maxLine, Math.max(2L * line.length, length + count)));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }

    /** The current line's bytes, valid up to {@link #length()} and until the next call. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    /** Bytes read from the stream so far (the buffer is ahead of the current line). */
    long bytesRead() {
        return consumed;
    }

    /** True when the current line was longer than the limit: its bytes were skipped, none is held. */
    boolean tooLong() {
        return tooLong;
    }

    /** False when the current line is the end of a file that does not end with a newline. */
    boolean terminated() {
        return terminated;
    }

    /** The first byte that is not JSON whitespace, or -1 for a blank line. */
    int firstNonBlank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return b;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
