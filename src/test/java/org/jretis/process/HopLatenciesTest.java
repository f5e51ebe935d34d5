package org.jretis.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.junit.jupiter.api.Test;

class HopLatenciesTest {

    @Test
    void eachPairOfConsecutiveHopsGetsItsPercentiles() throws IOException {
        HopLatencies latencies = new HopLatencies();
        for (int i = 1; i <= 100; i++) {
            long t = i * 1_000_000_000L;
            // xmit in blue, then i µs later received in the host namespace, then 1 ms later again.
            latencies.accept(List.of(
                    event(t, "net:net_dev_start_xmit", "veth-a", new NetnsSection(5L, 4026532999L, "blue")),
                    event(t + i * 1_000L, "net:netif_receive_skb", "veth-b", new NetnsSection(1L, NetnsSection.PROC_NET_INIT_INO)),
                    event(t + i * 1_000L + 1_000_000L, "net:net_dev_start_xmit", "eth0", null)));
        }
        latencies.accept(List.of(event(1, "net:netif_receive_skb", "lo", null))); // a lone event: no pair
        StringBuilder out = new StringBuilder();
        latencies.write(out);
        assertThat(out.toString()).isEqualTo("""

                Hop latencies over 100 series:
                  net:net_dev_start_xmit@veth-a[blue] \u2192 net:netif_receive_skb@veth-b
                    n 100  p50 50.000\u00b5s  p90 90.000\u00b5s  p99 99.000\u00b5s  max 100.000\u00b5s
                  net:netif_receive_skb@veth-b \u2192 net:net_dev_start_xmit@eth0
                    n 100  p50 1.000ms  p90 1.000ms  p99 1.000ms  max 1.000ms
                """);
    }

    @Test
    void nothingWithoutPairs() throws IOException {
        HopLatencies latencies = new HopLatencies();
        latencies.accept(new ArrayList<>(List.of(event(1, "net:netif_receive_skb", "lo", null))));
        StringBuilder out = new StringBuilder();
        latencies.write(out);
        assertThat(out).isEmpty();
    }

    private static Event event(long timestamp, String symbol, String dev, NetnsSection netns) {
        Event e = new Event();
        e.common = new CommonSection(timestamp, 0, null);
        e.kernel = new KernelSection(symbol, "raw_tracepoint", null);
        e.dev = new DevSection(dev, 2, null);
        e.netns = netns;
        return e;
    }
}
