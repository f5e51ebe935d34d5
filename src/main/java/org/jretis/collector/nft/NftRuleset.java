package org.jretis.collector.nft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jretis.log.Log;

/**
 * Table and chain handles, and base chains' hooks, of the namespaces traced: a trace names its
 * table and chain, Retis' section also has their handles. Read with {@code nft -j list ruleset}
 * in the namespace, kept, and read again when a trace names something unknown (a ruleset
 * changed since): at most once per namespace and {@link #REREAD_NANOS}.
 */
final class NftRuleset {
    /** A table or chain: its handle, and for a base chain its hook ("input", "output"...). */
    record Entry(long handle, String hook) {}

    private static final long REREAD_NANOS = 200_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lists a namespace's ruleset as JSON. */
    interface Lister {
        String list(TracedNetns netns) throws IOException;
    }

    private final Lister lister;
    private final Map<Long, Map<String, Entry>> byNetns = new HashMap<>();
    private final Map<Long, Long> readAt = new HashMap<>();

    NftRuleset() {
        this(netns -> netns.run("", "nft", "-j", "list", "ruleset"));
    }

    NftRuleset(Lister lister) {
        this.lister = lister;
    }

    /** The table {@code family table}, or null if unknown. */
    Entry table(TracedNetns netns, String family, String table) {
        return find(netns, key(family, table, null));
    }

    /** The chain {@code family table chain}, or null if unknown. */
    Entry chain(TracedNetns netns, String family, String table, String chain) {
        return find(netns, key(family, table, chain));
    }

    private Entry find(TracedNetns netns, String key) {
        Entry entry = byNetns.getOrDefault(netns.inum(), Map.of()).get(key);
        Long last = readAt.get(netns.inum());
        if (entry == null && (last == null || System.nanoTime() - last > REREAD_NANOS)) {
            read(netns);
            entry = byNetns.get(netns.inum()).get(key);
        }
        return entry;
    }

    private void read(TracedNetns netns) {
        readAt.put(netns.inum(), System.nanoTime());
        Map<String, Entry> entries = new HashMap<>();
        try {
            entries = parse(JSON.readTree(lister.list(netns)));
        } catch (IOException e) {
            Log.warn("nft: cannot read the ruleset of " + netns.describe() + ": " + e.getMessage());
        }
        byNetns.put(netns.inum(), entries);
    }

    /** The tables and chains of {@code nft -j list ruleset}'s output. */
    static Map<String, Entry> parse(JsonNode ruleset) {
        Map<String, Entry> entries = new HashMap<>();
        for (JsonNode item : ruleset.path("nftables")) {
            JsonNode table = item.get("table");
            if (table != null) {
                entries.put(key(table.path("family").asText(), table.path("name").asText(), null),
                        new Entry(table.path("handle").asLong(), null));
            }
            JsonNode chain = item.get("chain");
            if (chain != null) {
                entries.put(key(chain.path("family").asText(), chain.path("table").asText(), chain.path("name").asText()),
                        new Entry(chain.path("handle").asLong(), chain.hasNonNull("hook") ? chain.get("hook").asText() : null));
            }
        }
        return entries;
    }

    private static String key(String family, String table, String chain) {
        return chain == null ? family + '\0' + table : family + '\0' + table + '\0' + chain;
    }
}
