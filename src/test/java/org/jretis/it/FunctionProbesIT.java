package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jretis.event.Event;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Function probes and Retis' kprobe tracking, on kernels with kprobes (the Debian guests of the
 * kernel matrix); skipped where the kernel has none. Each test collects while side A of a veth
 * pair pings side B (or sends a datagram to a closed port) and reads the events file.
 */
@Tag("matrix")
class FunctionProbesIT {
    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");

    @BeforeAll
    static void kernelWithKprobes() {
        Commands.assumeRoot();
        assumeTrue(Files.isDirectory(KPROBE_PMU), "this kernel has no kprobes");
        Traffic.requirePing();
    }

    /**
     * A kretprobe reports the arguments saved at entry, on a function that leaves the skb alive
     * (ip_rcv has handed it on, often freed, by its return); neither starts ids for packets unseen
     * before, and only the kprobe starts one.
     */
    @ParameterizedTest
    @CsvSource({"kprobe, ip_rcv", "kretprobe, eth_type_trans"})
    void functionProbeSeesTheEchoRequestInTheReceiverNamespace(String type, String function, @TempDir Path dir)
            throws Exception {
        try (VethPair net = VethPair.create()) {
            List<Event> events = collect(dir, net, ping(net), "-p", type + ":" + function);
            Event request = echoRequestAt(events, net.b);
            assertThat(request.kernel.symbol()).isEqualTo(function);
            assertThat(request.kernel.probeType()).isEqualTo(type);
            assertThat(request.skbTracking != null).as("tracking id").isEqualTo(type.equals("kprobe"));
        }
    }

