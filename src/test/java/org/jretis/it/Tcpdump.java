package org.jretis.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * tcpdump writing what one interface of a namespace sees to a classic pcap file: the reference
 * the tool's captures are compared with. Started and ready once it says it is listening;
 * {@link #stop()} ends it with SIGINT, which flushes the file.
 */
final class Tcpdump implements AutoCloseable {
    private final Spawned process;
    final Path file;

    private Tcpdump(Spawned process, Path file) {
        this.process = process;
        this.file = file;
    }

    static Tcpdump start(VethPair.Side side, Path dir) {
        Path file = dir.resolve(side.veth() + ".pcap");
        // --immediate-mode: no packet waits in the capture buffer when SIGINT comes;
        // -Z root: write the file as root, into the test's private directory.
        Spawned run = Spawned.command(List.of(Commands.inNamespace(side.ns(),
                "tcpdump", "-n", "-Z", "root", "--immediate-mode", "-U", "-i", side.veth(), "-w", file.toString())));
        Tcpdump dump = new Tcpdump(run, file);
        try {
            run.awaitStderr("listening on", Duration.ofMinutes(1)); // a bound: slow under emulation
        } catch (AssertionError e) {
            dump.close();
            throw e;
        }
        return dump;
    }

    /** Ends the capture; the file is complete afterwards. */
    Path stop() {
        Commands.signal(process.pid(), "INT");
        int status = process.waitFor(Duration.ofMinutes(1));
        if (status != 0) {
            throw new IllegalStateException("tcpdump exited with " + status + ": " + process.stderrText());
        }
        return file;
    }

    @Override
    public void close() {
        process.close();
    }
}
