package org.jretis.event.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.stream.Stream;
import org.jretis.collector.Unit;
import org.jretis.collector.Units;

/**
 * What the reader and the writer share: sections in Retis' serialisation order and the one
 * Jackson mapper, used only for its factory and for sections kept as raw trees.
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

    private EventJson() {}

    /**
     * The mapper, made on first use: a file whose lines the scanner reads (most files in the
     * current layout) needs none, and making one loads some 300 classes.
     */
    static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    private static final class Mapper {
        /**
         * Raw sections keep their numbers as written: exact decimals, big integers as they come. A
         * name twice in an object is refused: which one to keep is a guess, and keeping the last one
         * let a line be read that, written back, is refused (found by fuzzing).
         */
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }
}
