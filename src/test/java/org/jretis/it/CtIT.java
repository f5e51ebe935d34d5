package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ct collector on a router namespace R between A and B that tracks connections in zone 7,
 * marks them 42 and masquerades towards B: ICMP and ICMPv6 (new, reply, established), UDP to a closed port
 * (new, then B's port-unreachable error as related_reply), TCP (SYN_SENT to ESTABLISHED). Every
 * connection {@code conntrack -L} lists in R after the run is in the events, tuple for tuple
 * (the NAT'ed reply included), with its zone and mark; the file validates against Retis'
 * schema, print shows Retis' ct line, sort and pcap carry it. ct runs as part of the default {@code auto}.
 */
class CtIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
        Traffic.requirePing();
        Commands.run("sh", "-c", "command -v conntrack >/dev/null || apt-get install -y -q conntrack"
                + " || (apt-get update -q && apt-get install -y -q conntrack)");
    }

    @Test
    void connectionsMatchConntrackFieldByField(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Routed net = Routed.create()) {
            Spawned run = Spawned.retisToEnd("collect", "-o", events.toString(),
                    "-f", "net " + net.prefix + ".0.0/16 or net " + net.prefix6 + "::/32", "--cmd", net.traffic());
            assertThat(run.exitValue()).as(run.stderrText()).isZero();
            List<Map<String, String>> entries = conntrack(Commands.run(Commands.inNamespace(net.r, "conntrack", "-L"))
                    + Commands.run(Commands.inNamespace(net.r, "conntrack", "-L", "-f", "ipv6")));
            List<JsonNode> cts = new ArrayList<>();
            for (String line : Files.readAllLines(events)) {
                JsonNode ct = JSON.readTree(line).get("ct");
                if (ct != null) {
                    cts.add(ct);
                }
            }
            assertThat(entries).as("conntrack -L in R").extracting(e -> e.get("proto"))
                    .contains("icmp", "udp", "tcp", "icmpv6");
            for (Map<String, String> entry : entries) {
                assertThat(cts).as("an event with the connection " + entry).anyMatch(ct -> sameConnection(ct, entry));
                assertThat(entry.get("reply.dst")).as("masqueraded towards B")
                        .isEqualTo(entry.get("proto").equals("icmpv6") ? net.prefix6 + ":2::1" : net.prefix + ".2.1");
            }
            assertThat(cts).allMatch(ct -> ct.path("zone_id").asInt() == 7 && ct.path("zone_dir").asText().equals("Default")
                    && ct.path("mark").asLong() == 42);
            assertThat(states(cts, "icmp")).containsSubsequence("new", "reply", "established", "reply");
            assertThat(states(cts, "udp")).containsSubsequence("new", "related_reply");
            assertThat(cts).filteredOn(ct -> ct.path("orig").path("proto").has("tcp"))
                    .extracting(ct -> ct.path("state").asText() + "/" + ct.path("proto_state").asText())
                    .startsWith("new/SYN_SENT").contains("established/ESTABLISHED");
            RetisSchema.assertValid(events);

            List<String> text = Spawned.retisToEnd("print", events.toString()).stdoutLines();
            String icmp = "icmp orig [" + net.prefix + ".1.1 > " + net.prefix + ".2.2 type 8 code 0 id ";
            assertThat(text).anyMatch(l -> l.matches("  ct_state NEW status 0x[0-9a-f]+ \\Q" + icmp
                    + "\\E\\d+\\] reply \\[\\Q" + net.prefix + ".2.2 > " + net.prefix + ".2.1\\E type 0 code 0 id \\d+\\] zone 7 mark 42"));
            assertThat(Spawned.retisToEnd("sort", events.toString()).stdoutLines())
                    .as("sort keeps the ct sections").filteredOn(l -> l.contains("ct_state ")).hasSameSizeAs(cts);
            Path pcap = dir.resolve("ct.pcapng");
            Spawned pcapRun = Spawned.retisToEnd("pcap", "--probe", "net:net_dev_start_xmit", "-o", pcap.toString(), events.toString());
            assertThat(pcapRun.exitValue()).as(pcapRun.stderrText()).isZero();
            assertThat(new String(Files.readAllBytes(pcap), StandardCharsets.ISO_8859_1))
                    .as("pcap's packet comments hold the ct text").contains("ct_state RELATED_REPLY status 0x");
        }
    }

    /** The ct states of the events of one protocol's connection, in order. */
    private static List<String> states(List<JsonNode> cts, String proto) {
        return cts.stream().filter(ct -> ct.path("orig").path("proto").has(proto)).map(ct -> ct.path("state").asText()).toList();
    }

    private static boolean sameConnection(JsonNode ct, Map<String, String> entry) {
        String proto = entry.get("proto").equals("icmpv6") ? "icmp" : entry.get("proto"); // Retis' name for both
        JsonNode orig = ct.path("orig");
        JsonNode reply = ct.path("reply");
        if (!orig.path("proto").has(proto)) {
            return false;
        }
        for (String dir : List.of("orig", "reply")) {
            JsonNode tuple = dir.equals("orig") ? orig : reply;
            JsonNode fields = tuple.path("proto").path(proto);
            if (!tuple.path("ip").path("src").asText().equals(entry.get(dir + ".src"))
                    || !tuple.path("ip").path("dst").asText().equals(entry.get(dir + ".dst"))) {
                return false;
            }
            List<String> keys = proto.equals("icmp") ? List.of("type", "code", "id") : List.of("sport", "dport");
            for (String key : keys) {
                if (!fields.path(key).asText().equals(entry.get(dir + "." + key))) {
                    return false;
                }
            }
        }
        return ct.path("mark").asText().equals(entry.get("mark")) && ct.path("zone_id").asText().equals(entry.get("zone"));
    }

    /**
     * conntrack -L lines as maps: proto, then the first src, dst, ports (or type, code, id) as
     * orig.*, the second as reply.*, mark and zone.
     */
    static List<Map<String, String>> conntrack(String listing) {
        List<Map<String, String>> entries = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length < 4 || !tokens[0].matches("tcp|udp|icmp|icmpv6")) {
                continue;
            }
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("proto", tokens[0]);
            String dir = "orig";
            for (String token : tokens) {
                int eq = token.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = token.substring(0, eq);
                if (key.equals("src") && entry.containsKey("orig.src")) {
                    dir = "reply";
                }
                entry.put(key.equals("mark") || key.equals("zone") || key.equals("use") ? key : dir + "." + key,
                        token.substring(eq + 1));
            }
            entries.add(entry);
        }
        return entries;
    }

    /** A — R — B; R tracks in zone 7, marks 42, masquerades towards B. Unique names; close() removes all. */
    private static final class Routed implements AutoCloseable {
        final String a;
        final String r;
        final String b;
        final String prefix;
        final String prefix6;

        private Routed(String tag) {
            a = "jct" + tag + "a";
            r = "jct" + tag + "r";
            b = "jct" + tag + "b";
            prefix = "10." + (100 + (int) (ProcessHandle.current().pid() % 50));
            prefix6 = "fd00:" + Long.toHexString(ProcessHandle.current().pid() % 0xffff);
        }

        static Routed create() {
            Routed net = new Routed(Long.toString(ProcessHandle.current().pid() % 1_000_000));
            try {
                for (String ns : List.of(net.a, net.r, net.b)) {
                    Commands.run("ip", "netns", "add", ns);
                    Commands.run("ip", "-n", ns, "link", "set", "lo", "up");
                }
                Namespaces.link(net.a, net.a, net.prefix + ".1.1", net.r, net.r + "a", net.prefix + ".1.2");
                Namespaces.link(net.b, net.b, net.prefix + ".2.2", net.r, net.r + "b", net.prefix + ".2.1");
                Commands.run("ip", "-n", net.a, "route", "add", "default", "via", net.prefix + ".1.2");
                Commands.run("ip", "-n", net.b, "route", "add", "default", "via", net.prefix + ".2.1");
                address6(net.a, net.a, net.prefix6 + ":1::1");
                address6(net.r, net.r + "a", net.prefix6 + ":1::2");
                address6(net.r, net.r + "b", net.prefix6 + ":2::1");
                address6(net.b, net.b, net.prefix6 + ":2::2");
                Commands.run("ip", "-6", "-n", net.a, "route", "add", "default", "via", net.prefix6 + ":1::2");
                Commands.run("ip", "-6", "-n", net.b, "route", "add", "default", "via", net.prefix6 + ":2::1");
                Commands.run("ip", "netns", "exec", net.r, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1");
                Commands.run("ip", "netns", "exec", net.r, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
                Commands.run("ip", "netns", "exec", net.r, "nft", "add table inet jct {"
                        + " chain zone { type filter hook prerouting priority raw; ct zone set 7; };"
                        + " chain marking { type filter hook forward priority filter; ct mark set 42; };"
                        + " chain nat { type nat hook postrouting priority srcnat; oifname \"" + net.r + "b\" masquerade; }; }");
                return net;
            } catch (RuntimeException e) {
                net.close();
                throw e;
            }
        }

        private static void address6(String ns, String dev, String address) {
            Commands.run("ip", "-n", ns, "addr", "add", address + "/64", "dev", dev, "nodad");
        }

        /**
         * A shell command: two pings A to B (and two over IPv6), a UDP datagram to B's closed port 9, and a TCP
         * exchange with a listener in B (python3, which the schema check needs anyway).
         */
        String traffic() {
            String bAddress = prefix + ".2.2";
            String server = "import socket; s = socket.create_server((\"" + bAddress + "\", 7)); s.settimeout(20); print(flush=True);"
                    + " c, _ = s.accept(); c.recv(64); c.sendall(b\"ok\\n\"); c.close()";
            return "ip netns exec " + b + " python3 -c '" + server + "' | (read ready;"
                    + " ip netns exec " + a + " bash -c 'ping -q -c 2 -i 0.2 -W 2 " + bAddress + " > /dev/null;"
                    + " ping -6 -q -c 2 -i 0.2 -W 2 " + prefix6 + ":2::2 > /dev/null;"
                    + " echo x > /dev/udp/" + bAddress + "/9; sleep 0.3;"
                    + " exec 3<>/dev/tcp/" + bAddress + "/7; echo hi >&3; read -t 5 reply <&3; exec 3>&-'; sleep 0.3)";
        }

        @Override
        public void close() {
            Namespaces.deleteAll(List.of(a, r, b));
        }
    }
}
