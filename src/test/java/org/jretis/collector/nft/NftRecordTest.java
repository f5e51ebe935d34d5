package org.jretis.collector.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record part as probe_nft writes it, read as Retis' nft factory reads its own. */
class NftRecordTest {
    private final Arena arena = Arena.ofAuto();

    private MemorySegment part(String table, String chain, String target, long rule, int verdict, boolean policy) {
        MemorySegment p = arena.allocate(NftRecord.PART_SIZE + 8);
        long at = 8; // parts follow the packet bytes: not at a record's start
        p.asSlice(at + NftRecord.TABLE_NAME_AT).setString(0, table, StandardCharsets.UTF_8);
        p.asSlice(at + NftRecord.CHAIN_NAME_AT).setString(0, chain, StandardCharsets.UTF_8);
        p.asSlice(at + NftRecord.VERDICT_CHAIN_NAME_AT).setString(0, target, StandardCharsets.UTF_8);
        p.set(ValueLayout.JAVA_LONG_UNALIGNED, at + NftRecord.TABLE_HANDLE_AT, 5);
        p.set(ValueLayout.JAVA_LONG_UNALIGNED, at + NftRecord.CHAIN_HANDLE_AT, 1);
        p.set(ValueLayout.JAVA_LONG_UNALIGNED, at + NftRecord.RULE_HANDLE_AT, rule);
        p.set(ValueLayout.JAVA_INT_UNALIGNED, at + NftRecord.VERDICT_AT, verdict);
        p.set(ValueLayout.JAVA_BYTE, at + NftRecord.POLICY_AT, (byte) (policy ? 1 : 0));
        return p;
    }

    @Test
    void ruleVerdict() {
        assertThat(new NftRecord().decode(part("filter", "input", "", 4, 0, false), 8)).hasToString(
                "{\"table_name\":\"filter\",\"chain_name\":\"input\",\"verdict\":\"drop\",\"table_handle\":5,"
                        + "\"chain_handle\":1,\"rule_handle\":4,\"policy\":false}");
    }

    @Test
    void policyHasNoRuleAndAJumpItsTarget() {
        assertThat(new NftRecord().decode(part("filter", "input", "", -1, 1, true), 8).toString())
                .contains("\"verdict\":\"accept\"").doesNotContain("rule_handle").contains("\"policy\":true");
        assertThat(new NftRecord().decode(part("filter", "input", "other", 7, -3, false), 8).toString())
                .contains("\"verdict\":\"jump\",\"verdict_chain_name\":\"other\"");
    }

    @Test
    void verdictMasksAreRetisBits() {
        assertThat(Verdicts.mask(List.of())).isEqualTo(1L << 5 | 1L << 6);
        assertThat(Verdicts.mask(List.of("all"))).isEqualTo((1L << 10) - 1);
        assertThat(Verdicts.mask(List.of("return", "repeat"))).isEqualTo(1L | 1L << 9);
        assertThat(Verdicts.name(-2)).isEqualTo("break");
        assertThat(Verdicts.name(42)).isEqualTo("unknown");
    }
}
