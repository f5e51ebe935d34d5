package org.jretis.packet;

/** UDP, and the VXLAN and Geneve tunnels it carries, whose inner packet is dissected in turn. */
final class Udp {
    private static final int HEADER = 8;
    private static final int VXLAN_PORT = 4789;
    private static final int VXLAN_LINUX_PORT = 8472;
    private static final int GENEVE_PORT = 6081;
    private static final int TUNNEL_HEADER = 8;

    private Udp() {}

    static void dissect(Frame f, int offset) {
        f.need(offset, HEADER);
        int length = f.u16(offset + 4);
        if (length < HEADER) {
            throw DissectionStop.truncated();
        }
        f.out.append(" len ").append(length - HEADER);
        int port = f.u16(offset + 2);
        if (port == VXLAN_PORT || port == VXLAN_LINUX_PORT) {
            vxlan(f, offset + HEADER);
        } else if (port == GENEVE_PORT) {
            geneve(f, offset + HEADER);
        }
    }

    private static void vxlan(Frame f, int offset) {
        f.need(offset, TUNNEL_HEADER);
        f.out.append(" vxlan [").append((f.u8(offset) & 0x08) != 0 ? "I" : "").append(']');
        f.out.append(" vni ").append(Hex.of(f.u24(offset + 4)));
        LinkLayer.ethernet(f, offset + TUNNEL_HEADER);
    }

    private static void geneve(Frame f, int offset) {
        f.need(offset, TUNNEL_HEADER);
        int optionsLen = (f.u8(offset) & 0x3f) * 4;
        int flags = f.u8(offset + 1);
        int protocol = f.u16(offset + 2);
        StringBuilder out = f.out;
        out.append(" geneve [")
                .append((flags & 0x80) != 0 ? "O" : "")
                .append((flags & 0x40) != 0 ? "C" : "")
                .append(']');
        out.append(" vni ").append(Hex.of(f.u24(offset + 4)));
        if (f.linkLayer) {
            out.append(" proto ");
            EtherTypes.append(out, protocol);
        }
        int inner = offset + TUNNEL_HEADER + optionsLen;
        if (optionsLen > 0) {
            appendOptions(f, offset + TUNNEL_HEADER, inner);
        }
        if (protocol == EtherTypes.TEB) {
            LinkLayer.ethernet(f, inner);
        } else {
            LinkLayer.network(f, protocol, inner);
        }
    }

    private static void appendOptions(Frame f, int offset, int end) {
        StringBuilder out = f.out;
        out.append(" [");
        for (int at = offset; at < end; ) {
            int type = f.u8(at + 2);
            int length = (f.u8(at + 3) & 0x1f) * 4;
            if (at > offset) {
                out.append(',');
            }
            out.append("class ").append(Hex.of(f.u16(at))).append(" type ").append(Hex.of(type));
            if ((type & 0x80) != 0) {
                out.append("(C)");
            }
            out.append(" len ").append(length);
            at += 4 + length;
        }
        out.append(']');
    }
}
