package org.jretis.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jretis.collector.Unit;
import org.jretis.collector.Units;
import org.jretis.event.json.StartupJson;

/**
 * The JSON-Schema (draft 2020-12, title "Retis Metadata") of an {@link Event} as written in events
 * files: {@code retis schema} prints it and pcap-ng files embed it. Handwritten in
 * {@code schema.json} beside this class, with each collector unit's fragment merged in (its
 * section before {@code startup}, its definitions); built once.
 */
public final class EventSchema {
    private static final String RESOURCE = "schema.json";
    private static final String STARTUP = StartupJson.SECTION;

    private EventSchema() {}

    /** The schema as written in the resource: indented, for people. */
    public static String text() {
        return Loaded.TEXT;
    }

    /** The schema as compact UTF-8 JSON, for files; a fresh copy. */
    public static byte[] compactJson() {
        return Loaded.COMPACT.clone();
    }

    /** Lazy holder: nothing is read until the schema is first wanted. */
    private static final class Loaded {
        static final String TEXT;
        static final byte[] COMPACT;

        static {
            try (InputStream in = EventSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Resource " + RESOURCE + " missing beside " + EventSchema.class);
                }
                ObjectMapper json = new ObjectMapper();
                ObjectNode schema = (ObjectNode) json.readTree(in);
                for (Unit unit : Units.ALL) {
                    merge(schema, unit, json);
                }
                TEXT = json.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
                COMPACT = json.writeValueAsBytes(schema);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the event schema " + RESOURCE, e);
            }
        }

        private static void merge(ObjectNode schema, Unit unit, ObjectMapper json) throws IOException {
            try (InputStream in = unit.getClass().getResourceAsStream(unit.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("Resource " + unit.schemaResource() + " missing beside " + unit.getClass());
                }
                JsonNode fragment = json.readTree(in);
                ObjectNode properties = (ObjectNode) schema.get("properties");
                JsonNode startup = properties.remove(STARTUP);
                properties.set(unit.section(), fragment.get("property"));
                properties.set(STARTUP, startup);
                ((ObjectNode) schema.get("$defs")).setAll((ObjectNode) fragment.get("$defs"));
            }
        }
    }
}
