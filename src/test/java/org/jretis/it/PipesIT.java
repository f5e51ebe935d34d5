package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON and pcap-ng on pipes, as users chain them: {@code retis collect -o - | jq},
 * {@code retis sort -o - | jq}, {@code retis pcap -o - | tshark -r -}; and a symbolic link
 * planted where a new file is to be written is still refused.
 */
class PipesIT {
    private static final String TX = "\"net:net_dev_start_xmit\"";
    private static final String RX = "\"net:netif_receive_skb\"";

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
        Traffic.requirePing();
        Commands.run("sh", "-c", "command -v jq >/dev/null || apt-get install -y -q jq");
    }

    @Test
    void collectSortAndPcapFeedJqAndTshark(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (VethPair net = VethPair.create()) {
            String ping = String.join(" ", Commands.inNamespace(net.a.ns(), "ping", "-c", "2", "-W", "2", net.b.ipv4()));
            List<String> symbols = pipeline(
                    "\"$0\" collect -o - -f 'icmp and host " + net.b.ipv4() + "' --cmd '" + ping + "' | jq -c .kernel.symbol");
            assertThat(symbols.getFirst()).as("the startup event first").isEqualTo("null");
            // 2 requests and 2 replies, each leaving one veth and entering the other.
            assertThat(symbols).filteredOn(TX::equals).hasSize(4);
            assertThat(symbols).filteredOn(RX::equals).hasSize(4);

            // /dev/stdout opened by the shell on a regular file: written through, not refused.
            pipeline("\"$0\" collect -o /dev/stdout -f 'icmp and host " + net.b.ipv4() + "' --cmd '" + ping + "' > " + events);
        }
        assertThat(pipeline("\"$0\" sort -o - " + events + " | jq -c '[.[].kernel.symbol]'"))
                .containsExactly("[null]",
                        "[" + TX + "," + RX + "]", "[" + TX + "," + RX + "]", "[" + TX + "," + RX + "]", "[" + TX + "," + RX + "]");
        assertThat(pipeline("\"$0\" pcap -o - " + events + " | tshark -r - -T fields -e icmp.type 2>/dev/null | grep ."))
                .containsExactly("8", "8", "0", "0", "8", "8", "0", "0");
        refusesALinkPlantedAtANewFile(dir, events);
    }

    private static void refusesALinkPlantedAtANewFile(Path dir, Path events) throws Exception {
        Path target = dir.resolve("target");
        Path link = Files.createSymbolicLink(dir.resolve("sorted.json"), target);
        Spawned run = Spawned.retisToEnd("sort", "-o", link.toString(), events.toString());
        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly("Error: Cannot write to " + link + ": it is a symbolic link");
        assertThat(target).doesNotExist();
    }

    /** Runs a bash pipeline ({@code $0} is the retis launcher) to its end; returns its stdout lines. */
    private static List<String> pipeline(String script) {
        try (Spawned run = Spawned.command(List.of("bash", "-o", "pipefail", "-c", script, Spawned.LAUNCHER.toString()))) {
            assertThat(run.waitFor(Duration.ofMinutes(1))).as(script + "\n" + run.stderrText()).isZero();
            return run.stdoutLines();
        }
    }
}
