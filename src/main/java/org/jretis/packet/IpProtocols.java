package org.jretis.packet;

/** IP protocol numbers: their names as Retis prints them, and the dissection of what they carry. */
final class IpProtocols {
    static final int ICMP = 1;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int ESP = 50;
    static final int AH = 51;
    static final int ICMPV6 = 58;
    static final int NO_NEXT_HEADER = 59;
    static final int SCTP = 132;
    private static final int ICMP_HEADER = 4;

    private IpProtocols() {}

    /** The protocols whose addresses are printed with ports. */
    static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP || protocol == SCTP;
    }

    /** {@code  proto NAME (n)}, or {@code  proto (n)} for a protocol without a name. */
    static void append(StringBuilder out, int protocol) {
        out.append(" proto ");
        String name = name(protocol);
        if (name != null) {
            out.append(name).append(' ');
        }
        out.append('(').append(protocol).append(')');
    }

    /**
     * Dissects an IP payload.
     *
     * @param length the payload length from the IP header, which may exceed what was captured
     */
    static void dissect(Frame f, int protocol, int offset, int length) {
        switch (protocol) {
            case ICMP, ICMPV6 -> {
                f.need(offset, ICMP_HEADER);
                f.out.append(" type ").append(f.u8(offset)).append(" code ").append(f.u8(offset + 1));
            }
            case TCP -> Tcp.dissect(f, offset, length);
            case UDP -> Udp.dissect(f, offset);
            case SCTP -> Sctp.dissect(f, offset, length);
            case AH -> IpSec.ah(f, offset, length);
            case ESP -> IpSec.esp(f, offset);
            default -> throw DissectionStop.unsupportedProtocol(protocol);
        }
    }

    /** Writes {@code src[.port] > dst[.port]} for addresses of {@code size} bytes. */
    static void appendEndpoints(Frame f, int srcOffset, int dstOffset, int size, int ports) {
        f.space();
        address(f, srcOffset, size);
        if (ports >= 0) {
            f.out.append('.').append(f.u16(ports));
        }
        f.out.append(" > ");
        address(f, dstOffset, size);
        if (ports >= 0) {
            f.out.append('.').append(f.u16(ports + 2));
        }
    }

    /** The ECN token of a TOS or traffic class byte, with its leading space; empty when not ECT. */
    static String ecn(int trafficClass) {
        return switch (trafficClass & 0x3) {
            case 1 -> " ECT(1)";
            case 2 -> " ECT(0)";
            case 3 -> " CE";
            default -> "";
        };
    }

    private static void address(Frame f, int offset, int size) {
        if (size == 4) {
            f.ipv4(offset);
        } else {
            f.ipv6(offset);
        }
    }

    private static String name(int protocol) {
        return switch (protocol) {
            case ICMP -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPIP";
            case TCP -> "TCP";
            case UDP -> "UDP";
            case 27 -> "RDP";
            case 33 -> "DCCP";
            case 41 -> "IPv6";
            case 47 -> "GRE";
            case ESP -> "ESP";
            case AH -> "AH";
            case ICMPV6 -> "ICMPv6";
            case 89 -> "OSPF";
            case 112 -> "VRRP";
            case 115 -> "L2TP";
            case SCTP -> "SCTP";
            case 143 -> "Ethernet";
            default -> null;
        };
    }
}
