package org.jretis.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jretis.packet.TestFrames.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.jretis.event.json.Fixtures;
import org.junit.jupiter.api.Test;

class PacketDissectorTest {
    private static final String A = "aa:bb:cc:00:00:01";
    private static final String B = "aa:bb:cc:00:00:02";
    private static final byte[] PING_DATA = zeros(56);

    private static String text(byte[] frame) {
        return PacketDissector.describe(frame, frame.length, false);
    }

    private static String withLinkLayer(byte[] frame) {
        return PacketDissector.describe(frame, frame.length, true);
    }

    private static byte[] ping4() {
        return ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", ICMP).id(41977).dontFragment()
                .wrap(icmp(8, 0, 1, 1, PING_DATA)));
    }

    @Test
    void ipv4LayoutPutsTtlBeforeTos() {
        assertThat(text(ping4()))
                .isEqualTo("10.0.0.1 > 10.0.0.2 ttl 64 tos 0x0 id 41977 off 0 [DF] len 84 proto ICMP (1) type 8 code 0");
    }

    @Test
    void ipv6AddressesAreInRfc5952Form() {
        byte[] frame = ethernet(A, B, IPV6, ipv6("2001:db8::5", "2606:4700:4700::1111", ICMPV6).label(0xbf87b)
                .wrap(icmp(128, 0, 1, 1, PING_DATA)));
        assertThat(text(frame)).isEqualTo(
                "2001:db8::5 > 2606:4700:4700::1111 ttl 64 label 0xbf87b len 64 proto ICMPv6 (58) type 128 code 0");
        assertThat(address("::1")).isEqualTo("::1");
        assertThat(address("fe80::1")).isEqualTo("fe80::1");
        assertThat(address("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
        assertThat(address("2001:0:0:1:0:0:0:1")).isEqualTo("2001:0:0:1::1");
        assertThat(address("2001:db8:0:1:1:1:1:1")).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(address("2001:DB8::")).isEqualTo("2001:db8::");
        assertThat(address("::")).isEqualTo("::");
        assertThat(address("::ffff:10.1.2.3")).isEqualTo("::ffff:10.1.2.3");
    }

    private static String address(String text) {
        StringBuilder out = new StringBuilder();
        Addresses.appendIpv6(out, ip6(text), 0);
        return out.toString();
    }

    private static byte[] ip6(String text) {
        try {
            // Inet6Address keeps the 16 bytes even for a mapped address, unlike getByName.
            return java.net.Inet6Address.getByAddress(null, java.net.InetAddress.getByName(text).getAddress().length == 4
                    ? mapped(java.net.InetAddress.getByName(text).getAddress())
                    : java.net.InetAddress.getByName(text).getAddress(), null).getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] mapped(byte[] v4) {
        byte[] a = new byte[16];
        a[10] = (byte) 0xff;
        a[11] = (byte) 0xff;
        System.arraycopy(v4, 0, a, 12, 4);
        return a;
    }

    @Test
    void linkLayerShowsMacsAndVlanTags() {
        byte[] frame = ethernet(A, B, VLAN, vlan(100, 5, true, IPV4,
                ipv4("10.0.0.1", "10.0.0.2", ICMP).wrap(icmp(8, 0, 1, 1, PING_DATA))));
        assertThat(withLinkLayer(frame)).startsWith(
                "aa:bb:cc:00:00:01 > aa:bb:cc:00:00:02 ethertype 802.1Q (0x8100) vlan 100 p 5 DEI ethertype IPv4 (0x0800) 10.0.0.1 > 10.0.0.2 ttl 64");
        assertThat(text(frame)).startsWith("10.0.0.1 > 10.0.0.2 ttl 64");
    }

    @Test
    void ipv4FlagsAreTcpdumps() {
        byte[] fragment = ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", UDP).reservedFlag().dontFragment()
                .moreFragments().fragmentOffset(1480).wrap(zeros(8)));
        assertThat(text(fragment)).isEqualTo("10.0.0.1 > 10.0.0.2 ttl 64 tos 0x0 id 0 off 1480 [rsvd,DF,+] len 28 proto UDP (17)");
    }

    @Test
    void tosShowsDscpThenEcn() {
        byte[] frame = ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", ICMP).tos(0xb8 | 0x3).wrap(icmp(8, 0, 1, 1, zeros(0))));
        assertThat(text(frame)).contains(" tos 0x2e CE id ");
    }

    @Test
    void tcpSequenceRangeCoversThePayloadFromTheIpLength() {
        byte[] frame = ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", TCP).wrap(
                tcp(40000, 80).flags("P.").seq(4294967290L).ack(7).window(502).wrap(zeros(1000))));
        // Captured short: the range still comes from the IP length.
        assertThat(PacketDissector.describe(frame, 80, false)).endsWith(
                "proto TCP (6) flags [P.] seq 4294967290:994 ack 7 win 502");
    }

    @Test
    void tcpOptionsAreNamedAsTcpdumpDoes() {
        byte[] options = new Bytes().raw("0204 05b4").raw("0402").raw("080a 00000001 00000000").raw("01")
                .raw("0303 07").raw("050a 00000064 000000c8").raw("2202").raw("1e04 0000").raw("fe02").raw("00").build();
        byte[] frame = ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", TCP).wrap(tcp(1, 2).flags("SEW").options(options).wrap(zeros(0))));
        assertThat(text(frame)).endsWith(
                "flags [SEW] seq 0 win 65535 [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7,sack 1 {100:200},tfo cookiereq,mptcp,exp,eol]");
    }

    @Test
    void truncatedPacketKeepsTheTextSoFar() {
        byte[] frame = ping4();
        assertThat(PacketDissector.describe(frame, 14 + 20 + 1, false)).isEqualTo(
                "10.0.0.1 > 10.0.0.2 ttl 64 tos 0x0 id 41977 off 0 [DF] len 84 proto ICMP (1)... (truncated or incomplete packet)");
        assertThat(PacketDissector.describe(frame, 20, false)).isEqualTo("... (truncated or incomplete packet)");
        assertThat(PacketDissector.describe(frame, 20, true)).isEqualTo(
                "aa:bb:cc:00:00:01 > aa:bb:cc:00:00:02 ethertype IPv4 (0x0800)... (truncated or incomplete packet)");
        assertThat(PacketDissector.describe(frame, 13, true)).isEqualTo("... (truncated or incomplete packet)");
    }

    @Test
    void unsupportedLayersSaySoWithTheirNumber() {
        assertThat(withLinkLayer(ethernet(A, B, 0x88cc, zeros(30)))).isEqualTo(
                "aa:bb:cc:00:00:01 > aa:bb:cc:00:00:02 ethertype (0x88cc)... (ethertype 0x88cc not supported, use 'retis pcap')");
        assertThat(text(ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", 47).id(1).wrap(zeros(20))))).isEqualTo(
                "10.0.0.1 > 10.0.0.2 ttl 64 tos 0x0 id 1 off 0 len 40 proto GRE (47)... (protocol 0x2f not supported, use 'retis pcap')");
        assertThat(text(ethernet(A, B, ARP, arp(9, A, "10.0.0.1", B, "10.0.0.2")))).isEqualTo(
                "... (ARP operation 9 not supported, use 'retis pcap')");
    }

    @Test
    void vxlanShowsTheInnerPacket() {
        byte[] inner = ethernet(A, B, IPV4, ipv4("10.0.43.1", "10.0.43.2", ICMP).wrap(icmp(8, 0, 1, 1, zeros(0))));
        byte[] frame = ethernet(A, B, IPV4, ipv4("10.0.42.1", "10.0.42.2", UDP).wrap(
                udp(17145, 4789, new Bytes().raw("08000000 00000100").raw(inner).build())));
        assertThat(text(frame)).isEqualTo("10.0.42.1.17145 > 10.0.42.2.4789 ttl 64 tos 0x0 id 0 off 0 len 78 proto UDP (17) len 50"
                + " vxlan [I] vni 0x1 10.0.43.1 > 10.0.43.2 ttl 64 tos 0x0 id 0 off 0 len 28 proto ICMP (1) type 8 code 0");
    }

    @Test
    void geneveShowsItsOptionsAndTheInnerPacket() {
        byte[] inner = ipv4("10.0.43.1", "10.0.43.2", ICMP).wrap(icmp(8, 0, 1, 1, zeros(0)));
        byte[] geneve = new Bytes().raw("02 40 0800 000001 00").raw("0102 81 01 00000000").raw(inner).build();
        byte[] frame = ethernet(A, B, IPV4, ipv4("10.0.42.1", "10.0.42.2", UDP).wrap(udp(1, 6081, geneve)));
        assertThat(text(frame)).contains("len 44 geneve [C] vni 0x1 [class 0x102 type 0x81(C) len 4] 10.0.43.1 > 10.0.43.2");
        assertThat(withLinkLayer(frame)).contains("geneve [C] vni 0x1 proto IPv4 (0x0800) [class");
    }

    @Test
    void sctpListsItsChunks() {
        byte[] sctp = new Bytes().u16(34124).u16(5060).u32(0).u32(0)
                .raw("01 00 0014 c58b332e 0001a000 000a ffff f8d2 409c").build();
        byte[] frame = ethernet(A, B, IPV4, ipv4("10.0.42.1", "10.0.42.2", 132).tos(2).dontFragment().wrap(sctp));
        assertThat(text(frame)).isEqualTo("10.0.42.1.34124 > 10.0.42.2.5060 ttl 64 tos 0x0 ECT(0) id 0 off 0 [DF] len 52 proto SCTP (132)"
                + " vtag 0x0 [INIT init_tag 0xc58b332e rwnd 106496 OS 10 MIS 65535 init_TSN 4174528668]");
    }

    @Test
    void ipsecHeaders() {
        byte[] ah = new Bytes().u8(ICMP).u8(4).u16(0).u32(0x100).u32(7).raw("0102030405060708090a0b0c")
                .raw(icmp(8, 0, 1, 1, zeros(0))).build();
        assertThat(text(ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", 51).wrap(ah)))).endsWith(
                "proto AH (51) spi 0x00000100 seq 0x7 icv 0x0102030405060708090a0b0c proto ICMP (1) type 8 code 0");
        byte[] esp = new Bytes().u32(0x100).u32(7).raw(zeros(16)).build();
        assertThat(text(ethernet(A, B, IPV4, ipv4("10.0.0.1", "10.0.0.2", 50).wrap(esp)))).endsWith(
                "proto ESP (50) spi 0x00000100 seq 0x7");
    }

    @Test
    void retisFixturePacketsReadAsRetisPrintsThem() throws IOException {
        Path file = Fixtures.file("test_events_packets.json");
        List<String> lines = Files.readAllLines(file);
        JsonNode packet = new ObjectMapper().readTree(lines.get(1)).get("packet");
        byte[] data = Base64.getDecoder().decode(packet.get("data").asText());
        assertThat(PacketDissector.describe(data, packet.get("capture_len").asInt(), true)).isEqualTo(
                "a6:c2:11:71:59:45 > fa:5c:bd:8e:cc:01 ethertype IPv4 (0x0800) 192.168.125.10 > 192.168.125.11"
                        + " ttl 64 tos 0x0 id 41977 off 0 [DF] len 84 proto ICMP (1) type 8 code 0");
    }
}
