package org.jretis.event.json;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding them: the JSON parser reads the bytes in place.
 * Only the current line is held; it tells whether it ended with a newline (a file cut mid-write
 * does not).
 */
final class LineReader implements Closeable {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private int length;
    private boolean terminated;
    private long number;
    /** Bytes taken from the stream so far; read by progress reports on another thread. */
    private volatile long consumed;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Reads the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        terminated = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit > 0) {
                    consumed += limit;
                }
                if (limit <= 0) {
                    limit = 0;
                    if (length == 0) {
                        return false;
                    }
                    number++;
                    return true;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
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

    private void append(int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
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
