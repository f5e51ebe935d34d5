package org.jretis.event.json;

import static org.jretis.event.json.JsonValues.object;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jretis.event.Event;

/**
 * A typed section of {@link Event}, as the codec sees it: its JSON name, its
 * field of the event, and how each path reads and writes it. One per section, made by the
 * section's names class ({@code CommonJson}, ...) and listed once, in {@link CoreSections}.
 */
public final class CoreSection<T> {
    private final String name;
    private final Function<Event, T> get;
    private final BiConsumer<Event, T> set;
    private final Writer<T> writer;
    private final Reader<T> reader;
    private final Scanner<T> scanner;

    interface Writer<T> {
        void write(T section, JsonGenerator g) throws IOException;
    }

    /** Reads the section, the parser on its opening brace. */
    interface Reader<T> {
        T read(JsonParser p) throws IOException, MalformedEventException, SectionShapeException;
    }

    /** Scans the section from before its opening brace. */
    interface Scanner<T> {
        T scan(ByteCursor in) throws Unscannable;
    }

    /** {@code scanner} null: lines with the section are left to the general decoder. */
    CoreSection(String name, Function<Event, T> get, BiConsumer<Event, T> set,
            Writer<T> writer, Reader<T> reader, Scanner<T> scanner) {
        this.name = name;
        this.get = get;
        this.set = set;
        this.writer = writer;
        this.reader = reader;
        this.scanner = scanner;
    }

    /** Its JSON key. */
    public String name() {
        return name;
    }

    public boolean isIn(Event e) {
        return get.apply(e) != null;
    }

    /** Sets {@code to}'s section to {@code from}'s. */
    public void copy(Event from, Event to) {
        set.accept(to, get.apply(from));
    }

    /** Whether both events hold the same section object (or both none). */
    boolean same(Event a, Event b) {
        return get.apply(a) == get.apply(b);
    }

    /** Writes {@code "name":{...}} if the event has the section; false if it has not. */
    boolean write(Event e, JsonGenerator g) throws IOException {
        T section = get.apply(e);
        if (section == null) {
            return false;
        }
        g.writeFieldName(name);
        writer.write(section, g);
        return true;
    }

    /** Reads the section's value, the parser on it, into {@code e}. */
    void read(JsonParser p, Event e) throws IOException, MalformedEventException, SectionShapeException {
        set.accept(e, reader.read(object(p, name)));
    }

    boolean scannable() {
        return scanner != null;
    }

    /** Scans the section into {@code e}; a second one in the line is left to the general decoder. */
    void scan(ByteCursor in, Event e) throws Unscannable {
        if (get.apply(e) != null) {
            throw Unscannable.LINE;
        }
        set.accept(e, scanner.scan(in));
    }
}
