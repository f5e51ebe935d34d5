package org.jretis.collector.nft;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.log.Log;
import org.jretis.netlink.NftTrace;
import org.jretis.process.BoundedMap;
import org.jretis.sink.EventSink;

/**
 * Joins nftables traces read from netlink to the packet's events from the ring, and hands both
 * to the sinks. A trace carries no skb address or time, so it is matched by content: the
 * {@link PacketSignature} of its headers against the ring events of the same namespace seen
 * within {@link #WINDOW_NANOS}. Traces are held {@link #HOLD_NANOS}, as the ring is read later
 * than netlink. The event made has the {@code nft} section, the kernel section of Retis' probe
 * ({@code kprobe __nft_trace_packet}), and the packet's tracking id, packet, namespace and (when it
 * is the trace's) device from the ring event it joined: on a hook a packet crosses after being
 * received (ingress, prerouting, input), the earliest such event, with its time plus one
 * nanosecond per trace; on the others (forward, output, postrouting, egress), the latest event
 * not on the trace's input device, with its time minus 100 ns plus one nanosecond per trace, so
 * that {@code sort} puts it before; when there is none (a forwarded packet dropped), the earliest,
 * as on the receive side.
 * A trace that joins nothing is counted; it is still written, with its namespace and read time,
 * unless a packet or meta filter is set (it cannot be known to pass).
 */
public final class NftTraceJoin implements EventSink {
    /** Longer than the ring's lag in a flood (a quarter second fills it). */
    static final long HOLD_NANOS = 500_000_000L;
    static final long WINDOW_NANOS = 2_000_000_000L;
    private static final int INDEXED_MAX = 100_000;
    /** Packet passes (trace ids) whose hook is kept per namespace. */
    private static final int PASSES_KEPT = 4096;
    /** How far before the event it joins a send-side trace goes: less than a forward takes. */
    private static final long BEFORE_NANOS = 100;
    private static final KernelSection KERNEL = new KernelSection("__nft_trace_packet", "kprobe", null);
    private static final Set<String> AFTER_RECEIVE = Set.of("ingress", "prerouting", "input");
    private static final Map<Integer, String> FAMILIES = Map.of(1, "inet", 2, "ip", 3, "arp", 5, "netdev",
            7, "bridge", 10, "ip6");

    /** A ring event that can be joined, and how many traces were put after and before it. */
    private static final class Indexed {
        final Event event;
        final Key key;
        int after;
        int before;

        Indexed(Event event, Key key) {
            this.event = event;
            this.key = key;
        }
    }

    private record Key(long netns, ByteBuffer signature) {}

    private final EventSink sink;
    private final Queue<NftTraceReader.Received> traces;
    private final NftRuleset ruleset;
    /** The {@code --nft-verdicts} mask ({@link Verdicts#mask}). */
    private final long verdicts;
    private final boolean writeUnjoined;
    private final ArrayDeque<NftTraceReader.Received> held = new ArrayDeque<>();
    private final ArrayDeque<Indexed> recent = new ArrayDeque<>();
    private final Map<Key, ArrayDeque<Indexed>> index = new HashMap<>();
    /** The hook of each packet pass (trace id) by namespace: a regular chain's traces have none. */
    private final Map<Long, Map<Long, String>> hooks = new HashMap<>();
    private long joined;
    private long unjoined;

    /**
     * @param writeUnjoined write traces that join no event (no packet or meta filter is set)
     */
    NftTraceJoin(EventSink sink, Queue<NftTraceReader.Received> traces, NftRuleset ruleset, long verdicts,
                 boolean writeUnjoined) {
        this.sink = sink;
        this.traces = traces;
        this.ruleset = ruleset;
        this.verdicts = verdicts;
        this.writeUnjoined = writeUnjoined;
    }

    @Override
    public void accept(Event event) throws IOException {
        sink.accept(event);
        remember(event);
    }

    /**
     * Writes the traces held long enough (all of them when {@code all}, at the end); returns how
     * many events that wrote.
     */
    public long release(boolean all) throws IOException {
        for (NftTraceReader.Received r; (r = traces.poll()) != null; ) {
            held.add(r);
        }
        long now = System.nanoTime();
        long written = 0;
        while (!held.isEmpty() && (all || now - held.peek().readAt() >= HOLD_NANOS)) {
            written += write(held.poll());
        }
        if (written > 0) {
            sink.flush();
        }
        return written;
    }

    long joined() {
        return joined;
    }

    long unjoined() {
        return unjoined;
    }

    private void remember(Event event) {
        if (event.packet == null || event.netns == null || event.common == null) {
            return;
        }
        byte[] data = event.packet.data();
        int at = PacketSignature.networkOffset(data, data.length);
        ByteBuffer signature = at < 0 ? null : PacketSignature.of(data, at, data.length - at);
        if (signature == null) {
            return;
        }
        Indexed indexed = new Indexed(event, new Key(event.netns.inum(), signature));
        index.computeIfAbsent(indexed.key, k -> new ArrayDeque<>()).add(indexed);
        recent.add(indexed);
        long newest = event.common.timestamp();
        while (recent.size() > INDEXED_MAX || newest - recent.peek().event.common.timestamp() > WINDOW_NANOS) {
            Indexed old = recent.poll();
            ArrayDeque<Indexed> same = index.get(old.key);
            same.remove(old);
            if (same.isEmpty()) {
                index.remove(old.key);
            }
        }
    }

