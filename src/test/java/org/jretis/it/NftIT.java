package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jretis.event.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nft collector, Retis' way (kprobe:__nft_trace_packet), on kernels with kprobes (the kernel
 * matrix's guests); skipped where the kernel has none. Side B of a veth pair filters its input:
 * a counter rule (verdict continue), a rule that drops UDP to port 9, one that accepts echo
 * requests; its output chain has no rule, so the echo reply meets the chain's policy. Verdicts,
 * names and handles are checked against {@code nft -a list ruleset} of B's namespace.
 */
@Tag("matrix")
class NftIT {
    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");
    private static final String TABLE = "jretis_nft";
    /** nf_tables' loadable modules present before the tests (nft loads them on demand). */
    private static List<String> modulesBefore = List.of();

    @BeforeAll
    static void kernelWithKprobes() throws Exception {
        Commands.assumeRoot();
        modulesBefore = nftModules();
        assumeTrue(Files.isDirectory(KPROBE_PMU), "this kernel has no kprobes");
        assumeTrue(Commands.runQuietly("nft", "--version").status() == 0, "no nft command");
        Traffic.requirePing();
    }

    /**
     * Unloads the nf_tables modules the tests made nft load: while nf_tables is loaded, {@code auto}
     * adds the nft probe, which would change later tests' probes. Namespaces are freed
     * asynchronously, so their rules may hold the modules a moment longer.
     */
    @AfterAll
    static void unloadTheModulesTheTestsLoaded() throws Exception {
        List<String> loaded = new ArrayList<>(nftModules());
        loaded.removeAll(modulesBefore);
        loaded.sort((a, b) -> Boolean.compare(a.equals("nf_tables"), b.equals("nf_tables"))); // users first
        List<String> command = new ArrayList<>(List.of("modprobe", "-r"));
        command.addAll(loaded);
        for (int attempt = 0; !loaded.isEmpty() && attempt < 50; attempt++) {
            if (Commands.runQuietly(command.toArray(String[]::new)).status() == 0) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Loaded (not built-in: those have no initstate) modules of nf_tables. */
    private static List<String> nftModules() throws Exception {
        try (Stream<Path> modules = Files.list(Path.of("/sys/module"))) {
            return modules.filter(m -> Files.exists(m.resolve("initstate")))
                    .map(m -> m.getFileName().toString())
                    .filter(name -> name.equals("nf_tables") || name.startsWith("nft_"))
                    .sorted().toList();
        }
    }

    @Test
    void dropAcceptAndPolicyVerdictsWithThePacketsTrackingId(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            Ruleset rules = ruleset(net);
            Path file = dir.resolve("events.json");
            String stderr = collect(file, net, "-p", "tp:net:netif_receive_skb");
            assertThat(tables()).as("Retis_Table removed at the end").doesNotContain("Retis_Table");
            RetisSchema.assertValid(file);
            List<Event> events = LiveCaptureIT.readEvents(file);
            List<Event> nft = events.stream().filter(e -> e.others.containsKey("nft")).toList();
            assertThat(nft).as(stderr).isNotEmpty().allSatisfy(e -> {
                assertThat(e.kernel.symbol()).isEqualTo("__nft_trace_packet");
                assertThat(e.kernel.probeType()).isEqualTo("kprobe");
            });
            assertThat(nft).as("default verdicts: drop, accept")
                    .allMatch(e -> List.of("drop", "accept").contains(verdict(e).path("verdict").asText()));

            Event drop = single(nft, e -> rules.isRule(verdict(e), "in", "udp dport 9 drop"));
            assertThat(verdict(drop).path("verdict").asText()).isEqualTo("drop");
            assertThat(verdict(drop).path("policy").asBoolean()).isFalse();
            Event receive = events.stream().filter(e -> e.kernel.symbol().equals("net:netif_receive_skb")
                    && e.netns.inum() == net.b.netnsInum() && Frame.parse(e.packet.data()).protocol() == 17)
                    .findFirst().orElseThrow();
            assertThat(drop.skbTracking.idHex()).as("the dropped datagram's id").isEqualTo(receive.skbTracking.idHex());

            Event accept = single(nft, e -> rules.isRule(verdict(e), "in", "icmp type echo-request accept"));
            assertThat(verdict(accept).path("verdict").asText()).isEqualTo("accept");

            Event policy = single(nft, e -> verdict(e).path("policy").asBoolean());
            assertThat(rules.isChain(verdict(policy), "out")).as(verdict(policy).toString()).isTrue();
            assertThat(verdict(policy).path("verdict").asText()).isEqualTo("accept");
            assertThat(verdict(policy).has("rule_handle")).isFalse();
        }
    }

    @Test
    void allVerdictsIncludeTheCounterRulesContinue(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            Ruleset rules = ruleset(net);
            Path file = dir.resolve("events.json");
            collect(file, net, "--nft-verdicts", "all");
            List<Event> nft = LiveCaptureIT.readEvents(file).stream().filter(e -> e.others.containsKey("nft")).toList();
            assertThat(nft).as(nft.stream().map(NftIT::verdict).toList() + " in " + rules)
                    .anyMatch(e -> rules.isRule(verdict(e), "in", "counter")
                            && verdict(e).path("verdict").asText().equals("continue"));
            assertThat(nft).anyMatch(e -> verdict(e).path("verdict").asText().equals("drop"));
        }
    }

