package org.jretis.collector.nft;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static org.jretis.collector.nft.NftJson.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.jretis.collector.RecordPart;

/**
 * Reads {@code struct nft_part} (src/main/bpf/nft.h) into the {@code nft} section, as Retis'
 * nft factory does. The offsets below are checked against the compiled object's BTF by
 * NftRecordLayoutTest.
 */
final class NftRecord implements RecordPart {
    static final int NAME_LEN = 128;
    static final int TABLE_NAME_AT = 0;
    static final int CHAIN_NAME_AT = 128;
    static final int VERDICT_CHAIN_NAME_AT = 256;
    static final int TABLE_HANDLE_AT = 384;
    static final int CHAIN_HANDLE_AT = 392;
    static final int RULE_HANDLE_AT = 400;
    static final int VERDICT_AT = 408;
    static final int POLICY_AT = 412;
    static final int PART_SIZE = 416;

    private static final long NO_RULE = -1;
    private static final int NFT_JUMP = -3;
    private static final int NFT_GOTO = -4;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    @Override
    public int size() {
        return PART_SIZE;
    }

    @Override
    public JsonNode decode(MemorySegment record, long at) {
        ObjectNode nft = nodes.objectNode();
        int verdict = record.get(JAVA_INT_UNALIGNED, at + VERDICT_AT);
        nft.put(TABLE_NAME, name(record, at + TABLE_NAME_AT));
        nft.put(CHAIN_NAME, name(record, at + CHAIN_NAME_AT));
        nft.put(VERDICT, Verdicts.name(verdict));
        // The target chain means something for a jump or a goto only.
        if (verdict == NFT_JUMP || verdict == NFT_GOTO) {
            nft.put(VERDICT_CHAIN_NAME, name(record, at + VERDICT_CHAIN_NAME_AT));
        }
        nft.put(TABLE_HANDLE, record.get(JAVA_LONG_UNALIGNED, at + TABLE_HANDLE_AT));
        nft.put(CHAIN_HANDLE, record.get(JAVA_LONG_UNALIGNED, at + CHAIN_HANDLE_AT));
        long rule = record.get(JAVA_LONG_UNALIGNED, at + RULE_HANDLE_AT);
        if (rule != NO_RULE) {
            nft.put(RULE_HANDLE, rule);
        }
        nft.put(POLICY, record.get(JAVA_BYTE, at + POLICY_AT) == 1);
        return nft;
    }

    /** A NUL-terminated name of at most NAME_LEN bytes. */
    private static String name(MemorySegment record, long at) {
        int length = 0;
        while (length < NAME_LEN && record.get(JAVA_BYTE, at + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(record, JAVA_BYTE, at, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
