package org.jretis.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON-Schema (draft 2020-12, title "Retis Metadata") of an {@link Event} as written in events
 * files: {@code retis schema} prints it and pcap-ng files embed it. Handwritten in
 * {@code schema.json} beside this class; loaded once.
 */
public final class EventSchema {
    private static final String RESOURCE = "schema.json";

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
                TEXT = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                ObjectMapper json = new ObjectMapper();
                COMPACT = json.writeValueAsBytes(json.readTree(TEXT));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot load the event schema " + RESOURCE, e);
            }
        }
    }
}
