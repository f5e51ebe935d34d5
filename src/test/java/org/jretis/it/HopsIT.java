package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A packet's way through a router namespace: A — R — B (veth pairs, R forwards), with R's link
 * to B holding each ping request for ~20 ms. The delay shows in that hop's percentiles in
 * {@code stats} and in the series' deltas in {@code sort}, and nowhere else; namespaces print
 * with their {@code ip netns} names, live and from the file, which still validates against
 * Retis' schema; {@code --netns R} keeps the packets first seen in R.
 */
class HopsIT {
    private static final long DELAY_NANOS = 5_000_000L;
    private static final Pattern PAIR_STATS = Pattern.compile("^\\s+n (\\d+)\\s+p50 (\\S+)\\s+p90 (\\S+)\\s+p99 (\\S+)\\s+max (\\S+)$");
    private static final Pattern DELTA = Pattern.compile("^\\s+\u21b3 \\d+ ([+-]\\S+) .*\\[tp] (\\S+) ");

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
        Traffic.requirePing();
    }

    @Test
    void aDelayedHopShowsInItsPercentilesAndDeltasAndNamespacesByName(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Route route = Route.create()) {
            Spawned live = Spawned.retisToEnd("collect", "-o", events.toString(), "--print",
                    "-f", "host " + route.bAddress + " and (icmp[icmptype] == icmp-echo or icmp[icmptype] == icmp-echoreply)",
                    "--cmd", route.delayedPings(5));
            assertThat(live.exitValue()).as(live.stderrText()).isZero();
            assertNamed(live.stdoutLines(), route);

            List<String> printed = Spawned.retisToEnd("print", events.toString()).stdoutLines();
            assertThat(printed.subList(printed.indexOf("") + 1, printed.size()))
                    .as("print (after the startup event) shows the names recorded in the file")
                    .containsExactlyElementsOf(live.stdoutLines());
            RetisSchema.assertValid(events);

            Map<String, long[]> pairs = hopPairs(Spawned.retisToEnd("stats", events.toString()).stdoutLines());
            String delayed = "net:netif_receive_skb@" + route.ra + "[" + route.r + "] \u2192 net:net_dev_start_xmit@" + route.rb + "[" + route.r + "]";
            assertThat(pairs).containsKey(delayed);
            assertThat(pairs.get(delayed)[0]).as("requests through the delayed hop").isEqualTo(5);
            assertThat(pairs.get(delayed)[1]).as("p50 of the delayed hop").isGreaterThanOrEqualTo(DELAY_NANOS);
            pairs.forEach((pair, stats) -> {
                if (!pair.equals(delayed)) {
                    assertThat(stats[1]).as("p50 of " + pair).isLessThan(DELAY_NANOS / 2);
                }
            });

            List<String> sorted = Spawned.retisToEnd("sort", events.toString()).stdoutLines();
            List<Long> intoB = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                Matcher m = DELTA.matcher(sorted.get(i));
                if (m.find() && m.group(2).equals("net:net_dev_start_xmit") && sorted.get(i + 1).contains("(" + route.rb + ")")) {
                    intoB.add(nanos(m.group(1).substring(1)));
                }
            }
            assertThat(intoB).as("deltas of R's transmissions to B").hasSize(5).allMatch(d -> d >= DELAY_NANOS);

            Spawned inR = Spawned.retisToEnd("collect", "--netns", route.r, "-f", "icmp", "--cmd", route.ping(1));
            assertThat(inR.exitValue()).as(inR.stderrText()).isZero();
            List<String> transmitted = transmittedIn(inR.stdoutLines());
            assertThat(transmitted).as("packets are first seen in R, so only R transmits them").isNotEmpty()
                    .allMatch(l -> l.contains("(" + route.r + ")"));
        }
    }

    /** Every event of our traffic sits in one of our namespaces, named. */
    private static void assertNamed(List<String> text, Route route) {
        List<String> locations = text.stream().filter(l -> l.matches("^\\s+(\u21b3 )?ns 0x.*")).toList();
        assertThat(locations).isNotEmpty().allMatch(l -> l.contains(" (" + route.a + ") ")
                || l.contains(" (" + route.r + ") ") || l.contains(" (" + route.b + ") "));
        assertThat(locations).anyMatch(l -> l.contains("(" + route.r + ")")).anyMatch(l -> l.contains("(" + route.b + ")"));
    }

    /** The location lines (line 2) of the transmit events. */
    private static List<String> transmittedIn(List<String> text) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i + 1 < text.size(); i++) {
            if (text.get(i).contains("net:net_dev_start_xmit")) {
                lines.add(text.get(i + 1));
            }
        }
        return lines;
    }

    /** stats' hop pairs: {count, p50, p90, p99, max} by pair. */
    private static Map<String, long[]> hopPairs(List<String> stats) {
        Map<String, long[]> pairs = new HashMap<>();
        int start = stats.indexOf(stats.stream().filter(l -> l.startsWith("Hop latencies over ")).findFirst().orElseThrow());
        for (int i = start + 1; i + 1 < stats.size(); i += 2) {
            Matcher m = PAIR_STATS.matcher(stats.get(i + 1));
            assertThat(m.matches()).as(stats.get(i + 1)).isTrue();
            pairs.put(stats.get(i).strip(), new long[] {Long.parseLong(m.group(1)),
                    nanos(m.group(2)), nanos(m.group(3)), nanos(m.group(4)), nanos(m.group(5))});
        }
        return pairs;
    }

    /** {@code 850ns}, {@code 12.345µs}, {@code 5.001ms}, {@code 1.000s}. */
    static long nanos(String text) {
        Matcher m = Pattern.compile("(-?[\\d.]+)(ns|\u00b5s|ms|s)").matcher(text);
        assertThat(m.matches()).as(text).isTrue();
        double scale = switch (m.group(2)) {
            case "ns" -> 1;
            case "\u00b5s" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        return Math.round(Double.parseDouble(m.group(1)) * scale);
    }

    /** Namespaces A, R, B; A and B route through R. Unique names; close() removes them all. */
    private static final class Route implements AutoCloseable {
        final String a;
        final String r;
        final String b;
        final String ra;
        final String rb;
        final String bAddress;

        private Route(String tag) {
            a = "jhop" + tag + "a";
            r = "jhop" + tag + "r";
            b = "jhop" + tag + "b";
            ra = "jh" + tag + "ra";
            rb = "jh" + tag + "rb";
            int net = 150 + (int) (ProcessHandle.current().pid() % 50);
            bAddress = "10." + net + ".2.2";
        }

        static Route create() {
            Route route = new Route(Long.toString(ProcessHandle.current().pid() % 1_000_000));
            String net = route.bAddress.substring(0, route.bAddress.indexOf(".2.2"));
            try {
                for (String ns : List.of(route.a, route.r, route.b)) {
                    Commands.run("ip", "netns", "add", ns);
                    Commands.run("ip", "-n", ns, "link", "set", "lo", "up");
                }
                String aVeth = route.ra.replace("ra", "a");
                String bVeth = route.rb.replace("rb", "b");
                Namespaces.link(route.a, aVeth, net + ".1.1", route.r, route.ra, net + ".1.2");
                Namespaces.link(route.b, bVeth, net + ".2.2", route.r, route.rb, net + ".2.1");
                Commands.run("ip", "-n", route.a, "route", "add", "default", "via", net + ".1.2");
                Commands.run("ip", "-n", route.b, "route", "add", "default", "via", net + ".2.1");
                Commands.run("ip", "netns", "exec", route.r, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
                // This kernel has no netem (CONFIG_NET_SCH_NETEM unset): a token bucket of one
                // full-size frame, refilled at 2000 bytes/s, stands in for it (delayedPings).
                Commands.run("ip", "netns", "exec", route.r, "tc", "qdisc", "add", "dev", route.rb, "root",
                        "tbf", "rate", "16kbit", "burst", "1500", "limit", "10000");
                return route;
            } catch (RuntimeException e) {
                route.close();
                throw e;
            }
        }

        /** A shell command: {@code count} pings from A to B. */
        String ping(int count) {
            return "ip netns exec " + a + " ping -q -c " + count + " -i 0.2 -W 2 " + bAddress;
        }

        /**
         * A shell command: {@code count} pings from A to B, each right behind a 1442-byte UDP
         * frame that empties R's token bucket towards B, so that the request waits there
         * ((98 - (1500 - 1442)) bytes at 2000 bytes/s = 20 ms); a second later the bucket is full again.
         * One CPU: frames sent from two CPUs enter R through two backlogs, and could swap.
         */
        String delayedPings(int count) {
            return "ip netns exec " + a + " taskset -c 0 bash -c 'for i in $(seq " + count + "); do"
                    + " head -c 1400 /dev/zero > /dev/udp/" + bAddress + "/9;"
                    + " ping -q -c 1 -W 2 " + bAddress + " > /dev/null; sleep 1; done'";
        }

        /** Deleting the namespaces deletes the veth pairs and the qdisc with them. */
        @Override
        public void close() {
            Namespaces.deleteAll(List.of(a, r, b));
        }
    }
}
