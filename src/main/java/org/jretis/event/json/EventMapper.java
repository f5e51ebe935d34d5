package org.jretis.event.json;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The one Jackson mapper: parsers for the readers and sections kept as raw trees. A class of its
 * own so that it is built on first use, not by everything that touches {@link EventJson}.
 */
final class EventMapper {
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

    private EventMapper() {}
}
