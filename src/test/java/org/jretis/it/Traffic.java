package org.jretis.it;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The traffic of the kernel tests, from side A to side B of a {@link VethPair}: an IPv4 and an
 * IPv6 ping, one UDP datagram and one TCP connection; and which frames belong to it.
 */
final class Traffic {
    static final int PORT = 4711;

    private Traffic() {}

    /** Sends everything and returns once every exchange has ended. */
    static void generate(VethPair net) {
        requirePing();
        Commands.run(Commands.inNamespace(net.a.ns(), "ping", "-c", "1", "-W", "2", net.b.ipv4()));
        Commands.run(Commands.inNamespace(net.a.ns(), "ping", "-6", "-c", "1", "-W", "2", net.b.ipv6()));
        try (Spawned server = Spawned.command(List.of(Peer.command(net.b.ns(), "serve", net.b.ipv4(),
                Integer.toString(PORT))))) {
            server.awaitStdout("ready", Duration.ofSeconds(20));
            Commands.run(Peer.command(net.a.ns(), "send", net.b.ipv4(), Integer.toString(PORT)));
            if (server.waitFor(Duration.ofSeconds(20)) != 0) {
                throw new IllegalStateException("UDP/TCP server failed: " + server.stderrText());
            }
        }
    }

    /**
     * A frame we sent: IP between our two addresses, leaving out IPv6 neighbour discovery (and
     * anything else the kernel sends on its own) so that only our exchanges are compared.
     */
    static boolean isOurs(Frame frame, VethPair net) {
        Set<String> ours = Set.of(Frame.canonical(net.a.ipv4()), Frame.canonical(net.b.ipv4()),
                Frame.canonical(net.a.ipv6()), Frame.canonical(net.b.ipv6()));
        if (frame.src() == null || !ours.contains(frame.src()) || !ours.contains(frame.dst())) {
            return false;
        }
        return frame.protocol() != 58 || frame.icmpType() == 128 || frame.icmpType() == 129;
    }

    /** ping comes from iputils-ping, which ./run-tests installs; install it here if it did not run. */
    static void requirePing() {
        if (Commands.runQuietly("sh", "-c", "command -v ping").status() != 0) {
            Commands.run("sh", "-c", "apt-get install -y -q iputils-ping || (apt-get update -q && apt-get install -y -q iputils-ping)");
        }
    }
}
