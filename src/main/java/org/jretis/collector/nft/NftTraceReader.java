package org.jretis.collector.nft;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jretis.log.Log;
import org.jretis.netlink.NetlinkException;
import org.jretis.netlink.NetlinkSocket;
import org.jretis.netlink.NftTrace;
import org.jretis.process.BoundedMap;

/**
 * Reads the nftables traces of the namespaces traced, one socket and thread per namespace (a
 * netlink socket hears only its own namespace). Without a {@code --netns}, jretis' namespace and
 * every {@code ip netns} namespace are traced, the latter looked for again every
 * {@link #RESCAN_MILLIS} so that namespaces made later are traced too, and those removed are let
 * go (a socket would keep them alive); namespaces without a name
 * (a container's) are not reachable and not traced. Traces go to a queue for
 * {@link NftTraceJoin}, stamped with the time they were read.
 */
final class NftTraceReader implements AutoCloseable {
    /** A trace, the namespace it came from, and when it was read (System.nanoTime: CLOCK_MONOTONIC). */
    record Received(TracedNetns netns, NftTrace trace, long readAt) {}

    static final int RESCAN_MILLIS = 1000;
    private static final int POLL_MILLIS = 100;
    private static final int DATAGRAM = 64 << 10;
    private static final int SOCKET_BUFFER = 8 << 20;
    /** Traces of one packet's pass through a base chain: only the first carries its headers. */
    private static final int HEADERS_KEPT = 4096;

    private final Queue<Received> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final NetnsTraceTables table;
    private final Long onlyNetns;
    /** The namespaces traced now, by inode number. */
    private final Map<Long, Tracing> traced = new HashMap<>();
    /** Those that could not be traced: not tried again. */
    private final Set<Long> refused = new HashSet<>();
    /** Every namespace ever traced, to end their readers at close. */
    private final List<Tracing> all = new ArrayList<>();
    private volatile boolean stopping;
    private Thread scanner;

    /**
     * @param table      installs the trace table in each namespace, or null (only packets marked by
     *                   the user's own rules are traced)
     * @param onlyNetns  the inode number of the only namespace to trace, or null
     */
    private NftTraceReader(NetnsTraceTables table, Long onlyNetns) {
        this.table = table;
        this.onlyNetns = onlyNetns;
    }

    /** Starts reading; fails when no namespace at all can be traced. */
    static NftTraceReader start(NetnsTraceTables table, Long onlyNetns) throws IOException, NetlinkException {
        NftTraceReader reader = new NftTraceReader(table, onlyNetns);
        try {
            TracedNetns own = TracedNetns.own();
            if (onlyNetns == null || onlyNetns == own.inum()) {
                reader.trace(own);
            }
            reader.scan();
            if (reader.traced.isEmpty()) {
                throw new IOException("--netns: nft traces are read from jretis' namespace and those of 'ip netns'"
                        + " (" + TracedNetns.RUN_NETNS + ") only");
            }
        } catch (IOException | NetlinkException | RuntimeException e) {
            reader.close();
            throw e;
        }
        reader.scanner = Thread.ofPlatform().daemon().name("nft-netns-scan").start(reader::rescan);
        return reader;
    }

    Queue<Received> queue() {
        return queue;
    }

    /** Times a socket's buffer overflowed, so that the kernel dropped traces. */
    long overruns() {
        return overruns.get();
    }

    /** Datagrams that could not be parsed. */
    long unreadable() {
        return unreadable.get();
    }

    private void rescan() {
        while (!stopping) {
            try {
                Thread.sleep(RESCAN_MILLIS);
                scan();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | NetlinkException e) {
                Log.warn("nft: " + e.getMessage());
            }
        }
    }

    /** A namespace traced: its socket, and the thread reading it. */
    private static final class Tracing {
        final TracedNetns netns;
        final NetlinkSocket socket;
        Thread reader;
        /** Its name was removed: a socket keeps its namespace alive, so it is closed. */
        volatile boolean gone;

        Tracing(TracedNetns netns, NetlinkSocket socket) {
            this.netns = netns;
            this.socket = socket;
        }
    }

