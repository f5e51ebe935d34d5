package org.jretis.event.json;

import com.fasterxml.jackson.core.JsonFactory;
import java.util.List;
import java.util.stream.Stream;
import org.jretis.collector.Unit;
import org.jretis.collector.Units;

/**
 * What the reader and the writer share: sections in Retis' serialisation order, and the
 * writers' generator factory.
 */
final class EventJson {
    /**
     * Retis' section order (events.rs): the core sections but startup, ovs's, the collector
     * units' (in registry order), startup. Sections not listed go after these, in read order.
     */
    static final List<String> SECTION_ORDER = Stream.of(
            CoreSections.ALL.stream().filter(s -> s != StartupJson.CODEC).map(CoreSection::name),
            Stream.of(OvsJson.SECTION, OvsJson.DETRACE_SECTION),
            Units.ALL.stream().map(Unit::section),
            Stream.of(StartupJson.SECTION)).flatMap(s -> s).toList();

    /** The typed section of each name of {@link #SECTION_ORDER}, at the same index; null for the others. */
    static final List<CoreSection<?>> TYPED_IN_ORDER = SECTION_ORDER.stream()
            .<CoreSection<?>>map(name -> CoreSections.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null))
            .toList();

    /**
     * Makes the writers' generators. A plain factory rather than {@link EventMapper}'s: building
     * the mapper loads hundreds of classes (a tenth of a second at start-up), which a collection
     * writing its events file needs only for sections kept as raw trees.
     */
    static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {}
}