    /** Retis' nft-dropmon profile: drops only, each with its stack from __nft_trace_packet. */
    @Test
    void nftDropmonReportsTheDropWithItsStack(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            Ruleset rules = ruleset(net);
            Path file = dir.resolve("events.json");
            collect(file, List.of("-p", "nft-dropmon"), net);
            List<Event> nft = LiveCaptureIT.readEvents(file).stream().filter(e -> e.others.containsKey("nft")).toList();
            Event drop = single(nft, e -> true);
            assertThat(rules.isRule(verdict(drop), "in", "udp dport 9 drop")).as(verdict(drop).toString()).isTrue();
            assertThat(drop.kernel.stackTrace()).isNotEmpty();
            assertThat(drop.kernel.stackTrace().getFirst()).startsWith("__nft_trace_packet+");
        }
    }

    private static JsonNode verdict(Event e) {
        return e.others.get("nft");
    }

    private static Event single(List<Event> events, java.util.function.Predicate<Event> which) {
        List<Event> matching = events.stream().filter(which).toList();
        assertThat(matching).as(events.stream().map(NftIT::verdict).toList().toString()).hasSize(1);
        return matching.getFirst();
    }

    /** Collects with nft (and its trace table) while A pings B once and sends a datagram to B's port 9. */
    private static String collect(Path file, VethPair net, String... more) {
        List<String> args = new ArrayList<>(List.of("-c", "skb-tracking,skb,dev,ns,nft"));
        args.addAll(List.of(more));
        return collect(file, List.of(), net, args.toArray(String[]::new));
    }

    /** The same, with options before {@code collect} (a profile). */
    private static String collect(Path file, List<String> global, VethPair net, String... more) {
        String traffic = "ip netns exec " + net.a.ns() + " bash -c 'ping -c 1 -W 2 " + net.b.ipv4()
                + "; echo drop > /dev/udp/" + net.b.ipv4() + "/9; sleep 1'";
        List<String> args = new ArrayList<>(global);
        args.addAll(List.of("collect", "--allow-system-changes", "-o", file.toString(),
                "-f", "host " + net.a.ipv4() + " and host " + net.b.ipv4(), "--cmd", "bash -c \"" + traffic + "\""));
        args.addAll(List.of(more));
        try (Spawned retis = Spawned.retis(args.toArray(String[]::new))) {
            assertThat(retis.waitFor(Duration.ofMinutes(5))).as(retis.stderrText()).isZero();
            return retis.stderrText();
        }
    }

    private static String tables() {
        return Commands.run("nft", "list", "tables");
    }

    /** Installs B's rules; returns them as {@code nft -a list ruleset} shows them. */
    private static Ruleset ruleset(VethPair net) {
        String rules = "table inet " + TABLE + " {\n"
                + " chain in { type filter hook input priority 0; policy accept;\n"
                + "  counter\n  udp dport 9 drop\n  icmp type echo-request accept\n }\n"
                + " chain out { type filter hook output priority 0; policy accept; }\n}\n";
        Commands.run(Commands.inNamespace(net.b.ns(), "nft", rules));
        return Ruleset.parse(Commands.run(Commands.inNamespace(net.b.ns(), "nft", "-a", "list", "ruleset")));
    }

    /** Handles of B's table, chains and rules (a rule by its text without counters). */
    private record Ruleset(long table, Map<String, Long> chains, Map<String, Long> rules) {
        private static final Pattern TABLE_LINE = Pattern.compile("table inet " + TABLE + " \\{ # handle (\\d+)");
        private static final Pattern CHAIN_LINE = Pattern.compile("chain (\\w+) \\{ # handle (\\d+)");
        private static final Pattern RULE_LINE = Pattern.compile("^\\s*(.*?) # handle (\\d+)$");

        static Ruleset parse(String listing) {
            Matcher t = TABLE_LINE.matcher(listing);
            assertThat(t.find()).as(listing).isTrue();
            Map<String, Long> chains = new HashMap<>();
            Map<String, Long> rules = new HashMap<>();
            String chain = null;
            for (String line : listing.split("\n")) {
                Matcher c = CHAIN_LINE.matcher(line);
                Matcher r = RULE_LINE.matcher(line);
                if (c.find()) {
                    chain = c.group(1);
                    chains.put(chain, Long.parseLong(c.group(2)));
                } else if (chain != null && r.find()) {
                    String text = r.group(1).replaceAll("counter packets \\d+ bytes \\d+", "counter");
                    rules.put(chain + "/" + text, Long.parseLong(r.group(2)));
                }
            }
            return new Ruleset(Long.parseLong(t.group(1)), chains, rules);
        }

        boolean isChain(JsonNode nft, String chain) {
            return nft.path("table_name").asText().equals(TABLE) && nft.path("table_handle").asLong() == table
                    && nft.path("chain_name").asText().equals(chain) && nft.path("chain_handle").asLong() == chains.get(chain);
        }

        boolean isRule(JsonNode nft, String chain, String rule) {
            Long handle = rules.get(chain + "/" + rule);
            assertThat(handle).as(chain + "/" + rule + " in " + rules).isNotNull();
            return isChain(nft, chain) && nft.path("rule_handle").asLong(-1) == handle;
        }
    }
}
