package org.jretis.python;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jretis.event.Event;

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
        add(out, "common", e.common, only -> only.common = e.common);
        add(out, "kernel", e.kernel, only -> only.kernel = e.kernel);
        add(out, "userspace", e.userspace, only -> only.userspace = e.userspace);
        add(out, "tracking", e.tracking, only -> only.tracking = e.tracking);
        add(out, "skb-tracking", e.skbTracking, only -> only.skbTracking = e.skbTracking);
        add(out, "skb-drop", e.skbDrop, only -> only.skbDrop = e.skbDrop);
        add(out, "packet", e.packet, only -> only.packet = e.packet);
        add(out, "skb", e.skb, only -> only.skb = e.skb);
        add(out, "netns", e.netns, only -> only.netns = e.netns);
        add(out, "dev", e.dev, only -> only.dev = e.dev);
        add(out, "startup", e.startup, only -> only.startup = e.startup);
        e.others.forEach((name, node) -> add(out, name, node, only -> only.others.put(name, node)));
        return out;
    }

    private static void add(Map<String, Event> out, String name, Object section, Consumer<Event> set) {
        if (section != null) {
            Event only = new Event();
            set.accept(only);
            out.put(name, only);
        }
    }
}
