package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
import org.jretis.event.Event;
import org.jretis.text.EventFormatter;
import org.jretis.text.TextFormat;

/**
 * Events as text, Retis' layout: a blank line after each multi-line event, one line per event in
 * single-line format. Output is buffered, but the first event is flushed at once so a live
 * capture shows itself as soon as something happens.
 */
public final class TextSink implements EventSink {
    private final BufferedText text;
    private final EventFormatter formatter;
    private final String separator;
    private boolean first = true;

    public TextSink(OutputStream out, TextFormat format) {
        this.text = new BufferedText(out);
        this.formatter = format.newFormatter();
        this.separator = format.multiLine() ? "\n\n" : "\n";
    }

    /** Startup information the text needs though the startup event itself is not printed. */
    public EventFormatter formatter() {
        return formatter;
    }

    @Override
    public void accept(Event event) throws IOException {
        if (!formatter.format(event, text.builder())) {
            return;
        }
        text.builder().append(separator);
        if (first || text.full()) {
            first = false;
            flush();
        }
    }

    @Override
    public void flush() throws IOException {
        text.flush();
    }

    @Override
    public void close() throws IOException {
        text.close();
    }
}
