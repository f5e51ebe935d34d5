package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jretis.event.Event;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.json.EventFileException;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.InputSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture between two namespaces, as a user runs it: {@code retis collect -o FILE} while we
 * ping (IPv4, IPv6), send a UDP datagram and open a TCP connection, then SIGINT. Every packet must
 * show its TX event on the sending veth and its RX event on the receiving one, with the same
 * tracking id, and each interface's events must carry exactly the frames tcpdump saw there.
 */
@Tag("matrix")
class LiveCaptureIT {
    private static final String TX = "net:net_dev_start_xmit";
    private static final String RX = "net:netif_receive_skb";

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
    }

    /** An event of our traffic, with its frame read from the captured bytes. */
    record Seen(Event event, Frame frame, VethPair.Side side) {
        boolean tx() {
            return event.kernel.symbol().equals(TX);
        }

        SkbTrackingSection id() {
            return event.skbTracking;
        }
    }

    @Test
    void everyPacketLeavesOneVethAndEntersTheOtherAsTcpdumpSawIt(@TempDir Path dir) throws Exception {
        Path eventsFile = dir.resolve("events.json");
        List<Event> events;
        Path pcapA;
        Path pcapB;
        try (VethPair net = VethPair.create();
             Tcpdump dumpA = Tcpdump.start(net.a, dir);
             Tcpdump dumpB = Tcpdump.start(net.b, dir);
             Spawned retis = Spawned.retis("collect", "-o", eventsFile.toString())) {
            // Bounds, not timings: an emulated guest of the kernel matrix takes minutes to start.
            retis.awaitStderr("probe\\(s\\) loaded", Duration.ofMinutes(3));
            Traffic.generate(net);
            Thread.sleep(300);
            Commands.signal(retis.pid(), "INT");
            assertThat(retis.waitFor(Duration.ofMinutes(1))).as(retis.stderrText()).isZero();
            pcapA = dumpA.stop();
            pcapB = dumpB.stop();
            assertThat(retis.stdoutLines()).as("stdout with -o and no --print").isEmpty();
            events = readEvents(eventsFile);
            assertThat(retis.stderrLines()).contains((events.size()) + " event(s) processed");

            List<Seen> ours = ours(events, net);
            assertDevicesAndNamespaces(ours);
            assertExpectedPackets(ours, net);
            assertTxPairsWithRx(ours);
            assertSameFramesAsTcpdump(ours, net.a, pcapA, net);
            assertSameFramesAsTcpdump(ours, net.b, pcapB, net);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(eventsFile))).isEqualTo("rw-------");
    }

    /** Events, the startup event left out; the reader must accept every line. */
    static List<Event> readEvents(Path file) throws EventFileException {
        List<String> warnings = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        try (EventFileReader reader = EventFileReader.open(new InputSpec(file, false), warnings::add)) {
            for (Event e; (e = reader.nextEvent()) != null; ) {
                if (!e.isStartup()) {
                    events.add(e);
                }
            }
        }
        assertThat(warnings).isEmpty();
        return events;
    }

    private static List<Seen> ours(List<Event> events, VethPair net) {
        List<Seen> seen = new ArrayList<>();
        for (Event e : events) {
            if (e.netns == null || e.packet == null) {
                continue;
            }
            for (VethPair.Side side : net.sides()) {
                Frame frame = Frame.parse(e.packet.data());
                if (e.netns.inum() == side.netnsInum() && Traffic.isOurs(frame, net)) {
                    seen.add(new Seen(e, frame, side));
                }
            }
        }
        return seen;
    }

    private static void assertDevicesAndNamespaces(List<Seen> ours) {
        assertThat(ours).isNotEmpty();
        for (Seen s : ours) {
            assertThat(s.event.kernel.symbol()).isIn(TX, RX);
            assertThat(s.event.dev).as("dev of %s", s.frame).isNotNull();
            assertThat(s.event.dev.ifindex()).as("ifindex of %s", s.frame).isEqualTo(s.side.ifindex());
            assertThat(s.event.dev.name()).isEqualTo(s.side.veth());
            assertThat(s.event.packet.captureLen()).isEqualTo(s.event.packet.data().length);
            assertThat(s.event.packet.len()).isGreaterThanOrEqualTo(s.event.packet.captureLen());
            assertThat(s.id()).as("tracking of %s", s.frame).isNotNull();
        }
    }

    /** Each exchange shows up leaving the side that sent it. */
    private static void assertExpectedPackets(List<Seen> ours, VethPair net) {
        String a4 = Frame.canonical(net.a.ipv4()), b4 = Frame.canonical(net.b.ipv4());
        String a6 = Frame.canonical(net.a.ipv6()), b6 = Frame.canonical(net.b.ipv6());
        int port = Traffic.PORT;
        assertSentBy(ours, net.a, "ICMP echo request", f -> f.protocol() == 1 && f.icmpType() == 8
                && f.src().equals(a4) && f.dst().equals(b4));
        assertSentBy(ours, net.b, "ICMP echo reply", f -> f.protocol() == 1 && f.icmpType() == 0
                && f.src().equals(b4) && f.dst().equals(a4));
        assertSentBy(ours, net.a, "ICMPv6 echo request", f -> f.protocol() == 58 && f.icmpType() == 128
                && f.src().equals(a6) && f.dst().equals(b6));
        assertSentBy(ours, net.b, "ICMPv6 echo reply", f -> f.protocol() == 58 && f.icmpType() == 129
                && f.src().equals(b6) && f.dst().equals(a6));
        assertSentBy(ours, net.a, "UDP datagram", f -> f.protocol() == 17 && f.srcPort() == port + 1
                && f.dstPort() == port && f.src().equals(a4) && f.dst().equals(b4));
        assertSentBy(ours, net.a, "TCP SYN", f -> f.isTcp() && f.tcpFlags() == Frame.SYN && f.dstPort() == port);
        assertSentBy(ours, net.b, "TCP SYN-ACK", f -> f.isTcp() && f.tcpFlags() == (Frame.SYN | Frame.ACK)
                && f.srcPort() == port);
        assertSentBy(ours, net.a, "TCP FIN from the client", f -> f.isTcp() && f.hasFlags(Frame.FIN) && f.dstPort() == port);
        assertSentBy(ours, net.b, "TCP FIN from the server", f -> f.isTcp() && f.hasFlags(Frame.FIN) && f.srcPort() == port);
    }

    private static void assertSentBy(List<Seen> ours, VethPair.Side sender, String what, Predicate<Frame> matches) {
        List<Seen> tx = ours.stream().filter(s -> s.tx() && matches.test(s.frame)).toList();
        assertThat(tx).as("TX events of the %s", what).hasSize(1);
        assertThat(tx.getFirst().side).as("sender of the %s", what).isEqualTo(sender);
    }

    /**
     * A TX on one veth and the RX on its peer are the same frame with the same tracking id; no
     * two packets share an id.
     */
    private static void assertTxPairsWithRx(List<Seen> ours) {
        Set<String> ids = new HashSet<>();
        List<Seen> tx = ours.stream().filter(Seen::tx).toList();
        List<Seen> rx = ours.stream().filter(s -> !s.tx()).toList();
        assertThat(rx).hasSameSizeAs(tx);
        for (Seen sent : tx) {
            List<Seen> received = rx.stream()
                    .filter(r -> r.side != sent.side && r.frame.hex().equals(sent.frame.hex())).toList();
            assertThat(received).as("RX of %s", sent.frame).hasSize(1);
            assertThat(received.getFirst().id().idHex()).as("tracking id of RX of %s", sent.frame)
                    .isEqualTo(sent.id().idHex());
            assertThat(ids.add(sent.id().idHex())).as("tracking id %s is unique", sent.id().idHex()).isTrue();
        }
    }

    /**
     * The frames of our traffic on one interface, TX and RX, are what tcpdump recorded there: same
     * length on the wire, and the captured bytes are the frame's first bytes (the probes copy the
     * skb's head buffer, at most 255 bytes; TCP payload in page fragments is left out).
     */
    private static void assertSameFramesAsTcpdump(List<Seen> ours, VethPair.Side side, Path pcap, VethPair net)
            throws Exception {
        List<PcapFile.Record> dumped = new ArrayList<>(PcapFile.read(pcap).stream()
                .filter(r -> Traffic.isOurs(Frame.parse(r.data()), net)).toList());
        List<Seen> captured = ours.stream().filter(s -> s.side == side).toList();
        assertThat(captured).as("events on %s", side.veth()).isNotEmpty();
        for (Seen s : captured) {
            byte[] data = s.event.packet.data();
            PcapFile.Record match = dumped.stream()
                    .filter(r -> r.wireLength() == s.event.packet.len()
                            && Arrays.equals(PcapFile.head(r.data(), data.length), data))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("tcpdump did not see on " + side.veth() + " the "
                            + s.event.kernel.symbol() + " frame " + s.event.packet.len() + ":" + s.frame.hex()
                            + "\ntcpdump saw:\n" + String.join("\n", dumped.stream()
                                    .map(r -> r.wireLength() + ":" + HexFormat.of().formatHex(r.data())).toList())));
            dumped.remove(match);
        }
        assertThat(dumped).as("frames tcpdump saw on %s without an event", side.veth())
                .extracting(r -> HexFormat.of().formatHex(r.data())).isEmpty();
    }
}
