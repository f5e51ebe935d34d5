package org.jretis.collector.nft;

import static org.jretis.collector.nft.NftJson.*;

import com.fasterxml.jackson.databind.JsonNode;
import org.jretis.collector.TextOut;

/** The {@code nft} section's text, as Retis prints it: table, chain, rule handle, verdict. */
final class NftText {

    private NftText() {}

    static void append(JsonNode nft, TextOut lines) {
        StringBuilder out = lines.out();
        out.append("table ").append(nft.path(TABLE_NAME).asText())
                .append(" (").append(nft.path(TABLE_HANDLE).asLong()).append(')')
                .append(" chain ").append(nft.path(CHAIN_NAME).asText())
                .append(" (").append(nft.path(CHAIN_HANDLE).asLong()).append(')');
        if (nft.hasNonNull(RULE_HANDLE)) {
            out.append(" handle ").append(nft.get(RULE_HANDLE).asLong());
        }
        out.append(' ').append(nft.path(VERDICT).asText());
        if (nft.path(POLICY).asBoolean()) {
            out.append(" (policy)");
        }
        if (nft.hasNonNull(VERDICT_CHAIN_NAME)) {
            out.append(" chain ").append(nft.get(VERDICT_CHAIN_NAME).asText());
        }
    }
}
