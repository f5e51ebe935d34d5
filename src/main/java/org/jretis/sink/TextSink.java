package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jretis.event.Event;
import org.jretis.text.EventFormatter;
import org.jretis.text.TextFormat;

/**
 * Events as text, Retis' layout: a blank line after each multi-line event, one line per event in
 * single-line format. Output is buffered, but the first event is flushed at once so a live
 * capture shows itself as soon as something happens.
 */
public final class TextSink implements EventSink {
    private static final int BUFFER = 64 * 1024;

    private final OutputStream out;
    private final EventFormatter formatter;
    private final String separator;
    private final StringBuilder text = new StringBuilder(BUFFER + 4096);
    private boolean first = true;

    public TextSink(OutputStream out, TextFormat format) {
        this.out = out;
        this.formatter = format.newFormatter();
        this.separator = format.multiLine() ? "\n\n" : "\n";
    }

    /** Startup information the text needs though the startup event itself is not printed. */
    public EventFormatter formatter() {
        return formatter;
    }

    @Override
    public void accept(Event event) throws IOException {
        if (!formatter.format(event, text)) {
            return;
        }
        text.append(separator);
        if (first || text.length() >= BUFFER) {
            first = false;
            flush();
        }
    }

    @Override
    public void flush() throws IOException {
        if (!text.isEmpty()) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            text.setLength(0);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
