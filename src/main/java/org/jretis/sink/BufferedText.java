package org.jretis.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text gathered in a builder and written out as UTF-8 in large pieces. Text beyond Latin-1 (the
 * series arrow) is appended as UTF-8 bytes rather than into the builder, which would otherwise
 * turn to two bytes a character for the rest of the run and cost twice as much to encode.
 */
final class BufferedText {
    /** About how much text is gathered before it is written. */
    static final int SIZE = 64 * 1024;

    private final OutputStream out;
    private final StringBuilder text = new StringBuilder(SIZE + 4096);
    /** What came before the builder's text, already encoded. */
    private final ByteArrayOutputStream encoded = new ByteArrayOutputStream(SIZE + 4096);

    BufferedText(OutputStream out) {
        this.out = out;
    }

    StringBuilder builder() {
        return text;
    }

    /** Appends text already encoded as UTF-8, after what the builder holds. */
    void appendUtf8(byte[] utf8) {
        encodeBuilder();
        encoded.writeBytes(utf8);
    }

    boolean full() {
        return text.length() + encoded.size() >= SIZE;
    }

    /** Writes what was gathered and flushes the stream. */
    void flush() throws IOException {
        if (encoded.size() == 0) {
            if (!text.isEmpty()) { // the usual case: the builder's bytes go out without another copy
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
                text.setLength(0);
            }
        } else {
            encodeBuilder();
            encoded.writeTo(out);
            encoded.reset();
        }
        out.flush();
    }

    private void encodeBuilder() {
        if (!text.isEmpty()) {
            encoded.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
        }
    }

    void close() throws IOException {
        flush();
        out.close();
    }
}