    private int write(NftTraceReader.Received received) throws IOException {
        NftTrace trace = received.trace();
        TracedNetns netns = received.netns();
        String family = FAMILIES.getOrDefault(trace.family(), "unknown");
        NftRuleset.Entry chain = ruleset.chain(netns, family, trace.table(), trace.chain());
        Map<Long, String> passes = hooks.computeIfAbsent(netns.inum(), k -> new BoundedMap<>(PASSES_KEPT));
        String hook = chain != null && chain.hook() != null ? chain.hook() : passes.get(trace.id());
        if (hook != null) {
            passes.put(trace.id(), hook);
        }
        boolean policy = trace.type() == NftTrace.POLICY;
        Integer code = policy ? trace.policy() : trace.verdictCode();
        String verdict = code == null ? "unknown" : Verdicts.name(code);
        if (!Verdicts.selects(verdicts, verdict)) {
            return 0;
        }
        NftRuleset.Entry table = ruleset.table(netns, family, trace.table());
        ObjectNode nft = JsonNodeFactory.instance.objectNode();
        nft.put(NftJson.TABLE_NAME, trace.table());
        nft.put(NftJson.CHAIN_NAME, trace.chain());
        nft.put(NftJson.VERDICT, verdict);
        if (trace.verdictChain() != null) {
            nft.put(NftJson.VERDICT_CHAIN_NAME, trace.verdictChain());
        }
        nft.put(NftJson.TABLE_HANDLE, table == null ? -1 : table.handle());
        nft.put(NftJson.CHAIN_HANDLE, chain == null ? -1 : chain.handle());
        if (trace.ruleHandle() != null) {
            nft.put(NftJson.RULE_HANDLE, trace.ruleHandle());
        }
        nft.put(NftJson.POLICY, policy);

        Anchor anchor = anchor(received, hook == null || AFTER_RECEIVE.contains(hook));
        Event event = new Event();
        event.kernel = KERNEL;
        event.others.put(Nft.UNIT.section(), nft);
        if (anchor == null) {
            unjoined++;
            if (Log.debugEnabled()) {
                Log.debug("nft: " + family + " " + trace.table() + " " + trace.chain() + " " + verdict + " in " + netns.describe()
                        + " joins no event; headers " + (trace.networkHeader() == null ? "none"
                        : HexFormat.of().formatHex(trace.networkHeader()) + " " + HexFormat.of().formatHex(trace.transportHeader())));
            }
            if (!writeUnjoined) {
                return 0;
            }
            event.common = new CommonSection(received.readAt(), null, null);
            event.netns = new NetnsSection(null, netns.inum());
        } else {
            joined++;
            Indexed joinedTo = anchor.joined();
            Event packet = joinedTo.event;
            long at = anchor.after() ? packet.common.timestamp() + ++joinedTo.after
                    : packet.common.timestamp() - BEFORE_NANOS + joinedTo.before++;
            event.common = new CommonSection(at, packet.common.smpId(), packet.common.task());
            event.skbTracking = packet.skbTracking;
            event.packet = packet.packet;
            event.netns = packet.netns;
            event.dev = device(packet.dev, anchor.after() ? trace.iif() : trace.oif());
        }
        sink.accept(event);
        return 1;
    }

    /** The ring event a trace joins, and whether the trace comes after it. */
    private record Anchor(Indexed joined, boolean after) {}

    /** The ring event the trace joins (see the class comment), or null. */
    private Anchor anchor(NftTraceReader.Received received, boolean receiveSide) {
        NftTrace trace = received.trace();
        ByteBuffer signature = PacketSignature.of(trace.networkHeader(), trace.transportHeader());
        ArrayDeque<Indexed> same = signature == null ? null : index.get(new Key(received.netns().inum(), signature));
        if (same == null) {
            return null;
        }
        long from = received.readAt() - WINDOW_NANOS;
        Indexed earliest = null;
        Indexed next = null;
        for (Indexed candidate : same) {
            long t = candidate.event.common.timestamp();
            if (t < from) {
                continue;
            }
            if (earliest == null && t <= received.readAt()) {
                earliest = candidate;
            }
            DevSection dev = candidate.event.dev;
            if (dev == null || trace.iif() == null || dev.ifindex() != trace.iif()) {
                next = candidate; // the latest not on the input device: not where the packet came in
            }
        }
        if (!receiveSide && next != null) {
            return new Anchor(next, false);
        }
        return earliest == null ? null : new Anchor(earliest, true);
    }

    private static DevSection device(DevSection dev, Integer ifindex) {
        return dev != null && ifindex != null && dev.ifindex() == ifindex ? dev : null;
    }

    @Override
    public void flush() throws IOException {
        sink.flush();
    }

    @Override
    public void close() throws IOException {
        sink.close();
    }
}