    /** One object for all matched functions: each event must still name its own function. */
    @Test
    void wildcardProbesNameEachFunction(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            List<Event> events = collect(dir, net, ping(net), "-p", "kprobe:ip_rcv*");
            Set<String> symbols = ours(events, net).stream().map(e -> e.kernel.symbol()).collect(Collectors.toSet());
            assertThat(symbols).contains("ip_rcv").allMatch(s -> s.startsWith("ip_rcv"));
            assertThat(symbols).as("functions matched by ip_rcv* that saw our ping").hasSizeGreaterThan(1);
        }
    }

    @Test
    void stackOfAKprobeStartsInTheProbedFunction(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            List<Event> events = collect(dir, net, ping(net), "-p", "kprobe:ip_rcv/stack");
            List<String> stack = echoRequestAt(events, net.b).kernel.stackTrace();
            assertThat(stack).isNotEmpty();
            assertThat(stack.getFirst()).startsWith("ip_rcv+");
        }
    }

    @Test
    void dropmonReportsADatagramToAClosedPort(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            String stderr = run("--log-level", "debug", "-p", "dropmon", "collect",
                    "-o", dir.resolve("events.json").toString(), "-f", "udp and host " + net.b.ipv4(),
                    "--cmd", closedPortDatagram(net));
            assertThat(stderr).contains("tracking ids with kprobes");
            Event drop = single(ours(LiveCaptureIT.readEvents(dir.resolve("events.json")), net));
            assertThat(drop.skbDrop.dropReason()).isEqualTo("NO_SOCKET");
            assertThat(drop.kernel.stackTrace()).isNotEmpty();
        }
    }

    /**
     * One packet, one id: the datagram leaves A (a tracepoint), enters B's IP layer (a kprobe) and
     * is dropped there for want of a socket (a tracepoint), all with the tracking id it got first.
     */
    @Test
    void oneTrackingIdFromTransmitThroughIpRcvToTheDrop(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            // The ICMP port unreachable B sends back is another packet: UDP only.
            List<Event> events = ours(collect(dir, "udp and host " + net.b.ipv4(), closedPortDatagram(net),
                    "-c", "skb-tracking,skb-drop,skb,dev,ns", "-p", "tp:net:net_dev_start_xmit", "-p", "kprobe:ip_rcv"), net)
                    .stream().filter(e -> Frame.parse(e.packet.data()).protocol() == 17).toList();
            List<String> symbols = events.stream().map(e -> e.kernel.symbol()).toList();
            assertThat(symbols).containsExactly("net:net_dev_start_xmit", "ip_rcv", "skb:kfree_skb");
            assertThat(events).extracting(e -> e.skbTracking.idHex()).containsOnly(events.getFirst().skbTracking.idHex());
        }
    }

    /**
     * --probe-stack starts at skb:kfree_skb, whose stack for a datagram to a closed port runs
     * through the IP and UDP receive functions: later datagrams are seen there by kprobes added
     * while collecting (slowly under emulation: datagrams go on until one is). Stacks were not
     * asked for, so no event keeps one.
     */
    @Test
    void probeStackAddsKprobesOnTheFunctionsOfTheStacks(@TempDir Path dir) throws Exception {
        try (VethPair net = VethPair.create()) {
            Path file = dir.resolve("events.json");
            try (Spawned retis = Spawned.retis("--log-level", "debug", "collect", "--probe-stack", "--print",
                    "-o", file.toString(), "-f", "udp and host " + net.b.ipv4())) {
                retis.awaitStderr("probe\\(s\\) loaded", Duration.ofMinutes(5));
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (retis.stdoutLines().stream().noneMatch(l -> l.contains(" [k] ")) && System.nanoTime() < deadline) {
                    Commands.run(Commands.inNamespace(net.a.ns(), "bash", "-c", datagram(net)));
                    Thread.sleep(1000);
                }
                Commands.signal(retis.pid(), "INT");
                assertThat(retis.waitFor(Duration.ofMinutes(2))).as(retis.stderrText()).isZero();
                assertThat(retis.stderrText()).contains("Added probe to ");
            }
            List<Event> events = ours(LiveCaptureIT.readEvents(file), net);
            assertThat(events).extracting(e -> e.kernel.probeType()).contains("raw_tracepoint", "kprobe");
            assertThat(events).allMatch(e -> e.kernel.stackTrace() == null);
        }
    }

    @Test
    void probeStackNeedsAFilter() {
        try (Spawned retis = Spawned.retis("collect", "--probe-stack")) {
            assertThat(retis.waitFor(Duration.ofMinutes(5))).isEqualTo(1);
            assertThat(retis.stderrLines()).containsExactly(
                    "Error: Probe-stack mode requires filtering (--filter-packet and/or --filter-meta)");
        }
    }

    private static String ping(VethPair net) {
        return "ip netns exec " + net.a.ns() + " ping -c 1 -W 2 " + net.b.ipv4();
    }

    /** A UDP datagram from A to a port of B nobody listens on. */
    private static String closedPortDatagram(VethPair net) {
        return "ip netns exec " + net.a.ns() + " bash -c '" + datagram(net) + "'";
    }

    /** The bash command that sends it (from A's namespace). */
    private static String datagram(VethPair net) {
        return "echo drop > /dev/udp/" + net.b.ipv4() + "/9";
    }

    /** Collects our IPv4 traffic while {@code command} runs; returns the events (startup left out). */
    private static List<Event> collect(Path dir, VethPair net, String command, String... probes) throws Exception {
        return collect(dir, "host " + net.a.ipv4() + " and host " + net.b.ipv4(), command, probes);
    }

    private static List<Event> collect(Path dir, String filter, String command, String... probes) throws Exception {
        Path file = dir.resolve("events.json");
        List<String> args = new ArrayList<>(List.of("collect", "-o", file.toString(), "-f", filter, "--cmd", command));
        args.addAll(List.of(probes));
        run(args.toArray(String[]::new));
        return LiveCaptureIT.readEvents(file);
    }

    /** Runs retis to its end (JVM starts and BPF loads take long under emulation); returns its stderr. */
    private static String run(String... args) {
        try (Spawned retis = Spawned.retis(args)) {
            assertThat(retis.waitFor(Duration.ofMinutes(5))).as(retis.stderrText()).isZero();
            return retis.stderrText();
        }
    }

    /** Events whose packet is between our two IPv4 addresses, in the file's order. */
    private static List<Event> ours(List<Event> events, VethPair net) {
        return events.stream().filter(e -> e.packet != null && Traffic.isOurs(Frame.parse(e.packet.data()), net)).toList();
    }

    private static Event echoRequestAt(List<Event> events, VethPair.Side side) {
        List<Event> requests = events.stream().filter(e -> e.packet != null && e.netns != null
                && e.netns.inum() == side.netnsInum() && Frame.parse(e.packet.data()).icmpType() == 8).toList();
        Event request = single(requests);
        assertThat(request.dev.ifindex()).isEqualTo(side.ifindex());
        assertThat(request.dev.name()).isEqualTo(side.veth());
        return request;
    }

    private static Event single(List<Event> events) {
        assertThat(events).hasSize(1);
        return events.getFirst();
    }
}
