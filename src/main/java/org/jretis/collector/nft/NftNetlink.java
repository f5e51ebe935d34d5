package org.jretis.collector.nft;

import java.io.IOException;
import java.util.List;
import org.jretis.log.Log;
import org.jretis.netlink.NetlinkException;
import org.jretis.sink.EventSink;

/**
 * The {@code nft} collector where the kernel has no kprobes: nftables traces read from the
 * NFNLGRP_NFTRACE netlink group of each traced namespace ({@link NftTraceReader}), joined to the
 * packet's ring events ({@link NftTraceJoin}). Traces exist only for packets whose
 * {@code nf_trace} is set: with {@code --allow-system-changes} a table setting it on every packet
 * is installed in each traced namespace ({@link NetnsTraceTables}); without, only the packets the
 * user's own rules mark ({@code meta nftrace set 1}) are traced, as with {@code nft monitor trace}.
 */
public final class NftNetlink implements AutoCloseable {
    private final NftTraceReader reader;
    private NftTraceJoin join;

    private NftNetlink(NftTraceReader reader) {
        this.reader = reader;
    }

    /**
     * Starts reading traces.
     *
     * @param installTable {@code --allow-system-changes}
     * @param netns        {@code --netns}'s inode number: the only namespace traced, or null for all
     */
    public static NftNetlink start(boolean installTable, Long netns) throws IOException {
        if (!installTable) {
            Log.warn("nft: without --allow-system-changes, only packets marked by your own rules"
                    + " ('meta nftrace set 1') are traced");
        }
        try {
            return new NftNetlink(NftTraceReader.start(installTable ? new NetnsTraceTables() : null, netns));
        } catch (NetlinkException e) {
            throw new IOException("nft: cannot read nftables traces: " + e.getMessage(), e);
        }
    }

    /**
     * The sink that joins traces to the events going to {@code sink}.
     *
     * @param verdicts {@code --nft-verdicts}
     * @param filtered whether a packet or meta filter is set
     */
    public EventSink join(EventSink sink, List<String> verdicts, boolean filtered) {
        join = new NftTraceJoin(sink, reader.queue(), new NftRuleset(), Verdicts.mask(verdicts), !filtered);
        return join;
    }

    /** Writes the traces held long enough; returns how many events that wrote. */
    public long release() throws IOException {
        return join.release(false);
    }

    /** Stops reading, then writes every trace read; returns how many events that wrote. */
    public long finish() throws IOException {
        reader.close();
        return join.release(true);
    }

    /** Stops reading (if not yet), removes the trace tables, and reports what was not joined or lost. */
    @Override
    public void close() {
        reader.close();
        if (join == null) {
            return;
        }
        Log.info("nft: " + join.joined() + " trace(s) joined to their packet's events");
        if (join.unjoined() > 0) {
            Log.warn("nft: " + join.unjoined() + " trace(s) matched no event of their packet in their namespace"
                    + " (filtered out, or not seen by the probes)");
        }
        if (reader.overruns() > 0) {
            Log.warn("nft: traces lost " + reader.overruns() + " time(s): a netlink socket buffer overflowed");
        }
        if (reader.unreadable() > 0) {
            Log.warn("nft: " + reader.unreadable() + " unreadable trace datagram(s) skipped");
        }
    }
}
