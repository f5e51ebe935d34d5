package org.jretis.collector.nft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Handles and hooks from {@code nft -j list ruleset} (nftables 1.0.6's output). */
class NftRulesetTest {

    @Test
    void tablesAndChainsWithTheirHandlesAndHooks() throws Exception {
        String json = """
                {"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}},
                 {"table": {"family": "inet", "name": "t", "handle": 2}},
                 {"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "type": "filter",
                            "hook": "input", "prio": 0, "policy": "accept"}},
                 {"chain": {"family": "inet", "table": "t", "name": "sub", "handle": 3}},
                 {"rule": {"family": "inet", "table": "t", "chain": "input", "handle": 2, "expr": []}}]}
                """;
        Map<String, NftRuleset.Entry> entries = NftRuleset.parse(new ObjectMapper().readTree(json));
        assertThat(entries).containsEntry("inet\0t", new NftRuleset.Entry(2, null))
                .containsEntry("inet\0t\0input", new NftRuleset.Entry(1, "input"))
                .containsEntry("inet\0t\0sub", new NftRuleset.Entry(3, null))
                .hasSize(3);
    }
}
