package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jretis.event.Event;
import org.jretis.text.EventFormatter;
import org.jretis.text.TextFormat;

/**
 * Series of events ({@code sort}, or {@code print} of a sorted file) as text: the first event as
 * usual, each following one behind {@code "  ↳ "} with its other lines indented to match and the
 * time since the previous one after its own ({@code +12.345µs}), and a blank line after each series.
 */
public final class SeriesTextSink implements AutoCloseable {
    private static final byte[] ARROW = "  \u21b3 ".getBytes(StandardCharsets.UTF_8);
    private static final String NEXT_LINE = "\n    ";
    private final BufferedText buffer;
    private final StringBuilder text;
    private final EventFormatter formatter;
    private final boolean multiLine;
    private final StringBuilder one = new StringBuilder(1024);

    public SeriesTextSink(OutputStream out, TextFormat format) {
        this.buffer = new BufferedText(out);
        this.text = buffer.builder();
        this.formatter = format.newFormatter();
        this.multiLine = format.multiLine();
    }

    public void accept(List<Event> series) throws IOException {
        boolean first = true;
        Long previous = null;
        for (Event event : series) {
            one.setLength(0);
            Long at = event.common == null ? null : event.common.timestamp();
            Long sincePrevious = at == null || previous == null ? null : at - previous;
            if (!formatter.format(event, sincePrevious, one)) {
                continue;
            }
            previous = at;
            if (first) {
                text.append(one);
                first = false;
            } else {
                buffer.appendUtf8(ARROW);
                appendIndented(one);
            }
            text.append('\n');
        }
        if (!first) {
            text.append('\n');
        }
        if (buffer.full()) {
            flush();
        }
    }

    /** A following event's text: in multi-line format its other lines indented under the arrow. */
    private void appendIndented(StringBuilder event) {
        if (!multiLine) {
            text.append(event);
            return;
        }
        int from = 0;
        for (int newline; (newline = event.indexOf("\n", from)) >= 0; from = newline + 1) {
            text.append(event, from, newline).append(NEXT_LINE);
        }
        text.append(event, from, event.length());
    }

    public void flush() throws IOException {
        buffer.flush();
    }

    @Override
    public void close() throws IOException {
        buffer.close();
    }
}
