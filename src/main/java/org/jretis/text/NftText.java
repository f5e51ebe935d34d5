package org.jretis.text;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code nft} section: table, chain, rule handle, verdict. */
final class NftText {

    private NftText() {}

    static void append(JsonNode nft, Lines lines) {
        StringBuilder out = lines.out();
        out.append("table ").append(nft.path("table_name").asText())
                .append(" (").append(nft.path("table_handle").asLong()).append(')')
                .append(" chain ").append(nft.path("chain_name").asText())
                .append(" (").append(nft.path("chain_handle").asLong()).append(')');
        if (nft.hasNonNull("rule_handle")) {
            out.append(" handle ").append(nft.get("rule_handle").asLong());
        }
        out.append(' ').append(nft.path("verdict").asText());
        if (nft.path("policy").asBoolean()) {
            out.append(" (policy)");
        }
        if (nft.hasNonNull("verdict_chain_name")) {
            out.append(" chain ").append(nft.get("verdict_chain_name").asText());
        }
    }
}
