package org.jretis.collector.nft;

import static org.jretis.collector.ObjectBtf.assertLayout;
import static org.jretis.collector.nft.NftRecord.*;

import java.util.Map;
import org.jretis.collector.ObjectBtf;
import org.junit.jupiter.api.Test;

/** NftRecord reads struct nft_part (nft.h) as the compiled probe lays it out. */
class NftRecordLayoutTest {

    @Test
    void offsetsAreThoseOfTheCompiledStruct() throws Exception {
        assertLayout(ObjectBtf.of("probe.bpf.o"), "nft_part", PART_SIZE, Map.of("table_name", TABLE_NAME_AT,
                "chain_name", CHAIN_NAME_AT, "verdict_chain_name", VERDICT_CHAIN_NAME_AT,
                "table_handle", TABLE_HANDLE_AT, "chain_handle", CHAIN_HANDLE_AT, "rule_handle", RULE_HANDLE_AT,
                "verdict", VERDICT_AT, "policy", POLICY_AT));
    }
}
