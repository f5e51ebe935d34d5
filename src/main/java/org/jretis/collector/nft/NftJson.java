package org.jretis.collector.nft;

/** The {@code nft} section's JSON names (Retis' nft.rs): one spelling of each. */
final class NftJson {
    static final String TABLE_NAME = "table_name";
    static final String TABLE_HANDLE = "table_handle";
    static final String CHAIN_NAME = "chain_name";
    static final String CHAIN_HANDLE = "chain_handle";
    static final String RULE_HANDLE = "rule_handle";
    static final String VERDICT = "verdict";
    static final String VERDICT_CHAIN_NAME = "verdict_chain_name";
    static final String POLICY = "policy";

    private NftJson() {}
}
