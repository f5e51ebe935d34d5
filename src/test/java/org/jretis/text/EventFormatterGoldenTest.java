package org.jretis.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jretis.packet.TestFrames.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbDropSection;
import org.jretis.event.SkbSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.StartupSection;
import org.jretis.packet.TestFrames.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case is rendered as a sink writes it, multi-line (followed by a blank line) then
 * single-line, and compared byte for byte with {@code golden/text/<case>.txt}. Run with
 * {@code -Dgolden.update=true} to rewrite the files after a deliberate change, then review them.
 */
class EventFormatterGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/text");
    private static final String SRC_MAC = "9e:1d:3d:31:9e:3b";
    private static final String DST_MAC = "ae:b0:4a:6a:bf:af";
    private static final long BOOT_TIME = 7129250251406L;

    record Case(String name, Event event, boolean linkLayer, boolean utc) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                plain("decision2-ipv6", ethernet(SRC_MAC, DST_MAC, IPV6,
                        ipv6("2001:db8::5", "2606:4700:4700::1111", ICMPV6).label(0xbf87b)
                                .wrap(icmp(128, 0, 0x1c, 1, zeros(56))))),
                plain("decision2-ipv4", ethernet(SRC_MAC, DST_MAC, IPV4,
                        ipv4("10.0.0.1", "10.0.0.2", ICMP).id(41977).dontFragment().wrap(icmp(8, 0, 0x714c, 1, zeros(56))))),
                linkLayer("ethernet", ethernet(SRC_MAC, DST_MAC, IPV4,
                        ipv4("10.0.0.1", "10.0.0.2", ICMP).id(1).wrap(icmp(0, 0, 0x714c, 1, zeros(56))))),
                linkLayer("vlan", vlanFrame()),
                plain("vlan-without-link-layer", vlanFrame()),
                plain("arp-request", ethernet(SRC_MAC, "ff:ff:ff:ff:ff:ff", ARP,
                        arp(1, SRC_MAC, "10.0.0.1", "00:00:00:00:00:00", "10.0.0.2"))),
                plain("arp-reply", ethernet(DST_MAC, SRC_MAC, ARP, arp(2, DST_MAC, "10.0.0.2", SRC_MAC, "10.0.0.1"))),
                plain("ipv4-options", ethernet(SRC_MAC, DST_MAC, IPV4, ipv4("10.0.0.1", "10.0.0.2", ICMP).id(7)
                        // Record route with room for 2 addresses, then router alert.
                        .options(new Bytes().raw("07 0b 04 00000000 00000000").raw("94 04 0000").build())
                        .wrap(icmp(8, 0, 1, 1, zeros(8))))),
                plain("ipv4-first-fragment", ethernet(SRC_MAC, DST_MAC, IPV4, ipv4("10.0.0.1", "10.0.0.2", UDP).id(9)
                        .moreFragments().wrap(udp(5353, 5353, zeros(100))))),
                plain("ipv4-last-fragment", ethernet(SRC_MAC, DST_MAC, IPV4, ipv4("10.0.0.1", "10.0.0.2", UDP).id(9)
                        .fragmentOffset(1480).wrap(zeros(20)))),
                plain("ipv6-extensions", ethernet(SRC_MAC, DST_MAC, IPV6, ipv6("fe80::1", "ff02::16", UDP).hopLimit(1)
                        .extension(0, 1).extension(60, 2).fragment(0, true, 0x1234).wrap(udp(546, 547, zeros(12))))),
                plain("tcp-syn-options", ethernet(SRC_MAC, DST_MAC, IPV6, ipv6("1111::1", "1111::2", TCP).label(0x6f48a)
                        .wrap(tcp(56164, 80).flags("S").seq(2987508160L).window(64800)
                                .options(new Bytes().raw("0204 05a0 0402 080a 53fd 2682 00000000 01 030307").build())
                                .wrap(zeros(0))))),
                plain("tcp-data", ethernet(SRC_MAC, DST_MAC, IPV4, ipv4("192.168.1.10", "93.184.216.34", TCP)
                        .id(4242).dontFragment().wrap(tcp(51234, 443).flags("P.").seq(1000).ack(2000).window(501)
                                .options(new Bytes().raw("0101 080a 00001000 00002000").build()).wrap(zeros(100))))),
                plain("udp", ethernet(SRC_MAC, DST_MAC, IPV4, ipv4("10.0.0.1", "224.0.0.251", UDP).ttl(255)
                        .wrap(udp(5353, 5353, zeros(32))))),
                plain("unsupported-ethertype", ethernet(SRC_MAC, "01:80:c2:00:00:0e", 0x88cc, zeros(46))),
                linkLayer("unsupported-ethertype-link-layer", ethernet(SRC_MAC, "01:80:c2:00:00:0e", 0x88cc, zeros(46))),
                plain("unsupported-protocol", ethernet(SRC_MAC, DST_MAC, IPV4,
                        ipv4("10.0.0.1", "10.0.0.2", 47).id(1).wrap(zeros(20)))),
                truncated(),
                namespaced(),
                namespacedWithoutCookie(),
                namespaceNamed(),
                dropWithStack(),
                skbMetadata(false),
                skbMetadata(true),
                startup(false),
                startup(true),
                rawSections());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTheGoldenFile(Case c) throws IOException {
        String actual = render(c.event(), EventFormatter.Format.MULTI_LINE, c) + "\n\n"
                + render(c.event(), EventFormatter.Format.SINGLE_LINE, c) + "\n";
        Path golden = GOLDEN.resolve(c.name() + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static String render(Event event, EventFormatter.Format format, Case c) {
        StringBuilder out = new StringBuilder();
        new EventFormatter(format, c.utc(), c.linkLayer()).format(event, out);
        return out.toString();
    }

    /** The ifdump event of Decision 2: ping on CPU 5, transmitted on wlp82s0 of the host. */
    static Event packetEvent(byte[] frame) {
        Event e = new Event();
        e.common = new CommonSection(BOOT_TIME, 5, new CommonSection.Task(23561, 23561, "ping"));
        e.kernel = new KernelSection("net:net_dev_start_xmit", "raw_tracepoint", null);
        e.skbTracking = new SkbTrackingSection(0xffff8f67ed249b80L, BOOT_TIME, 0xffff8f67919c2b00L);
        e.packet = new PacketSection(frame.length, frame.length, frame);
        e.netns = new NetnsSection(1L, NetnsSection.FIRST_DYNAMIC_INUM);
        e.dev = new DevSection("wlp82s0", 4, null);
        return e;
    }

    private static Case plain(String name, byte[] frame) {
        return new Case(name, packetEvent(frame), false, false);
    }

    private static Case linkLayer(String name, byte[] frame) {
        return new Case(name, packetEvent(frame), true, false);
    }

    private static byte[] vlanFrame() {
        return ethernet(SRC_MAC, DST_MAC, VLAN, vlan(123, 6, false, IPV6,
                ipv6("2001:db8::1", "2001:db8::2", ICMPV6).hopLimit(255).wrap(icmp(135, 0, 0, 0, zeros(16)))));
    }

    private static Case truncated() {
        byte[] frame = ethernet(SRC_MAC, DST_MAC, IPV4, ipv4("10.0.0.1", "10.0.0.2", TCP).id(3).dontFragment()
                .wrap(tcp(40000, 22).flags("S").seq(1).options(new Bytes().raw("020405b4").build()).wrap(zeros(0))));
        Event e = packetEvent(frame);
        // The capture stops inside the TCP header.
        e.packet = new PacketSection(frame.length, 14 + 20 + 10, cut(frame, 14 + 20 + 10));
        return new Case("truncated", e, false, false);
    }

    private static Case namespaced() {
        Event e = packetEvent(ethernet(SRC_MAC, DST_MAC, IPV4,
                ipv4("192.168.125.10", "192.168.125.11", ICMP).id(41977).dontFragment().wrap(icmp(8, 0, 29004, 1, zeros(56)))));
        e.netns = new NetnsSection(3L, 4026532741L);
        e.dev = new DevSection("veth-ns01", 11, 11);
        return new Case("namespaced", e, false, false);
    }

    private static Case namespacedWithoutCookie() {
        Event e = namespaced().event();
        e.netns = new NetnsSection(null, 4026532741L);
        e.packet = null;
        return new Case("namespaced-without-cookie", e, false, false);
    }

    private static Case namespaceNamed() {
        Event e = namespaced().event();
        e.netns = new NetnsSection(3L, 4026532741L, "blue");
        return new Case("namespace-named", e, false, false);
    }

    private static Case dropWithStack() {
        Event e = packetEvent(ethernet(SRC_MAC, DST_MAC, IPV4,
                ipv4("10.0.0.2", "10.0.0.1", UDP).id(77).wrap(udp(33000, 9999, zeros(10)))));
        e.common = new CommonSection(BOOT_TIME + 1000, 0, new CommonSection.Task(26822, 26823, "isc-net-0000"));
        e.kernel = new KernelSection("skb:kfree_skb", "raw_tracepoint",
                List.of("kfree_skb_reason+0x9b", "__udp4_lib_rcv+0x5c4", "ip_local_deliver_finish+0x77", "0xffffffffc0a1b2c3"));
        e.skbDrop = new SkbDropSection(null, "NO_SOCKET");
        e.dev = new DevSection("lo", 1, 1);
        return new Case("drop-with-stack", e, false, false);
    }

    private static Case skbMetadata(boolean linkLayer) {
        Event e = packetEvent(ethernet(SRC_MAC, DST_MAC, IPV4,
                ipv4("10.0.0.1", "10.0.0.2", TCP).id(5).dontFragment().wrap(tcp(443, 51234).flags(".").seq(5).ack(9).wrap(zeros(1400)))));
        e.kernel = new KernelSection("net:netif_receive_skb", "raw_tracepoint", null);
        e.skb = new SkbSection(new SkbSection.VlanAccel(0x8100, 6, true, 123),
                new SkbSection.Meta(1454, 1400, 0x7e2c5976L, 3, 0x0010_0022L, 0, 6),
                new SkbSection.DataRef(false, true, 2, 1, 2),
                new SkbSection.Gso(0, 3, 1400, 3, 0x1));
        return new Case(linkLayer ? "skb-metadata-link-layer" : "skb-metadata", e, linkLayer, false);
    }

    private static Case startup(boolean utc) {
        Event e = new Event();
        e.common = new CommonSection(30415793489711L, null, null);
        e.startup = new StartupSection("1.7.0+0.1.0", "retis collect -o --out-rotate 1MB",
                new StartupSection.ClockOffset(1742309146L, 691042000L),
                new StartupSection.Machine("6.18.0-1-amd64", "#1 SMP PREEMPT_DYNAMIC Debian 6.18.1-1", "x86_64"),
                new StartupSection.SplitFile(0, 1_000_000));
        return new Case(utc ? "startup-utc" : "startup", e, false, utc);
    }

    /** ct, nft and ovs sections, kept as raw JSON, on Retis' own values. */
    private static Case rawSections() {
        Event e = packetEvent(ethernet(SRC_MAC, DST_MAC, IPV4,
                ipv4("192.168.125.10", "192.168.125.11", ICMP).id(41977).dontFragment().wrap(icmp(8, 0, 29004, 1, zeros(56)))));
        e.kernel = new KernelSection("openvswitch:ovs_do_execute_action", "raw_tracepoint", null);
        try {
            ObjectMapper json = new ObjectMapper();
            e.others.put("ovs", json.readTree("""
                    {"action":"ct","event_type":"action_execute","flags":485,"nat":{"dir":"dst","max_addr":"10.244.1.30",\
                    "max_port":36900,"min_addr":"10.244.1.3","min_port":36895},"recirc_id":34,"zone_id":20}"""));
            e.others.put("nft", json.readTree("""
                    {"table_name":"firewalld","chain_name":"filter_INPUT_POLICIES","verdict":"drop","table_handle":4,\
                    "chain_handle":124,"rule_handle":284,"policy":false}"""));
            e.others.put("ct", json.readTree("""
                    {"state":"new","zone_id":0,"zone_dir":"Default","orig":{"ip":{"src":"192.168.125.10",\
                    "dst":"192.168.125.11","version":"v4"},"proto":{"icmp":{"code":0,"type":8,"id":29004}}},\
                    "reply":{"ip":{"src":"192.168.125.11","dst":"192.168.125.10","version":"v4"},\
                    "proto":{"icmp":{"code":0,"type":0,"id":29004}}},"mark":0,"ct_status":8,\
                    "parent":{"zone_id":5,"zone_dir":"None","orig":{"ip":{"src":"10.0.0.1","dst":"10.0.0.2","version":"v4"},\
                    "proto":{"tcp":{"sport":40000,"dport":21}}},"reply":{"ip":{"src":"10.0.0.2","dst":"10.0.0.1",\
                    "version":"v4"},"proto":{"tcp":{"sport":21,"dport":40000}}},"proto_state":"ESTABLISHED",\
                    "labels":{"hi":1,"lo":18446744073709551615},"ct_status":392}}"""));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Case("raw-sections", e, false, false);
    }
}