    /**
     * Starts tracing the named namespaces not traced yet, and stops tracing those whose name was
     * removed (a socket would keep a deleted namespace, its devices with it, alive). One that
     * cannot be traced (removed while listed, most often) is skipped with a warning, and not
     * tried again.
     */
    private synchronized void scan() throws IOException, NetlinkException {
        for (Tracing tracing : List.copyOf(traced.values())) {
            if (tracing.netns.file() != null && !sameNamespace(tracing.netns)) {
                tracing.gone = true;
                traced.remove(tracing.netns.inum());
                Log.debug("nft: " + tracing.netns.describe() + " was removed: no longer traced");
            }
        }
        for (TracedNetns netns : TracedNetns.named()) {
            long inum = netns.inum();
            if ((onlyNetns == null || onlyNetns == inum) && !traced.containsKey(inum) && !refused.contains(inum)
                    && !stopping) {
                try {
                    trace(netns);
                } catch (IOException | NetlinkException e) {
                    refused.add(inum);
                    if (onlyNetns != null) {
                        throw e;
                    }
                    if (Files.exists(netns.file())) {
                        Log.warn("nft: cannot trace " + netns.describe() + ": " + e.getMessage());
                    }
                }
            }
        }
    }

    private static boolean sameNamespace(TracedNetns netns) {
        try {
            return TracedNetns.inode(netns.file()) == netns.inum();
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized void trace(TracedNetns netns) throws IOException, NetlinkException {
        Tracing tracing = new Tracing(netns, netns.file() == null
                ? NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, DATAGRAM)
                : NetlinkSocket.openIn(netns.file(), NetlinkSocket.NETLINK_NETFILTER, DATAGRAM));
        all.add(tracing);
        tracing.socket.receiveBuffer(SOCKET_BUFFER);
        tracing.socket.joinGroup(NftTrace.GROUP);
        if (table != null) {
            table.install(netns);
        }
        traced.put(netns.inum(), tracing);
        tracing.reader = Thread.ofPlatform().daemon().name("nft-trace-" + netns.inum()).start(() -> read(tracing));
        Log.debug("nft: reading the traces of " + netns.describe());
    }

    private void read(Tracing tracing) {
        TracedNetns netns = tracing.netns;
        NetlinkSocket socket = tracing.socket;
        byte[] datagram = new byte[DATAGRAM];
        Map<Long, NftTrace> headers = new BoundedMap<>(HEADERS_KEPT);
        while (true) {
            try {
                // Once stopping, what is already in the socket is still read, without waiting.
                boolean last = stopping || tracing.gone;
                int n = socket.receive(datagram, last ? 0 : POLL_MILLIS);
                if (n == 0 && last) {
                    if (!stopping) {
                        socket.close();
                    }
                    return;
                }
                if (n == NetlinkSocket.OVERRUN) {
                    overruns.incrementAndGet();
                    continue;
                }
                long now = System.nanoTime();
                for (NftTrace trace : NftTrace.parse(datagram, n)) {
                    if (trace.networkHeader() != null) {
                        headers.put(trace.id(), trace);
                    } else if (headers.containsKey(trace.id())) {
                        trace = withHeaders(trace, headers.get(trace.id()));
                    }
                    if (!trace.table().equals(NetnsTraceTables.NAME)) {
                        queue.add(new Received(netns, trace, now));
                    }
                }
            } catch (IllegalArgumentException e) {
                unreadable.incrementAndGet();
                Log.debug("nft: unreadable trace datagram: " + e.getMessage());
            } catch (NetlinkException e) {
                if (!stopping) {
                    Log.warn("nft: stopped reading the traces of " + netns.describe() + ": " + e.getMessage());
                }
                return;
            }
        }
    }

    /** {@code trace} with the packet's headers from an earlier trace of the same pass. */
    private static NftTrace withHeaders(NftTrace t, NftTrace first) {
        return new NftTrace(t.family(), t.table(), t.chain(), t.ruleHandle(), t.type(), t.verdictCode(),
                t.verdictChain(), t.policy(), t.id(), t.iif() != null ? t.iif() : first.iif(),
                t.oif() != null ? t.oif() : first.oif(), t.mark(), t.nfproto(), first.linkHeader(),
                first.networkHeader(), first.transportHeader());
    }

    /** Stops the readers and removes the trace tables. Traces already queued stay in the queue. */
    @Override
    public void close() {
        stopping = true;
        if (scanner != null) {
            scanner.interrupt();
            join(scanner);
        }
        synchronized (this) {
            for (Tracing tracing : all) {
                if (tracing.reader != null) {
                    join(tracing.reader);
                }
                tracing.socket.close();
            }
            if (table != null) {
                table.close();
            }
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
