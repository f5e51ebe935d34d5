package org.jretis.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NFT_MSG_TRACE datagrams captured from this kernel (6.18) with a python netlink socket in a
 * namespace B: two pings from A, the first accepted by table t's input policy, the second dropped
 * by its rule (handle 2), with {@code inet jretis_nftrace} setting nftrace on prerouting/output.
 */
class NftTraceTest {

    private static List<byte[]> datagrams() throws IOException {
        try (InputStream in = NftTraceTest.class.getResourceAsStream("nft-trace-ping.hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(HexFormat.of()::parseHex).toList();
        }
    }

    private static NftTrace only(byte[] datagram) {
        List<NftTrace> traces = NftTrace.parse(datagram, datagram.length);
        assertThat(traces).hasSize(1);
        return traces.get(0);
    }

    @Test
    void ruleThatDropsCarriesItsHandleVerdictAndHeaders() throws IOException {
        NftTrace drop = only(datagrams().get(11));
        assertThat(drop.family()).as("inet").isEqualTo(1);
        assertThat(drop.table()).isEqualTo("t");
        assertThat(drop.chain()).isEqualTo("input");
        assertThat(drop.type()).isEqualTo(NftTrace.RULE);
        assertThat(drop.ruleHandle()).isEqualTo(2L);
        assertThat(drop.verdictCode()).as("NF_DROP").isZero();
        assertThat(drop.nfproto()).as("NFPROTO_IPV4").isEqualTo(2);
        assertThat(drop.iif()).isNotNull();
        assertThat(drop.oif()).isNull();
        assertThat(drop.networkHeader()).hasSize(20).startsWith((byte) 0x45);
        assertThat(drop.networkHeader()[9]).as("ICMP").isEqualTo((byte) 1);
        assertThat(drop.transportHeader()).hasSize(20).startsWith((byte) 8, (byte) 0); // echo request
        assertThat(drop.linkHeader()).hasSize(14);
    }

    @Test
    void policyTraceHasThePolicyAndNoHeadersOrRule() throws IOException {
        NftTrace policy = only(datagrams().get(4));
        assertThat(policy.chain()).isEqualTo("input");
        assertThat(policy.type()).isEqualTo(NftTrace.POLICY);
        assertThat(policy.policy()).as("NF_ACCEPT").isEqualTo(1);
        assertThat(policy.verdictCode()).isNull();
        assertThat(policy.ruleHandle()).isNull();
        assertThat(policy.networkHeader()).as("only a pass' first trace has the headers").isNull();
        assertThat(policy.id()).as("one id for the packet's pass").isEqualTo(only(datagrams().get(3)).id());
    }

    @Test
    void ruleThatContinuesHasVerdictContinue() throws IOException {
        NftTrace mark = only(datagrams().get(0));
        assertThat(mark.table()).isEqualTo("jretis_nftrace");
        assertThat(mark.chain()).isEqualTo("pre");
        assertThat(mark.ruleHandle()).isEqualTo(3L);
        assertThat(mark.verdictCode()).as("NFT_CONTINUE").isEqualTo(-1);
        assertThat(mark.verdictChain()).isNull();
    }

    @Test
    void truncatedMessageIsRefusedWithItsOffset() throws IOException {
        byte[] drop = datagrams().get(11);
        assertThatThrownBy(() -> NftTrace.parse(drop, drop.length - 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset 0");
    }

    @Test
    void otherMessagesAreSkipped() {
        byte[] done = HexFormat.of().parseHex("1400000003000000000000000000000000000000"); // NLMSG_DONE
        assertThat(NftTrace.parse(done, done.length)).isEmpty();
    }
}
