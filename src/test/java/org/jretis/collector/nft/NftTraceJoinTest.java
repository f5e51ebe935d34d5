package org.jretis.collector.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.netlink.NftTrace;
import org.jretis.sink.EventSink;
import org.junit.jupiter.api.Test;

/**
 * Joining the drop trace of NftTraceTest's capture (table t, chain input, rule 2) to ring events
 * made of the same packet: which event it joins, the sections and time it takes from it, the
 * handles, and what happens to a trace that joins nothing.
 */
class NftTraceJoinTest {
    private static final String RULESET = """
            {"nftables": [{"table": {"family": "inet", "name": "t", "handle": 2}},
             {"chain": {"family": "inet", "table": "t", "name": "input", "handle": 1, "hook": "input"}},
             {"chain": {"family": "inet", "table": "t", "name": "output", "handle": 5, "hook": "output"}},
             {"chain": {"family": "inet", "table": "t", "name": "forward", "handle": 6, "hook": "forward"}}]}
            """;
    private static final long NETNS = 4026532530L;
    private static final TracedNetns B = new TracedNetns(NETNS, Path.of("/run/netns/b"), "b");

    private final List<Event> written = new ArrayList<>();
    private final Queue<NftTraceReader.Received> traces = new ConcurrentLinkedQueue<>();

