package org.jretis.collector.nft;

import java.io.IOException;
import org.jretis.collect.CollectException;
import org.jretis.log.Log;

/**
 * Retis' trace table. The kernel calls __nft_trace_packet only while the static key
 * nft_trace_enabled is on, that is while some rule sets {@code meta nftrace}. With
 * {@code --allow-system-changes} a table {@code inet Retis_Table} holds such a rule in a chain
 * no hook runs (so no packet is changed), added with {@code nft -j} before the probes and
 * deleted at the end.
 */
final class NftTraceTable {
    private static final String NFT = "nft";
    private static final String TABLE = "Retis_Table";
    private static final String CHAIN = "Retis_Chain";
    private static final String CREATE = "{\"nftables\":["
            + "{\"add\":{\"table\":{\"family\":\"inet\",\"name\":\"" + TABLE + "\"}}},"
            + "{\"add\":{\"chain\":{\"family\":\"inet\",\"table\":\"" + TABLE + "\",\"name\":\"" + CHAIN + "\"}}},"
            + "{\"insert\":{\"rule\":{\"family\":\"inet\",\"table\":\"" + TABLE + "\",\"chain\":\"" + CHAIN + "\","
            + "\"expr\":[{\"mangle\":{\"key\":{\"meta\":{\"key\":\"nftrace\"}},\"value\":1}}]}}}]}";
    private static final String DELETE =
            "{\"nftables\":[{\"delete\":{\"table\":{\"family\":\"inet\",\"name\":\"" + TABLE + "\"}}}]}";

    private NftTraceTable() {}

    /** Installs the table when allowed (a leftover one replaced); returns what removes it. */
    static Runnable install(boolean allowed) throws CollectException {
        if (!allowed) {
            Log.info("If an nft trace rule wasn't manually added nft events won't be reported:"
                    + " see help for --allow-system-changes");
            return () -> {};
        }
        try {
            run(DELETE); // a table left by an earlier run: its absence is no error
        } catch (IOException e) {
            Log.debug("no " + TABLE + " to remove before the collection: " + e.getMessage());
        }
        try {
            run(CREATE);
        } catch (IOException e) {
            throw new CollectException("Cannot install the nft trace table " + TABLE + ": " + e.getMessage());
        }
        return NftTraceTable::remove;
    }

    private static void remove() {
        try {
            run(DELETE);
        } catch (IOException e) {
            Log.warn("Unable to delete " + TABLE + ": " + e.getMessage() + ". To remove the table, please run: "
                    + NFT + " delete table inet " + TABLE);
        }
    }

    /**
     * Runs {@code nft -j json} in jretis' own namespace: as an argument, not on stdin ({@code -f -}
     * opens /dev/stdin, which a minimal system, such as the kernel matrix's guests, may lack).
     */
    private static void run(String json) throws IOException {
        TracedNetns.own().run("", NFT, "-j", json);
    }
}
