package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect -c nft} where the kernel has no kprobes (this machine; the guests' kprobe path is
 * another test's): traces from the nftables netlink group of namespace B, joined to the packets'
 * events. Three pings from A: B's input chain accepts the first by a rule, drops the second by a
 * rule, drops the third by its policy; its output chain accepts the first reply by a rule. Each
 * verdict is reported once, with the table, chain and rule handles {@code nft -a list ruleset}
 * of B shows, the tracking id of the packet's netif_receive_skb event in B (input) or of its
 * net_dev_start_xmit event (output), timed after (input) or before (output) that event, so that
 * sort orders the series right; the events validate against Retis' schema and the trace table
 * {@code --allow-system-changes} installed is gone afterwards. Without it, only what the user's
 * rules mark is traced, and a packet filter applies to the joined packets. Also: drops before
 * their kfree_skb events ({@code -p nft-dropmon}), and a router's forward and NAT verdicts
 * between the packet's receive and send events.
 */
class NftNetlinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
        Traffic.requirePing();
        assumeFalse(Files.isDirectory(Path.of("/sys/bus/event_source/devices/kprobe")),
                "this kernel has kprobes: nft runs Retis' way there");
    }

    @Test
    void verdictsJoinTheirPacketsEvents(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Pair net = Pair.create("jnft", 7)) {
            String a = net.a;
            String b = net.b;
            String prefix = net.prefix;
            String table = net.a;
            net.table(" chain input { type filter hook input priority filter; policy drop;"
                    + " icmp type echo-request icmp sequence 1 accept; icmp type echo-request icmp sequence 2 drop; };"
                    + " chain output { type filter hook output priority filter; policy accept; icmp type echo-reply accept; };");
            Spawned run = Spawned.retisToEnd("--log-level", "debug", "collect", "-c", "nft", "--allow-system-changes", "--netns", b,
                    "-o", events.toString(), "--cmd", "ip netns exec " + a + " ping -q -c 3 -i 0.2 -W 1 " + prefix + ".2; true");
            assertThat(run.exitValue()).as(run.stderrText()).isZero();
            assertThat(Commands.run(Commands.inNamespace(b, "nft", "list", "tables")))
                    .as("the trace table is removed").doesNotContain("jretis_nftrace");

            JsonNode ruleset = JSON.readTree(Commands.run(Commands.inNamespace(b, "nft", "-j", "-a", "list", "ruleset")));
            long tableHandle = -1;
            long inputHandle = -1;
            long outputHandle = -1;
            List<Long> rules = new ArrayList<>();
            for (JsonNode item : ruleset.path("nftables")) {
                if (item.has("table") && item.get("table").path("name").asText().equals(table)) {
                    tableHandle = item.get("table").path("handle").asLong();
                } else if (item.has("chain") && item.get("chain").path("table").asText().equals(table)) {
                    long handle = item.get("chain").path("handle").asLong();
                    if (item.get("chain").path("name").asText().equals("input")) {
                        inputHandle = handle;
                    } else {
                        outputHandle = handle;
                    }
                } else if (item.has("rule") && item.get("rule").path("table").asText().equals(table)) {
                    rules.add(item.get("rule").path("handle").asLong()); // input's two, then output's
                }
            }
            assertThat(rules).hasSize(3);

            long bInum = ((Number) Files.getAttribute(Path.of("/run/netns", b), "unix:ino")).longValue();
            List<JsonNode> all = read(events);
            List<JsonNode> nft = all.stream().filter(e -> e.has("nft")).toList();
            assertThat(nft).extracting(e -> summary(e)).containsExactlyInAnyOrder(
                    "8/1 " + tableHandle + " input " + inputHandle + " rule " + rules.get(0) + " accept false",
                    "8/2 " + tableHandle + " input " + inputHandle + " rule " + rules.get(1) + " drop false",
                    "8/3 " + tableHandle + " input " + inputHandle + " rule none drop true",
                    "0/1 " + tableHandle + " output " + outputHandle + " rule " + rules.get(2) + " accept false");
            for (JsonNode e : nft) {
                assertThat(e.path("kernel").path("symbol").asText()).isEqualTo("__nft_trace_packet");
                assertThat(e.path("kernel").path("probe_type").asText()).isEqualTo("kprobe");
                assertThat(e.path("netns").path("inum").asLong()).isEqualTo(bInum);
                boolean input = e.path("nft").path("chain_name").asText().equals("input");
                String probe = input ? "net:netif_receive_skb" : "net:net_dev_start_xmit";
                List<JsonNode> packetEvents = all.stream().filter(o -> !o.has("nft") && o.has("skb-tracking")
                        && o.path("netns").path("inum").asLong() == bInum
                        && o.path("kernel").path("symbol").asText().equals(probe)
                        && o.path("packet").path("data").equals(e.path("packet").path("data"))).toList();
                assertThat(packetEvents).as("the %s event of the packet of %s", probe, e).hasSize(1);
                JsonNode packet = packetEvents.get(0);
                assertThat(trackingId(e)).as("tracking id").isEqualTo(trackingId(packet));
                long at = e.path("common").path("timestamp").asLong();
                long packetAt = packet.path("common").path("timestamp").asLong();
                if (input) {
                    assertThat(at).as("after the packet was received").isGreaterThan(packetAt);
                } else {
                    assertThat(at).as("before the packet was sent").isLessThan(packetAt);
                }
            }
            RetisSchema.assertValid(events);
            assertThat(run.stderrText()).contains("nft: 4 trace(s) joined").doesNotContain("matched no event");
            String policyLine = "  table " + table + " (" + tableHandle + ") chain input (" + inputHandle + ") drop (policy)";
            assertThat(Spawned.retisToEnd("print", events.toString()).stdoutLines()).contains(policyLine);
        }
    }

    /**
     * Without --allow-system-changes only packets the user's rules mark are traced (said on
     * stderr), and a packet filter applies to the joined packets: B marks ICMP only, the filter
     * keeps what is to or from A's address; the UDP datagram is neither marked nor traced.
     */
    @Test
    void userMarkedPacketsOnlyWithAFilter(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Pair net = Pair.create("jnfu", 8)) {
            net.table(" chain pre { type filter hook prerouting priority raw; meta l4proto icmp meta nftrace set 1; };"
                    + " chain input { type filter hook input priority filter; policy accept; };");
            Spawned run = Spawned.retisToEnd("collect", "-c", "nft", "-f", "host " + net.prefix + ".1",
                    "-o", events.toString(), "--cmd", "ip netns exec " + net.a + " bash -c 'ping -q -c 2 -i 0.2 -W 1 "
                            + net.prefix + ".2; echo x > /dev/udp/" + net.prefix + ".2/9; true'");
            assertThat(run.exitValue()).as(run.stderrText()).isZero();
            assertThat(run.stderrText()).contains("only packets marked by your own rules");
            List<JsonNode> nft = read(events).stream().filter(e -> e.has("nft")).toList();
            assertThat(nft).as("the two echo requests' input policy and prerouting policy")
                    .extracting(e -> e.path("nft").path("chain_name").asText() + " " + e.path("nft").path("verdict").asText()
                            + " " + e.path("nft").path("policy").asBoolean() + " " + e.has("skb-tracking"))
                    .containsExactlyInAnyOrder("pre accept true true", "input accept true true",
                            "pre accept true true", "input accept true true");
            RetisSchema.assertValid(events);
        }
    }

    /**
     * {@code -p nft-dropmon} (Retis' kprobe becomes tp:skb:kfree_skb and the default probes):
     * B drops the second echo request on input and the third echo reply on output, marked by
     * B's own rules; each drop goes just before the packet's kfree_skb event, with its tracking id.
     */
    @Test
    void nftDropmonPutsDropsBeforeTheirDropEvents(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Pair net = Pair.create("jnfd", 6)) {
            net.table(" chain pre { type filter hook prerouting priority raw; meta nftrace set 1; };"
                    + " chain out { type filter hook output priority raw; meta nftrace set 1; };"
                    + " chain input { type filter hook input priority filter; icmp type echo-request icmp sequence 2 drop; };"
                    + " chain output { type filter hook output priority filter; icmp type echo-reply icmp sequence 3 drop; };");
            Spawned run = Spawned.retisToEnd("-p", "nft-dropmon", "collect", "-f", "host " + net.prefix + ".1",
                    "-o", events.toString(), "--cmd", "ip netns exec " + net.a + " ping -q -c 3 -i 0.2 -W 1 " + net.prefix + ".2; true");
            assertThat(run.exitValue()).as(run.stderrText()).isZero();
            List<JsonNode> all = read(events);
            List<JsonNode> nft = all.stream().filter(e -> e.has("nft")).toList();
            assertThat(nft).extracting(e -> summary(e).replaceAll(" \\d+ ", " _ "))
                    .containsExactlyInAnyOrder("8/2 _ input _ rule _ drop false", "0/3 _ output _ rule _ drop false");
            for (JsonNode e : nft) {
                JsonNode drop = all.stream().filter(o -> o.path("kernel").path("symbol").asText().equals("skb:kfree_skb")
                        && trackingId(o).equals(trackingId(e))).findFirst()
                        .orElseThrow(() -> new AssertionError("no kfree_skb event of the packet of " + e));
                assertThat(e.path("common").path("timestamp").asLong()).as("before the drop event")
                        .isLessThan(drop.path("common").path("timestamp").asLong());
            }
            RetisSchema.assertValid(events);
        }
    }

    /**
     * A router R between A and B, masquerading towards B: its forward chain accepts a ping by its
     * policy and drops a UDP datagram to port 9 by a rule; its postrouting chain's masquerade
     * accepts the ping (its reply crosses the forward chain too). The accepts go between the packet's receive
     * event in R and its send event (whose source address and TTL differ), the forward drop after
     * the receive event; all with the packet's tracking id.
     */
    @Test
    void forwardedPacketsVerdictsGoBetweenTheirReceiveAndSendEvents(@TempDir Path dir) throws Exception {
        String tag = "jnfr" + ProcessHandle.current().pid() % 1_000_000;
        String a = tag + "a";
        String r = tag + "r";
        String b = tag + "b";
        String prefix = "10." + (150 + ProcessHandle.current().pid() % 50) + ".";
        Path events = dir.resolve("events.json");
        try {
            for (String ns : List.of(a, r, b)) {
                namespace(ns);
            }
            Namespaces.link(a, a, prefix + "9.1", r, r + "a", prefix + "9.2");
            Namespaces.link(b, b, prefix + "10.1", r, r + "b", prefix + "10.2");
            Commands.run("ip", "-n", a, "route", "add", "default", "via", prefix + "9.2");
            Commands.run("ip", "netns", "exec", r, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            Commands.run("ip", "netns", "exec", r, "nft", "add table inet " + tag + " {"
                    + " chain forward { type filter hook forward priority filter; policy accept; udp dport 9 drop; };"
                    + " chain nat { type nat hook postrouting priority srcnat; oifname \"" + r + "b\" masquerade; }; }");
            Spawned run = Spawned.retisToEnd("--log-level", "debug", "collect", "-c", "nft", "--allow-system-changes",
                    "--netns", r, "-o", events.toString(), "--cmd", "ip netns exec " + a + " bash -c 'ping -q -c 1 -W 1 "
                            + prefix + "10.1; echo x > /dev/udp/" + prefix + "10.1/9; sleep 0.2; true'");
            assertThat(run.exitValue()).as(run.stderrText()).isZero();

            List<JsonNode> all = read(events);
            List<JsonNode> nft = all.stream().filter(e -> e.has("nft")).toList();
            assertThat(nft).extracting(e -> e.path("nft").path("chain_name").asText() + " " + e.path("nft").path("verdict").asText()
                            + " " + e.path("nft").path("policy").asBoolean())
                    .containsExactlyInAnyOrder("forward accept true", "nat accept false", "forward drop false",
                            "forward accept true"); // the echo reply, back through R

            for (JsonNode e : nft) {
                List<JsonNode> series = all.stream().filter(o -> !o.has("nft") && trackingId(o).equals(trackingId(e))
                        && o.path("netns").path("inum").asLong() == e.path("netns").path("inum").asLong()).toList();
                long at = e.path("common").path("timestamp").asLong();
                JsonNode receive = series.stream().filter(o -> o.path("kernel").path("symbol").asText().equals("net:netif_receive_skb"))
                        .findFirst().orElseThrow(() -> new AssertionError("no receive event in R for " + e));
                assertThat(at).as("after the receive event in R: %s", e).isGreaterThan(receive.path("common").path("timestamp").asLong());
                if (e.path("nft").path("verdict").asText().equals("accept")) {
                    JsonNode send = series.stream().filter(o -> o.path("kernel").path("symbol").asText().equals("net:net_dev_start_xmit"))
                            .findFirst().orElseThrow(() -> new AssertionError("no send event in R for " + e));
                    assertThat(at).as("before the send event in R: %s", e).isLessThan(send.path("common").path("timestamp").asLong());
                }
            }
            RetisSchema.assertValid(events);
            assertThat(run.stderrText()).contains("nft: 4 trace(s) joined");
        } finally {
            Namespaces.deleteAll(List.of(a, r, b));
        }
    }

    private static List<JsonNode> read(Path events) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            all.add(JSON.readTree(line));
        }
        return all;
    }

    /** "ICMP type/sequence table-handle chain chain-handle rule handle verdict policy". */
    private static String summary(JsonNode e) {
        byte[] frame = Base64.getDecoder().decode(e.path("packet").path("data").asText());
        int icmp = 14 + (frame[14] & 0x0f) * 4;
        int sequence = (frame[icmp + 6] & 0xff) << 8 | (frame[icmp + 7] & 0xff);
        JsonNode nft = e.path("nft");
        return (frame[icmp] & 0xff) + "/" + sequence + " " + nft.path("table_handle").asLong() + " "
                + nft.path("chain_name").asText() + " " + nft.path("chain_handle").asLong() + " rule "
                + (nft.has("rule_handle") ? nft.get("rule_handle").asText() : "none") + " "
                + nft.path("verdict").asText() + " " + nft.path("policy").asBoolean();
    }

    private static String trackingId(JsonNode e) {
        JsonNode t = e.path("skb-tracking");
        return t.path("orig_head").asText() + "/" + t.path("timestamp").asText();
    }

    /** A namespace without IPv6: no autoconfiguration traffic racing the link's start, only the test's packets. */
    private static void namespace(String name) {
        Commands.run("ip", "netns", "add", name);
        Commands.run("ip", "netns", "exec", name, "sysctl", "-q", "-w", "net.ipv6.conf.default.disable_ipv6=1");
    }

    /**
     * Namespaces A and B (unique names, no IPv6), a veth between them, PREFIX.1 and PREFIX.2;
     * close() removes them.
     */
    private record Pair(String a, String b, String prefix) implements AutoCloseable {
        static Pair create(String name, int subnet) {
            String tag = name + ProcessHandle.current().pid() % 1_000_000;
            Pair net = new Pair(tag + "a", tag + "b", "10." + (150 + ProcessHandle.current().pid() % 50) + "." + subnet);
            try {
                namespace(net.a);
                namespace(net.b);
                Namespaces.link(net.a, net.a, net.prefix + ".1", net.b, net.b, net.prefix + ".2");
                return net;
            } catch (RuntimeException e) {
                net.close();
                throw e;
            }
        }

        /** Adds table inet A (the table's name) with {@code chains} in B. */
        void table(String chains) {
            Commands.run("ip", "netns", "exec", b, "nft", "add table inet " + a + " {" + chains + " }");
        }

        @Override
        public void close() {
            Namespaces.deleteAll(List.of(a, b));
        }
    }
}
