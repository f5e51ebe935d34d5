package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
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
    private static final String ARROW = "  \u21b3 ";
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
                text.append(ARROW).append(multiLine ? one.toString().replace("\n", "\n    ") : one);
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

    public void flush() throws IOException {
        buffer.flush();
    }

    @Override
    public void close() throws IOException {
        buffer.close();
    }
}
