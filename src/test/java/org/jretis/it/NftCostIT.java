package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the nft collector costs per probe run, measured, not asserted: bpf_stats of probe_nft
 * (kprobe:__nft_trace_packet, every verdict) beside probe_skb (tp:net:netif_receive_skb) of the
 * same collection while A pings B through an input chain of two rules. Per-run costs under
 * emulation compare only within one guest:
 * {@code scripts/kernel-matrix --kernel 6.12 --include-tag cost --tests '.*NftCostIT'}.
 */
@Tag("cost")
class NftCostIT {
    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");

    @Test
    void nftProbeRunCostBesideATracepointsOne(@TempDir Path dir) throws Exception {
        Commands.assumeRoot();
        assumeTrue(Files.isDirectory(KPROBE_PMU), "this kernel has no kprobes");
        String statsBefore = Commands.run("sysctl", "-n", "kernel.bpf_stats_enabled").strip();
        Commands.run("sysctl", "-q", "-w", "kernel.bpf_stats_enabled=1");
        try (VethPair net = VethPair.create()) {
            Commands.run(Commands.inNamespace(net.b.ns(), "nft", "table inet jretis_cost { chain in {"
                    + " type filter hook input priority 0; policy accept; counter; icmp type echo-request accept; }\n}\n"));
            Path stats = dir.resolve("progs.json");
            String cmd = "bash -c \"ip netns exec " + net.a.ns() + " ping -q -c 300 -i 0.01 " + net.b.ipv4()
                    + "; bpftool -j prog show > " + stats + "\"";
            try (Spawned retis = Spawned.retis("collect", "--allow-system-changes", "-o", dir.resolve("e.json").toString(),
                    "-c", "skb-tracking,skb,dev,ns,nft", "--nft-verdicts", "all",
                    "-p", "tp:net:netif_receive_skb", "-f", "host " + net.b.ipv4(), "--cmd", cmd)) {
                assertThat(retis.waitFor(Duration.ofMinutes(10))).as(retis.stderrText()).isZero();
            }
            for (JsonNode prog : new ObjectMapper().readTree(stats.toFile())) {
                String name = prog.path("name").asText();
                long runs = prog.path("run_cnt").asLong();
                if (name.startsWith("probe_") && runs > 0) {
                    System.out.printf("nft-cost %s %s: %d runs, %d ns per run%n", Commands.run("uname", "-r").strip(),
                            name, runs, prog.path("run_time_ns").asLong() / runs);
                }
            }
        } finally {
            Commands.run("sysctl", "-q", "-w", "kernel.bpf_stats_enabled=" + statsBefore);
        }
    }
}
