package org.jretis.collector.nft;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jretis.log.Log;

/**
 * With {@code --allow-system-changes}, where traces come from netlink: the table that makes the
 * kernel trace every packet of a namespace. The kernel sends traces only for packets whose
 * {@code nf_trace} is set, so its two base chains set it first thing, at the lowest priority,
 * on prerouting (received and forwarded packets) and output (local ones). Its own traces are not
 * reported. Removed at the end; a removal that fails says what to run.
 */
final class NetnsTraceTables implements AutoCloseable {
    static final String NAME = "jretis_nftrace";
    private static final String RULESET = """
            table inet %1$s {
              chain prerouting { type filter hook prerouting priority -2147483648; meta nftrace set 1; }
              chain output { type filter hook output priority -2147483648; meta nftrace set 1; }
            }
            """.formatted(NAME);

    private final List<TracedNetns> installed = new ArrayList<>();

    /** Installs the table in {@code netns}, replacing one a previous run left. */
    synchronized void install(TracedNetns netns) throws IOException {
        remove(netns, false);
        netns.run(RULESET, "nft", "-f", "-");
        installed.add(netns);
        Log.debug("nft: table inet " + NAME + " installed in " + netns.describe());
    }

    @Override
    public synchronized void close() {
        for (TracedNetns netns : installed) {
            remove(netns, true);
        }
        installed.clear();
    }

    private static void remove(TracedNetns netns, boolean report) {
        try {
            netns.run("", "nft", "delete", "table", "inet", NAME);
        } catch (IOException e) {
            if (report && (netns.file() == null || Files.exists(netns.file()))) {
                Log.warn("Unable to delete table inet " + NAME + " (" + e.getMessage() + "). To remove it, run: "
                        + String.join(" ", netns.command("nft", "delete", "table", "inet", NAME)));
            }
        }
    }
}
