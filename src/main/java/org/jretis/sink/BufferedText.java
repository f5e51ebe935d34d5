package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Text gathered in a builder and written out as UTF-8 in large pieces. */
final class BufferedText {
    /** About how much text is gathered before it is written. */
    static final int SIZE = 64 * 1024;

    private final OutputStream out;
    private final StringBuilder text = new StringBuilder(SIZE + 4096);

    BufferedText(OutputStream out) {
        this.out = out;
    }

    StringBuilder builder() {
        return text;
    }

    boolean full() {
        return text.length() >= SIZE;
    }

    /** Writes what was gathered and flushes the stream. */
    void flush() throws IOException {
        if (!text.isEmpty()) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
        }
        out.flush();
    }

    void close() throws IOException {
        flush();
        out.close();
    }
}
