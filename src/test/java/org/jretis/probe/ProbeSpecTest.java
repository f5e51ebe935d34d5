package org.jretis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeSpecTest {

    @Test
    void typesAndDefaultsAreReadAsRetisReadsThem() throws InvalidProbeException {
        assertThat(ProbeSpec.parse("tp:skb:kfree_skb")).isEqualTo(new ProbeSpec(ProbeType.RAW_TRACEPOINT, "skb:kfree_skb", false));
        assertThat(ProbeSpec.parse("raw_tracepoint:net:netif_rx").type()).isEqualTo(ProbeType.RAW_TRACEPOINT);
        // One colon and no known TYPE: a tracepoint.
        assertThat(ProbeSpec.parse("skb:kfree_skb")).isEqualTo(new ProbeSpec(ProbeType.RAW_TRACEPOINT, "skb:kfree_skb", false));
        // No colon: a kprobe.
        assertThat(ProbeSpec.parse("ip_rcv")).isEqualTo(new ProbeSpec(ProbeType.KPROBE, "ip_rcv", false));
        assertThat(ProbeSpec.parse("k:ip_rcv").type()).isEqualTo(ProbeType.KPROBE);
        assertThat(ProbeSpec.parse("kr:ip_rcv").type()).isEqualTo(ProbeType.KRETPROBE);
        assertThat(ProbeSpec.parse("kretprobe:ip_rcv").type()).isEqualTo(ProbeType.KRETPROBE);
    }

    @Test
    void wildcardsAndTheStackOptionAreKept() throws InvalidProbeException {
        ProbeSpec spec = ProbeSpec.parse("tp:net:*/stack");
        assertThat(spec.target()).isEqualTo("net:*");
        assertThat(spec.stack()).isTrue();
        assertThat(spec.hasWildcard()).isTrue();
        assertThat(spec).hasToString("tp:net:*/stack");
        assertThat(ProbeSpec.parse("tp:*skb*").target()).isEqualTo("*skb*");
        assertThat(ProbeSpec.parse("kprobe:tcp_*").target()).isEqualTo("tcp_*");
    }

    /** Retis' own invalid examples (core/probe/kernel/utils.rs); tp:kfree_* fails at resolution. */
    @ParameterizedTest
    @ValueSource(strings = {"kprobe:skb:kfree_skb", "kprobe:", "tp:", ":x", "foo:bar:baz"})
    void retisInvalidProbesAreRefused(String probe) {
        assertThatThrownBy(() -> ProbeSpec.parse(probe)).isInstanceOf(InvalidProbeException.class);
    }

    @Test
    void anUnknownTypeWithSeveralColonsGetsRetisMessage() {
        assertThatThrownBy(() -> ProbeSpec.parse("foo:bar:baz")).hasMessage("Invalid TYPE foo. See the help.");
    }

    @Test
    void anUnknownTypeWithOneColonIsATracepointName() throws InvalidProbeException {
        // foo:kfree_skb is refused when resolved: no such tracepoint (ProbeResolverTest).
        assertThat(ProbeSpec.parse("foo:kfree_skb")).isEqualTo(new ProbeSpec(ProbeType.RAW_TRACEPOINT, "foo:kfree_skb", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tp:skb:kfree_skb/", "tp:skb:kfree_skb/stack/stack", "tp:skb:kfree_skb/stack/", "tp:skb:kfree_skb/foo"})
    void onlyOneStackOptionIsAccepted(String probe) {
        assertThatThrownBy(() -> ProbeSpec.parse(probe)).isInstanceOf(InvalidProbeException.class);
    }
}
