package org.jretis.sink.pcapng;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jretis.event.CommonSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.PacketSection;
import org.jretis.event.StartupSection;

/**
 * The fixed events of the golden file, and stand-ins for the text and JSON renderings the writer
 * is given (their real implementations live elsewhere and must not change the golden bytes).
 */
final class PcapngSamples {
    static final PcapngProbe XMIT = new PcapngProbe("raw_tracepoint", "net:net_dev_start_xmit");
    static final PcapngProbe RECEIVE = new PcapngProbe("raw_tracepoint", "net:netif_receive_skb");

    static final long STARTUP_TIMESTAMP = 30415793489711L;
    static final StartupSection.ClockOffset OFFSET = new StartupSection.ClockOffset(1742309146, 691042000);

    /** A ping from 192.168.125.10 to .11, 98 bytes, from Retis' test_events_packets.json. */
    static final byte[] ICMP_ECHO = Base64.getDecoder().decode(
            "+ly9jswBpsIRcVlFCABFAABUo/lAAEABG0nAqH0KwKh9CwgAQFpxTAAB7f3ZZwAAAACzHw0AAAAAABAREhMUFRYXGBkaGx"
                    + "wdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc=");

    /** The small schema written in the golden file, so schema edits do not change it. */
    static final byte[] SCHEMA = "{\"title\":\"Retis Metadata\",\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8);

    /** One packet block expected in the file. */
    record Expected(PcapngProbe probe, int interfaceId, long timestampNanos, int originalLength, byte[] data,
                    String comment, String json) {}

    private PcapngSamples() {}

    /**
     * In order: startup; ICMP at xmit; TCP SYN at receive (a comment with a two-byte character);
     * an event without packet; a 1514-byte ICMP echo captured on 255 bytes at xmit; the TCP SYN
     * again at receive, reusing its interface.
     */
    static List<Event> events() {
        return List.of(
                startup(),
                packetEvent(XMIT, 30419169061793L, "ping", 98, ICMP_ECHO),
                packetEvent(RECEIVE, 30419169314440L, "curl-é", 58, tcpSyn()),
                withoutPacket(RECEIVE, 30419169457160L),
                packetEvent(XMIT, 30419170000001L, "ping", 1514, Arrays.copyOf(bigIcmpEcho(), 255)),
                packetEvent(RECEIVE, 30419171234567L, "curl", 58, tcpSyn()));
    }

    static List<Expected> expected() {
        long offset = OFFSET.toNanos();
        List<Event> events = events();
        return List.of(
                expectation(events.get(1), XMIT, 0, offset),
                expectation(events.get(2), RECEIVE, 1, offset),
                expectation(events.get(4), XMIT, 0, offset),
                expectation(events.get(5), RECEIVE, 1, offset));
    }

    private static Expected expectation(Event e, PcapngProbe probe, int interfaceId, long offset) {
        Event withoutPacket = e.copy();
        withoutPacket.packet = null;
        return new Expected(probe, interfaceId, e.common.timestamp() + offset, e.packet.len(), e.packet.data(),
                text(e), new String(json(withoutPacket), StandardCharsets.UTF_8));
    }

    /** Stand-in for the multi-line text: a probe line and a packet line. */
    static String text(Event e) {
        return e.common.timestamp() + " [" + e.common.task().comm() + "] [tp] " + e.kernel.symbol()
                + "\n  if 4 (veth0) len " + e.packet.len();
    }

    /** Stand-in for the compact JSON: shows a packet if one is left, so the test can tell. */
    static byte[] json(Event e) {
        String json = "{\"common\":{\"timestamp\":" + e.common.timestamp() + "},\"kernel\":{\"symbol\":\""
                + e.kernel.symbol() + "\",\"probe_type\":\"" + e.kernel.probeType() + "\"}"
                + (e.packet == null ? "" : ",\"packet\":{}") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static Event startup() {
        Event e = new Event();
        e.common = new CommonSection(STARTUP_TIMESTAMP, null, null);
        e.startup = new StartupSection("1.7.0+jretis", "retis collect", OFFSET, null, null);
        return e;
    }

    private static Event packetEvent(PcapngProbe probe, long timestamp, String comm, int len, byte[] data) {
        Event e = withoutPacket(probe, timestamp);
        e.common = new CommonSection(timestamp, 1, new CommonSection.Task(4242, 4242, comm));
        e.packet = new PacketSection(len, data.length, data);
        return e;
    }

    private static Event withoutPacket(PcapngProbe probe, long timestamp) {
        Event e = new Event();
        e.common = new CommonSection(timestamp, 1, new CommonSection.Task(4242, 4242, "ksoftirqd/1"));
        e.kernel = new KernelSection(probe.symbol(), probe.probeType(), null);
        return e;
    }

    /** 10.0.42.1:40000 > 10.0.42.2:80, SYN with an MSS option: 58 bytes. */
    static byte[] tcpSyn() {
        ByteBuffer p = ByteBuffer.allocate(58);
        ethernet(p);
        ipv4(p, 44, 6);
        p.putShort((short) 40000).putShort((short) 80).putInt(0x01020304).putInt(0)
                .putShort((short) 0x6002) // data offset 6 words, SYN
                .putShort((short) 64240).putShort((short) 0).putShort((short) 0)
                .put(new byte[] {2, 4, 0x05, (byte) 0xb4});
        return p.array();
    }

    /** A 1514-byte echo request from 10.0.42.1 to 10.0.42.2. */
    static byte[] bigIcmpEcho() {
        ByteBuffer p = ByteBuffer.allocate(1514);
        ethernet(p);
        ipv4(p, 1500, 1);
        p.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) 7).putShort((short) 1);
        while (p.hasRemaining()) {
            p.put((byte) p.position());
        }
        return p.array();
    }

    private static void ethernet(ByteBuffer p) {
        p.put(new byte[] {2, 0, 0, 0, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
    }

    private static void ipv4(ByteBuffer p, int totalLength, int protocol) {
        int start = p.position();
        p.put((byte) 0x45).put((byte) 0).putShort((short) totalLength).putShort((short) 0x1234)
                .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(new byte[] {10, 0, 42, 1}).put(new byte[] {10, 0, 42, 2});
        int sum = 0;
        for (int i = start; i < start + 20; i += 2) {
            sum += p.getShort(i) & 0xffff;
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        p.putShort(start + 10, (short) ~((sum & 0xffff) + (sum >>> 16)));
    }
}
