package org.jretis.collector.nft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jretis.netlink.NftTrace;
import org.junit.jupiter.api.Test;

/** A trace's headers and the frame a probe saw of the same packet have one signature. */
class PacketSignatureTest {

    /** The drop trace of NftTraceTest's capture: headers of an ICMP echo request. */
    private static NftTrace drop() throws IOException {
        try (InputStream in = PacketSignatureTest.class.getResourceAsStream("/org/jretis/netlink/nft-trace-ping.hex")) {
            byte[] datagram = HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .skip(11).findFirst().orElseThrow());
            return NftTrace.parse(datagram, datagram.length).get(0);
        }
    }

    /** The frame a probe records: link, network and transport headers, then the rest of the payload. */
    private static byte[] frame(NftTrace t, int payload) {
        byte[] frame = new byte[t.linkHeader().length + t.networkHeader().length + t.transportHeader().length + payload];
        System.arraycopy(t.linkHeader(), 0, frame, 0, 14);
        System.arraycopy(t.networkHeader(), 0, frame, 14, 20);
        System.arraycopy(t.transportHeader(), 0, frame, 34, 20);
        return frame;
    }

    @Test
    void traceAndFrameOfOnePacketMatch() throws IOException {
        NftTrace t = drop();
        byte[] frame = frame(t, 36);
        int at = PacketSignature.networkOffset(frame, frame.length);
        assertThat(at).isEqualTo(14);
        assertThat(PacketSignature.of(frame, at, frame.length - at))
                .isEqualTo(PacketSignature.of(t.networkHeader(), t.transportHeader()));
    }

    @Test
    void ttlChecksumAndAddressesDoNotCountButTheIdDoes() throws IOException {
        NftTrace t = drop();
        byte[] frame = frame(t, 36);
        frame[14 + 8]--; // TTL, after a hop
        frame[14 + 10] ^= 0x5a; // checksum
        frame[14 + 12] = 10; // source address, after NAT
        assertThat(PacketSignature.of(frame, 14, frame.length - 14))
                .isEqualTo(PacketSignature.of(t.networkHeader(), t.transportHeader()));
        frame[14 + 5]++; // IP id: another packet
        assertThat(PacketSignature.of(frame, 14, frame.length - 14))
                .isNotEqualTo(PacketSignature.of(t.networkHeader(), t.transportHeader()));
    }

    @Test
    void vlanTagsAreSkippedAndOtherEtherTypesHaveNoNetworkHeader() {
        byte[] tagged = HexFormat.of().parseHex("ffffffffffff0000000000018100000a0800450000");
        assertThat(PacketSignature.networkOffset(tagged, tagged.length)).isEqualTo(18);
        byte[] arp = HexFormat.of().parseHex("ffffffffffff00000000000108060001");
        assertThat(PacketSignature.networkOffset(arp, arp.length)).isEqualTo(-1);
    }

    @Test
    void ipv6ExtensionHeadersAreWalkedInFramesAndSkippedByTraces() {
        // An MLDv2 report: IPv6 (next header hop-by-hop, payload 36), hop-by-hop with router alert, ICMPv6 143.
        byte[] l3 = HexFormat.of().parseHex("6000000000240001" + "fe80000000000000000000000000000a"
                + "ff020000000000000000000000000016" + "3a00050200000100" + "8f00aabb00000001"
                + "04000000ff0200000000000000000001ff000001");
        byte[] frame = new byte[14 + l3.length];
        frame[12] = (byte) 0x86;
        frame[13] = (byte) 0xdd;
        System.arraycopy(l3, 0, frame, 14, l3.length);
        byte[] networkHeader = java.util.Arrays.copyOf(l3, 40); // the trace stops at 40 bytes
        byte[] transportHeader = java.util.Arrays.copyOfRange(l3, 48, 68);
        assertThat(PacketSignature.of(frame, 14, frame.length - 14))
                .isEqualTo(PacketSignature.of(networkHeader, transportHeader));
    }
}
