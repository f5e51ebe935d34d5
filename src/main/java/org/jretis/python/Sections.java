package org.jretis.python;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jretis.event.Event;
import org.jretis.event.json.CoreSection;
import org.jretis.event.json.CoreSections;

/**
 * An event's sections, each as an event holding only that section: formatting one gives the
 * section's own text (what Python's {@code str(event.<section>)} shows), with the formatter that
 * prints whole events.
 */
final class Sections {

    private Sections() {}

    /** One single-section event per section present, keyed by the section's JSON name. */
    static Map<String, Event> split(Event e) {
        Map<String, Event> out = new LinkedHashMap<>();
        for (CoreSection<?> section : CoreSections.ALL) {
            if (section.isIn(e)) {
                Event only = new Event();
                section.copy(e, only);
                out.put(section.name(), only);
            }
        }
        e.others.forEach((name, node) -> {
            Event only = new Event();
            only.others.put(name, node);
            out.put(name, only);
        });
        return out;
    }
}
