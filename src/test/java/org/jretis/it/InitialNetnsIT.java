package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The initial network namespace prints no {@code ns} token, live and from a file, whatever inode
 * number the kernel gives it (allocated at boot before 6.18, fixed from 6.18 on): a veth pair with
 * one end in the initial namespace and the other in a namespace of the test's own, and a ping
 * from the host to that namespace.
 */
@Tag("matrix")
class InitialNetnsIT {

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
        Traffic.requirePing();
    }

    @Test
    void hostTrafficHasNoNsTokenAndNamespacedTrafficHasOne(@TempDir Path dir) {
        long pid = ProcessHandle.current().pid();
        String ns = "jin" + pid, host = "jih" + pid, peer = "jip" + pid;
        String prefix = "10.249." + (pid % 250) + ".";
        Path file = dir.resolve("events.json");
        try {
            Commands.run("ip", "netns", "add", ns);
            Commands.run("ip", "link", "add", host, "type", "veth", "peer", "name", peer, "netns", ns);
            Commands.run("ip", "addr", "add", prefix + "1/24", "dev", host);
            Commands.run("ip", "link", "set", host, "up");
            Commands.run("ip", "-n", ns, "addr", "add", prefix + "2/24", "dev", peer);
            Commands.run("ip", "-n", ns, "link", "set", peer, "up");
            List<String> live;
            try (Spawned retis = Spawned.retis("-p", "ifdump", "collect", "--print", "-o", file.toString(),
                    "-f", "icmp and host " + prefix + "2", "--cmd", "ping -c 1 -W 2 " + prefix + "2")) {
                assertThat(retis.waitFor(Duration.ofMinutes(5))).as(retis.stderrText()).isZero();
                live = retis.stdoutLines();
            }
            assertLocations(live, host, peer);
            try (Spawned print = Spawned.retis("print", file.toString())) {
                assertThat(print.waitFor(Duration.ofMinutes(2))).as(print.stderrText()).isZero();
                assertLocations(print.stdoutLines(), host, peer);
            }
        } finally {
            Commands.runQuietly("ip", "link", "del", host);
            Commands.runQuietly("ip", "netns", "del", ns);
        }
    }

    /** The location lines: on the host's veth without ns, on the namespaced peer with it. */
    private static void assertLocations(List<String> lines, String host, String peer) {
        List<String> onHost = lines.stream().filter(l -> l.contains("(" + host + ")")).toList();
        List<String> onPeer = lines.stream().filter(l -> l.contains("(" + peer + ")")).toList();
        assertThat(onHost).as("events on %s in %s", host, lines).isNotEmpty().allMatch(l -> l.startsWith("  if "));
        assertThat(onPeer).as("events on %s in %s", peer, lines).isNotEmpty().allMatch(l -> l.startsWith("  ns 0x"));
    }
}
