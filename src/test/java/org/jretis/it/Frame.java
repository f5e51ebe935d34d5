package org.jretis.it;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the kernel tests need to know of an Ethernet frame, read independently of the tool's own
 * dissector: addresses, L4 protocol, ports, ICMP type, TCP flags.
 *
 * @param protocol 1 ICMP, 6 TCP, 17 UDP, 58 ICMPv6; -1 when not IP
 * @param icmpType ICMP or ICMPv6 type, else -1
 * @param tcpFlags the TCP flags byte (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10), else -1
 */
record Frame(String src, String dst, int protocol, int srcPort, int dstPort, int icmpType, int tcpFlags, String hex) {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int ACK = 0x10;

    static Frame parse(byte[] data) {
        String hex = HexFormat.of().formatHex(data);
        int ethertype = data.length >= 14 ? u16(data, 12) : -1;
        int l4;
        int protocol;
        String src;
        String dst;
        if (ethertype == 0x0800 && data.length >= 34) {
            l4 = 14 + (data[14] & 0x0f) * 4;
            protocol = data[23] & 0xff;
            src = address(data, 26, 4);
            dst = address(data, 30, 4);
        } else if (ethertype == 0x86dd && data.length >= 54) {
            l4 = 54;
            protocol = data[20] & 0xff;
            src = address(data, 22, 16);
            dst = address(data, 38, 16);
        } else {
            return new Frame(null, null, -1, -1, -1, -1, -1, hex);
        }
        boolean ports = (protocol == 6 || protocol == 17) && data.length >= l4 + 4;
        boolean icmp = (protocol == 1 || protocol == 58) && data.length > l4;
        return new Frame(src, dst, protocol,
                ports ? u16(data, l4) : -1, ports ? u16(data, l4 + 2) : -1,
                icmp ? data[l4] & 0xff : -1,
                protocol == 6 && data.length > l4 + 13 ? data[l4 + 13] & 0xff : -1,
                hex);
    }

    boolean isTcp() {
        return protocol == 6;
    }

    boolean hasFlags(int flags) {
        return tcpFlags >= 0 && (tcpFlags & flags) == flags;
    }

    /** An address literal as {@link #src()} and {@link #dst()} write it (IPv6 unabridged). */
    static String canonical(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static int u16(byte[] data, int offset) {
        return (data[offset] & 0xff) << 8 | (data[offset + 1] & 0xff);
    }

    private static String address(byte[] data, int offset, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(data, offset, offset + length)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
