package org.jretis.collector.nft;

import java.io.IOException;
import org.jretis.collect.CollectOptions;
import org.jretis.collector.EventSource;
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
final class NftNetlink implements EventSource {
    private final NftTraceReader reader;
    private final CollectOptions options;
    private NftTraceJoin join;

    private NftNetlink(NftTraceReader reader, CollectOptions options) {
        this.reader = reader;
        this.options = options;
    }

    /**
     * Starts reading traces; with {@code --allow-system-changes}, installs the trace tables.
     *
     * @param netns {@code --netns}'s inode number: the only namespace traced, or null for all
     */
    static NftNetlink start(CollectOptions options, Long netns) throws IOException {
        boolean installTable = options.allowSystemChanges();
        if (!installTable) {
            Log.warn("nft: without --allow-system-changes, only packets marked by your own rules"
                    + " ('meta nftrace set 1') are traced");
        }
        try {
            return new NftNetlink(NftTraceReader.start(installTable ? new NetnsTraceTables() : null, netns), options);
        } catch (NetlinkException e) {
            throw new IOException("nft: cannot read nftables traces: " + e.getMessage(), e);
        }
    }

    /**
     * The sink that joins traces to the events going to {@code sink}, keeping the verdicts of
     * {@code --nft-verdicts}; a trace that joins no event is written only when nothing filters
     * packets (it cannot be known to pass).
     */
    @Override
    public EventSink join(EventSink sink) {
        boolean filtered = options.packetFilter() != null || options.metaFilter() != null || options.netns() != null;
        join = new NftTraceJoin(sink, reader.queue(), new NftRuleset(), Verdicts.mask(options.nftVerdicts()), !filtered);
        return join;
    }

    /** Writes the traces held long enough; returns how many events that wrote. */
    @Override
    public long release() throws IOException {
        return join.release(false);
    }

    /** Stops reading, then writes every trace read; returns how many events that wrote. */
    @Override
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
