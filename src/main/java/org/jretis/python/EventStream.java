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
 * Feeds the {@code retis} Python package, so that Python prints exactly what {@code retis print}
 * does without a formatter of its own. {@link #events} reads an input as {@code print} does and
 * writes per event its JSON and its text; framing (lengths in bytes, headers in ASCII):
 * <pre>
 * OK events|sorted\n          or ERR message\n, which ends the stream, also later
 * S count\n                   a series of count events follows (sorted files only)
 * E jsonLen textLen\n         then the JSON (a line) and the text
 * DONE skipped\n              bad lines skipped (each also warned about on stderr)
 * </pre>
 * A missing DONE means the stream broke. The text of single sections, rarely wanted, is made on
 * request only: {@link #sections} reads events as an events file and answers each at once with
 * {@code len\n} and, per section, {@code name len\n} and its text.
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
    public void events(InputSpec input, Consumer<String> warnings) throws IOException {
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
                    write(event, reader.currentLayoutLine(event));
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

    /** Answers each event of {@code requests} (an events file) with its sections' texts. */
    public void sections(InputSpec requests, Consumer<String> warnings) throws IOException {
        try (EventFileReader reader = EventFileReader.open(requests, warnings)) {
            for (Event event; (event = reader.nextEvent()) != null; ) {
                sections.reset();
                for (Map.Entry<String, Event> section : Sections.split(event).entrySet()) {
                    byte[] sectionText = text(section.getValue());
                    sections.write((section.getKey() + " " + sectionText.length + "\n").getBytes(StandardCharsets.US_ASCII));
                    sections.write(sectionText);
                }
                header(Integer.toString(sections.size()));
                sections.writeTo(out);
                out.flush();
            }
        }
    }

    /** The event, its JSON line taken as read when {@code line} is not null, else encoded. */
    private void write(Event event, byte[] line) throws IOException {
        json.reset();
        if (line != null) {
            json.write(line);
            json.write('\n');
        } else {
            jsonWriter.write(event);
            jsonWriter.flush();
        }
        byte[] eventText = text(event);
        header("E " + json.size() + " " + eventText.length);
        json.writeTo(out);
        out.write(eventText);
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
