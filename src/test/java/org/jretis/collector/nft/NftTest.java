package org.jretis.collector.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jretis.collect.Collection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class NftTest {

    @Test
    void fromNetlinkRetisProbeGivesWayToWherePacketsEnd() {
        Assumptions.assumeTrue(Nft.UNIT.tracesFromNetlink(), "this kernel has kprobes: nft runs Retis' way");
        assertThat(Nft.UNIT.probes(List.of("tp:net:napi_gro_receive_entry", "kprobe:__nft_trace_packet/stack")))
                .containsExactly("tp:net:napi_gro_receive_entry", "tp:skb:kfree_skb",
                        Collection.DEFAULT_PROBES.get(0), Collection.DEFAULT_PROBES.get(1));
        assertThat(Nft.UNIT.probes(List.of("k:__nft_trace_packet"))).contains("tp:skb:kfree_skb");
        assertThat(Nft.UNIT.probes(List.of("kprobe:__nft_trace_packet_x"))).containsExactly("kprobe:__nft_trace_packet_x");
        assertThat(Nft.UNIT.probes(List.of())).isEmpty();
    }

    @Test
    void withKprobesItsOwnProbeStays() {
        Assumptions.assumeFalse(Nft.UNIT.tracesFromNetlink(), "this kernel has no kprobes");
        assertThat(Nft.UNIT.probes(List.of("kprobe:__nft_trace_packet"))).containsExactly("kprobe:__nft_trace_packet");
        assertThat(Nft.UNIT.joinedTo()).isEmpty();
    }
}
