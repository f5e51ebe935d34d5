package org.jretis.collector.nft;

import java.nio.ByteBuffer;

/**
 * What identifies a packet from its network header on, the same where nftables traced it and
 * where a probe saw it: the fields that no hop or NAT rewrites. IPv4: version, length, id,
 * fragment field and protocol (not TTL, checksum, addresses); IPv6: version, class, flow label,
 * payload length, next header (not hop limit, addresses); then up to the 20 bytes of transport
 * header a trace carries, without ports and checksums: TCP's sequence, acknowledgement, offset
 * and flags, other protocols' bytes 8 to 20 (UDP's and ICMP's payload).
 */
final class PacketSignature {
    /** NFT_TRACETYPE_TRANSPORT_HSIZE: the transport bytes a trace carries at most. */
    static final int TRANSPORT_BYTES = 20;
    private static final int TCP = 6;

    private PacketSignature() {}

    /**
     * The signature of the packet whose network header starts at {@code at} in {@code data}, of
     * which {@code available} bytes are there; null when it is neither IPv4 nor IPv6 or too short.
     */
    static ByteBuffer of(byte[] data, int at, int available) {
        if (available < 1) {
            return null;
        }
        int version = (data[at] & 0xff) >> 4;
        int transport;
        int protocol;
        int packetLength;
        ByteBuffer sig = ByteBuffer.allocate(32);
        if (version == 4 && available >= 20) {
            sig.put(data, at, 8).put(data[at + 9]);
            transport = (data[at] & 0x0f) * 4;
            protocol = data[at + 9] & 0xff;
            packetLength = u16(data, at + 2);
        } else if (version == 6 && available >= 40) {
            sig.put(data, at, 7);
            transport = 40;
            protocol = data[at + 6] & 0xff;
            packetLength = 40 + u16(data, at + 4);
        } else {
            return null;
        }
        int from = protocol == TCP ? 4 : 8;
        int to = Math.min(Math.min(TRANSPORT_BYTES, packetLength - transport), available - transport);
        for (int i = from; i < to; i++) {
            if (protocol != TCP || i < 16) {
                sig.put(data[at + transport + i]);
            }
        }
        return sig.flip();
    }

    /** The signature of a trace's headers, or null when it carries none. */
    static ByteBuffer of(byte[] networkHeader, byte[] transportHeader) {
        if (networkHeader == null) {
            return null;
        }
        byte[] l3 = new byte[networkHeader.length + (transportHeader == null ? 0 : transportHeader.length)];
        System.arraycopy(networkHeader, 0, l3, 0, networkHeader.length);
        if (transportHeader != null) {
            System.arraycopy(transportHeader, 0, l3, networkHeader.length, transportHeader.length);
        }
        return of(l3, 0, l3.length);
    }

    /** Where the network header starts in a packet section's bytes (from Ethernet), or -1. */
    static int networkOffset(byte[] frame, int length) {
        int at = 12;
        while (at + 2 <= length) {
            int type = u16(frame, at);
            if (type == 0x8100 || type == 0x88a8) {
                at += 4;
            } else {
                return type == 0x0800 || type == 0x86dd ? at + 2 : -1;
            }
        }
        return -1;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
