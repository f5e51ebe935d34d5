package org.jretis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes, profiles and drop monitoring on the running kernel: the tool is run as users run it,
 * while traffic goes between two namespaces of the test's own.
 */
class ProbesIT {
    private static final Pattern PROBE = Pattern.compile("\\[tp\\] (\\S+)");
    private static final Pattern TRACKING_ID = Pattern.compile(" #([0-9a-f]+) \\(skb ");

    @TempDir
    Path dir;

    @BeforeAll
    static void asRoot() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "kernel tests run as root");
    }

    private static String probe(String event) {
        Matcher m = PROBE.matcher(event);
        return m.find() ? m.group(1) : "";
    }

    private static Optional<String> trackingId(String event) {
        Matcher m = TRACKING_ID.matcher(event.lines().findFirst().orElse(""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Test
    void dropmonShowsTheDropWithTheKernelsReasonOnTheReceivingDeviceWithAStack() throws Exception {
        try (VethNamespaces ns = VethNamespaces.create();
             LiveRetis retis = LiveRetis.start(dir, "-p", "dropmon", "collect")) {
            assertThat(retis.awaitAttached()).as(retis.stderr()).isTrue();
            for (int i = 0; i < 3; i++) {
                ns.udpToClosedPort(9999);
            }
            Thread.sleep(500);
            retis.stop();

            assertThat(retis.stderr().lines()).containsSubsequence("Applying profile dropmon", "1 probe(s) loaded");
            List<String> drops = retis.events().stream()
                    .filter(e -> e.contains(ns.receiverIp + ".9999 ")).toList();
            assertThat(drops).hasSize(3);
            String drop = drops.get(0);
            List<String> lines = drop.lines().toList();
            assertThat(lines.get(0)).contains("[tp] skb:kfree_skb drop (reason NO_SOCKET)");
            // The stack, at indent 4, starts in the kernel and shows UDP's receive path.
            List<String> stack = lines.stream().filter(l -> l.startsWith("    ")).map(String::strip).toList();
            assertThat(stack).isNotEmpty().anyMatch(f -> f.startsWith("__udp4_lib_rcv+0x"));
            assertThat(stack.get(0)).doesNotStartWith("bpf_prog_");
            assertThat(lines.get(lines.size() - 1)).contains(" (" + ns.receiverIf + ") ")
                    .contains(ns.senderIp + ".").contains("proto UDP (17)");
        }
    }

    @Test
    void everyNetTracepointCarryingAnSkbIsAttachedAndSeesAPing() throws Exception {
        try (VethNamespaces ns = VethNamespaces.create();
             LiveRetis retis = LiveRetis.start(dir, "collect", "--allow-system-changes", "-p", "tp:net:*")) {
            assertThat(retis.awaitAttached()).as(retis.stderr()).isTrue();
            ns.ping();
            Thread.sleep(500);
            retis.stop();

            Matcher loaded = Pattern.compile("(\\d+) probe\\(s\\) loaded").matcher(retis.stderr());
            assertThat(loaded.find()).isTrue();
            assertThat(Integer.parseInt(loaded.group(1))).isGreaterThanOrEqualTo(10);
            Set<String> seen = retis.events().stream()
                    .filter(e -> e.contains(ns.senderIp + " > " + ns.receiverIp) && e.contains("type 8 code 0"))
                    .map(ProbesIT::probe).collect(Collectors.toSet());
            assertThat(seen).contains("net:net_dev_queue", "net:net_dev_start_xmit", "net:net_dev_xmit",
                    "net:netif_rx", "net:netif_receive_skb");
        }
    }

    @Test
    @Tag("matrix")
    void oneTrackingIdFollowsADatagramFromItsTransmitThroughItsReceiveToItsDrop() throws Exception {
        // The probes come from a profile in a directory of the test's own (-P).
        Files.writeString(dir.resolve("follow.yaml"), """
                version: 1.0
                name: follow-datagram
                about: From the wire to the drop
                collect:
                  - args:
                      probe: [tp:net:net_dev_start_xmit, tp:net:netif_receive_skb, tp:skb:kfree_skb]
                """);
        // Named collectors: auto adds nft's own probe where nf_tables is loaded.
        try (VethNamespaces ns = VethNamespaces.create();
             LiveRetis retis = LiveRetis.start(dir, "-P", dir.toString(), "-p", "follow-datagram", "collect",
                     "-c", "skb-tracking,skb-drop,skb,dev,ns")) {
            assertThat(retis.awaitAttached()).as(retis.stderr()).isTrue();
            ns.udpToClosedPort(9998);
            Thread.sleep(500);
            retis.stop();

            assertThat(retis.stderr().lines()).containsSubsequence("Applying profile follow-datagram", "3 probe(s) loaded");
            List<String> datagram = retis.events().stream()
                    .filter(e -> e.contains(ns.receiverIp + ".9998 ")).toList();
            assertThat(datagram).extracting(ProbesIT::probe)
                    .containsExactly("net:net_dev_start_xmit", "net:netif_receive_skb", "skb:kfree_skb");
            assertThat(datagram).extracting(e -> trackingId(e).orElse("none")).doesNotContain("none")
                    .containsOnly(trackingId(datagram.get(0)).orElseThrow());
            assertThat(datagram.get(2)).contains("drop (reason NO_SOCKET)");
        }
    }

    @Test
    void kprobesAndRetisInvalidProbesAreRefusedInOneLine() throws Exception {
        LiveRetis kprobe = LiveRetis.run(dir, "collect", "-p", "kprobe:ip_rcv");
        assertThat(kprobe.status()).isEqualTo(1);
        assertThat(kprobe.stderr().lines()).last().asString().matches(
                "Error: Cannot attach kprobe:ip_rcv: this kernel has no kprobes \\(CONFIG_KPROBES is not set\\)"
                        + "( and does not permit function tracing)?");
        for (String invalid : List.of("kprobe:skb:kfree_skb", "foo:kfree_skb", "tp:kfree_*", "kprobe:", "tp:", ":x")) {
            LiveRetis run = LiveRetis.run(dir, "collect", "--allow-system-changes", "-p", invalid);
            assertThat(run.status()).as(invalid).isEqualTo(1);
            assertThat(run.stderr().lines().filter(l -> l.startsWith("Error: "))).as(invalid).hasSize(1);
            assertThat(run.stderr()).as(invalid).doesNotContain("\tat ");
        }
    }
}
