package org.jretis.collector.nft;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * What identifies a packet from its network header on, the same where nftables traced it and
 * where a probe saw it: the fields that no hop or NAT rewrites. IPv4: version, length, id,
 * fragment field and protocol (not TTL, checksum, addresses); IPv6: version, class, flow label,
 * payload length, next header (not hop limit, addresses); then up to the 20 bytes of transport
 * header a trace carries, without ports and checksums: TCP's sequence, acknowledgement, offset
 * and flags, other protocols' bytes 8 to 20 (UDP's and ICMP's payload); behind IPv6 extension
 * headers, bytes 8 to 16.
 */
final class PacketSignature {
    /** NFT_TRACETYPE_TRANSPORT_HSIZE: the transport bytes a trace carries at most. */
    static final int TRANSPORT_BYTES = 20;
    private static final int TCP = 6;
    private static final int FRAGMENT = 44;
    private static final int AH = 51;
    /** IPv6 extension headers: hop-by-hop, routing, fragment, AH, destination options, mobility, HIP, shim6. */
    private static final Set<Integer> EXTENSIONS = Set.of(0, 43, FRAGMENT, AH, 60, 135, 139, 140);

    private PacketSignature() {}

    /**
     * The signature of the packet whose network header starts at {@code at} in {@code data}, of
     * which {@code available} bytes are there; null when it is neither IPv4 nor IPv6 or too short.
     * IPv6 extension headers are walked to the transport header.
     */
    static ByteBuffer of(byte[] data, int at, int available) {
        return of(data, at, available, -1);
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
        // A trace's network header stops at the transport header, or at 40 bytes (IPv6 without
        // its extension headers): its transport header follows it either way.
        return of(l3, 0, l3.length, networkHeader.length);
    }

    /** @param transportAt where the transport header is, or -1 to find it */
    private static ByteBuffer of(byte[] data, int at, int available, int transportAt) {
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
            transport = transportAt >= 0 ? transportAt : (data[at] & 0x0f) * 4;
            protocol = data[at + 9] & 0xff;
            packetLength = u16(data, at + 2);
        } else if (version == 6 && available >= 40) {
            sig.put(data, at, 7);
            protocol = data[at + 6] & 0xff;
            transport = transportAt >= 0 ? transportAt : transport6(data, at, available, protocol);
            packetLength = 40 + u16(data, at + 4);
        } else {
            return null;
        }
        // Behind IPv6 extension headers the transport protocol is not known from a trace: bytes
        // 8 to 16 are stable in TCP (acknowledgement, offset, flags, window) as in UDP and ICMPv6.
        boolean extended = version == 6 && EXTENSIONS.contains(protocol);
        int from = protocol == TCP ? 4 : 8;
        int limit = extended ? 16 : TRANSPORT_BYTES;
        int to = Math.min(Math.min(limit, packetLength - transport), available - transport);
        for (int i = from; i < to; i++) {
            if (protocol != TCP || i < 16) {
                sig.put(data[at + transport + i]);
            }
        }
        return sig.flip();
    }

    /** The offset of an IPv6 packet's transport header, behind its extension headers. */
    private static int transport6(byte[] data, int at, int available, int next) {
        int offset = 40;
        while (EXTENSIONS.contains(next) && offset + 2 <= available) {
            int length = next == FRAGMENT ? 8 : next == AH ? ((data[at + offset + 1] & 0xff) + 2) * 4
                    : ((data[at + offset + 1] & 0xff) + 1) * 8;
            next = data[at + offset] & 0xff;
            offset += length;
        }
        return offset;
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
