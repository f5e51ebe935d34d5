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
 * What the reader and the writer share: section names in Retis' serialisation order and the one
 * Jackson mapper, used only for its factory and for sections kept as raw trees.
 */
final class EventJson {
    static final String COMMON = "common";
    static final String KERNEL = "kernel";
    static final String USERSPACE = "userspace";
    static final String TRACKING = "tracking";
    static final String SKB_TRACKING = "skb-tracking";
    static final String SKB_DROP = "skb-drop";
    static final String PACKET = "packet";
    static final String SKB = "skb";
    static final String NETNS = "netns";
    static final String DEV = "dev";
    static final String STARTUP = "startup";

    /**
     * Retis' section order (events.rs): the core sections, ovs's, the collector units' (in
     * registry order), startup. Sections not listed go after these, in read order.
     */
    static final List<String> SECTION_ORDER = Stream.of(
            Stream.of(COMMON, KERNEL, USERSPACE, TRACKING, SKB_TRACKING, SKB_DROP, PACKET, SKB, NETNS, DEV,
                    "ovs", "ovs-detrace"),
            Units.ALL.stream().map(Unit::section),
            Stream.of(STARTUP)).flatMap(s -> s).toList();

    /**
     * Raw sections keep their numbers as written: exact decimals, big integers as they come. A
     * name twice in an object is refused: which one to keep is a guess, and keeping the last one
     * let a line be read that, written back, is refused (found by fuzzing).
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {}
}
