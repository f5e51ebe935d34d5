package org.jretis.python;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jretis.event.Event;
import org.jretis.event.json.EventFileException;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.EventWriter;
import org.jretis.event.json.InputSpec;
import org.jretis.text.EventFormatter;

/**
 * Feeds the {@code retis} Python package: reads an input as {@code print} does and writes, per
 * event, its JSON and the text jretis prints for it and for each of its sections, so that Python
 * prints exactly what {@code retis print} does without a formatter of its own. Framing (all
 * lengths in bytes, headers in ASCII):
 * <pre>
 * OK events|sorted\n                  or ERR message\n, which ends the stream, also later
 * S count\n                           a series of count events follows (sorted files only)
 * E jsonLen textLen sectionsLen\n     then the JSON, the event's text, and the sections' texts,
 *                                     each as "name len\n" + text
 * DONE skipped\n                      bad lines skipped (each also warned about on stderr)
 * </pre>
 * A missing DONE means the stream broke.
 */
public final class EventStream {
    private final OutputStream out;
    private final EventFormatter formatter = new EventFormatter(EventFormatter.Format.MULTI_LINE, false, false);
    private final ByteArrayOutputStream json = new ByteArrayOutputStream(4096);
    private final EventWriter jsonWriter;
    private final ByteArrayOutputStream sections = new ByteArrayOutputStream(4096);
    private final StringBuilder text = new StringBuilder(1024);

    public EventStream(OutputStream out) throws IOException {
        this.out = new BufferedOutputStream(out, 1 << 16);
        // A buffered stream is used as is: the JSON lands in `json` at each flush.
        this.jsonWriter = new EventWriter(new BufferedOutputStream(json, 4096));
    }

    /** Streams the whole input; returns once DONE is written. */
    public void stream(InputSpec input, Consumer<String> warnings) throws IOException {
        long[] skipped = {0};
        EventFileReader reader;
        try {
            reader = EventFileReader.open(input, warning -> {
                skipped[0]++;
                warnings.accept(warning);
            });
        } catch (EventFileException e) {
            header("ERR " + e.getMessage().replace('\n', ' '));
            out.flush();
            return;
        }
        try (reader) {
            boolean sorted = reader.kind() == EventFileReader.Kind.SORTED;
            header(sorted ? "OK sorted" : "OK events");
            for (List<Event> series; (series = reader.nextSeries()) != null; ) {
                if (sorted) {
                    header("S " + series.size());
                }
                for (Event event : series) {
                    write(event);
                }
            }
        } catch (EventFileException e) {
            // A later split file that cannot be read: the events before it were streamed.
            header("ERR " + e.getMessage().replace('\n', ' '));
            out.flush();
            return;
        }
        header("DONE " + skipped[0]);
        out.flush();
    }

    private void write(Event event) throws IOException {
        json.reset();
        jsonWriter.write(event);
        jsonWriter.flush();
        byte[] eventText = text(event);
        sections.reset();
        for (Map.Entry<String, Event> section : Sections.split(event).entrySet()) {
            byte[] sectionText = text(section.getValue());
            sections.write((section.getKey() + " " + sectionText.length + "\n").getBytes(StandardCharsets.US_ASCII));
            sections.write(sectionText);
        }
        header("E " + json.size() + " " + eventText.length + " " + sections.size());
        json.writeTo(out);
        out.write(eventText);
        sections.writeTo(out);
    }

    private byte[] text(Event event) {
        text.setLength(0);
        formatter.format(event, text);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void header(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