    private NftTraceJoin join(boolean writeUnjoined) {
        EventSink sink = new EventSink() {
            @Override
            public void accept(Event event) {
                written.add(event);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        return new NftTraceJoin(sink, traces, new NftRuleset(netns -> RULESET), Verdicts.mask(List.of("drop", "accept")),
                writeUnjoined);
    }

    private static NftTrace drop() throws IOException {
        try (InputStream in = NftTraceJoinTest.class.getResourceAsStream("/org/jretis/netlink/nft-trace-ping.hex")) {
            byte[] datagram = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .skip(11).findFirst().orElseThrow());
            return NftTrace.parse(datagram, datagram.length).get(0);
        }
    }

    /** A ring event of the trace's packet at {@code timestamp}, tracking id {@code head}. */
    private static Event packetEvent(NftTrace t, String probe, long timestamp, long head, long netns) {
        byte[] frame = new byte[14 + 20 + 20 + 36];
        System.arraycopy(t.linkHeader(), 0, frame, 0, 14);
        System.arraycopy(t.networkHeader(), 0, frame, 14, 20);
        System.arraycopy(t.transportHeader(), 0, frame, 34, 20);
        Event e = new Event();
        e.common = new CommonSection(timestamp, 1, null);
        e.kernel = new KernelSection(probe, "raw_tracepoint", null);
        e.skbTracking = new SkbTrackingSection(head, timestamp, head);
        e.packet = new PacketSection(frame.length, frame.length, frame);
        e.netns = new NetnsSection(null, netns);
        e.dev = new DevSection("b", t.iif(), null);
        return e;
    }

    @Test
    void inputTraceJoinsTheReceiveEventJustAfterIt() throws IOException {
        NftTrace drop = drop();
        NftTraceJoin join = join(true);
        Event received = packetEvent(drop, "net:netif_receive_skb", 1_000_000, 0xabc, NETNS);
        join.accept(received);
        join.accept(packetEvent(drop, "skb:kfree_skb", 1_000_500, 0xabc, NETNS));
        traces.add(new NftTraceReader.Received(B, drop, 2_000_000));
        assertThat(join.release(true)).isEqualTo(1);

        Event nft = written.get(2);
        assertThat(nft.others.get("nft").toString()).isEqualTo("{\"table_name\":\"t\",\"chain_name\":\"input\","
                + "\"verdict\":\"drop\",\"table_handle\":2,\"chain_handle\":1,\"rule_handle\":2,\"policy\":false}");
        assertThat(nft.kernel).isEqualTo(new KernelSection("__nft_trace_packet", "kprobe", null));
        assertThat(nft.common.timestamp()).as("the earliest event, plus 1 ns").isEqualTo(1_000_001);
        assertThat(nft.skbTracking).isSameAs(received.skbTracking);
        assertThat(nft.packet).isSameAs(received.packet);
        assertThat(nft.netns).isSameAs(received.netns);
        assertThat(nft.dev).as("the trace's input device").isSameAs(received.dev);
        assertThat(join.joined()).isEqualTo(1);
        assertThat(join.unjoined()).isZero();
    }

    @Test
    void outputTraceJoinsTheNextEventJustBeforeIt() throws IOException {
        NftTrace d = drop();
        NftTrace out = new NftTrace(d.family(), "t", "output", 7L, NftTrace.RULE, 1, null, null, d.id(), null, 9, null,
                2, null, d.networkHeader(), d.transportHeader());
        NftTraceJoin join = join(true);
        Event sent = packetEvent(d, "net:net_dev_start_xmit", 1_000_000, 0xdef, NETNS);
        join.accept(sent);
        traces.add(new NftTraceReader.Received(B, out, 900_000));
        traces.add(new NftTraceReader.Received(B, out, 900_001));
        join.release(true);

        assertThat(written).hasSize(3);
        assertThat(written.get(1).common.timestamp()).isEqualTo(1_000_000 - 100);
        assertThat(written.get(2).common.timestamp()).as("in the order read").isEqualTo(1_000_000 - 99);
        assertThat(written.get(1).skbTracking).isSameAs(sent.skbTracking);
        assertThat(written.get(1).dev).as("not the trace's output device (9)").isNull();
        assertThat(written.get(1).others.get("nft").path("chain_handle").asLong()).isEqualTo(5);
    }

    @Test
    void traceOfAnotherNamespaceJoinsNothingAndIsCounted() throws IOException {
        NftTrace drop = drop();
        NftTraceJoin join = join(true);
        join.accept(packetEvent(drop, "net:netif_receive_skb", 1_000_000, 0xabc, NETNS + 1));
        traces.add(new NftTraceReader.Received(B, drop, 2_000_000));
        join.release(true);
        assertThat(join.unjoined()).isEqualTo(1);
        Event nft = written.get(1);
        assertThat(nft.skbTracking).isNull();
        assertThat(nft.common.timestamp()).as("read time").isEqualTo(2_000_000);
        assertThat(nft.netns.inum()).isEqualTo(NETNS);

        NftTraceJoin filtered = join(false);
        traces.add(new NftTraceReader.Received(B, drop, 2_000_000));
        assertThat(filtered.release(true)).as("with a filter, not written").isZero();
        assertThat(filtered.unjoined()).isEqualTo(1);
    }

    @Test
    void tracesAreHeldUntilTheRingCaughtUpAndVerdictsFiltered() throws IOException {
        NftTrace drop = drop();
        NftTrace accept = new NftTrace(drop.family(), "t", "input", 3L, NftTrace.RULE, -1, null, null, drop.id(), null,
                null, null, 2, null, drop.networkHeader(), drop.transportHeader()); // continue
        NftTraceJoin join = join(true);
        traces.add(new NftTraceReader.Received(B, drop, System.nanoTime()));
        assertThat(join.release(false)).as("held").isZero();
        traces.add(new NftTraceReader.Received(B, accept, System.nanoTime()));
        assertThat(join.release(true)).as("continue is not among drop,accept").isEqualTo(1);
    }

    @Test
    void forwardTraceGoesBeforeTheSendEventOrElseAfterTheReceiveEvent() throws IOException {
        NftTrace d = drop();
        NftTrace forward = new NftTrace(d.family(), "t", "forward", 8L, NftTrace.RULE, 0, null, null, d.id(), d.iif(),
                99, null, 2, null, d.networkHeader(), d.transportHeader());
        NftTraceJoin join = join(true);
        join.accept(packetEvent(d, "net:netif_receive_skb", 1_000_000, 0x1, NETNS));
        traces.add(new NftTraceReader.Received(B, forward, 2_000_000));
        join.release(true);
        assertThat(written.get(1).common.timestamp()).as("dropped: after its receive event").isEqualTo(1_000_001);

        Event sent = packetEvent(d, "net:net_dev_start_xmit", 1_005_000, 0x1, NETNS);
        sent.dev = new DevSection("out", 99, null);
        join.accept(sent);
        traces.add(new NftTraceReader.Received(B, forward, 2_000_000));
        join.release(true);
        assertThat(written.get(3).common.timestamp()).as("sent: before its send event").isEqualTo(1_005_000 - 100);
        assertThat(written.get(3).dev).as("the trace's output device").isSameAs(sent.dev);
    }
}
