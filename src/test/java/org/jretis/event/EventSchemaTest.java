package org.jretis.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSchemaTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void describesEverySectionInSerializationOrder() throws IOException {
        JsonNode schema = json.readTree(EventSchema.text());
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.path("title").asText()).isEqualTo("Retis Metadata");
        List<String> sections = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(sections::add);
        assertThat(sections).containsExactly("common", "kernel", "userspace", "tracking", "skb-tracking", "skb-drop",
                "packet", "skb", "netns", "dev", "ovs", "ovs-detrace", "nft", "ct", "startup");
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode schema = json.readTree(EventSchema.text());
        List<String> refs = new ArrayList<>();
        collectRefs(schema, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/$defs/");
            assertThat(schema.path("$defs").has(ref.substring("#/$defs/".length()))).as(ref).isTrue();
        });
    }

    @Test
    void compactFormIsTheSameTreeWithoutWhitespace() throws IOException {
        byte[] compact = EventSchema.compactJson();
        String text = new String(compact, StandardCharsets.UTF_8);
        assertThat(json.readTree(compact)).isEqualTo(json.readTree(EventSchema.text()));
        assertThat(text).doesNotContain("\n").doesNotContain("\": ").startsWith("{\"$schema\":");
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
