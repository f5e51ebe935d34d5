package org.jretis.packet;

/**
 * IPv4, in the layout of the project's Decision 2: addresses (with ports), ttl, tos (the DSCP)
 * and ECN, id, fragment offset, tcpdump's flags, length, options, protocol.
 */
final class Ipv4 {
    private static final int MIN_HEADER = 20;
    private static final int OPTION_END = 0;
    private static final int OPTION_NOP = 1;

    private Ipv4() {}

    static void dissect(Frame f, int offset) {
        f.need(offset, MIN_HEADER);
        int headerLen = (f.u8(offset) & 0xf) * 4;
        if (headerLen < MIN_HEADER) {
            throw DissectionStop.truncated();
        }
        f.need(offset, headerLen);
        int tos = f.u8(offset + 1);
        int totalLen = f.u16(offset + 2);
        int fragment = f.u16(offset + 6);
        int fragmentOffset = fragment & 0x1fff;
        int protocol = f.u8(offset + 9);
        int payload = offset + headerLen;
        // Only the first fragment carries the transport header.
        boolean transport = fragmentOffset == 0;
        boolean ports = transport && IpProtocols.hasPorts(protocol) && f.has(payload, 4);

        IpProtocols.appendEndpoints(f, offset + 12, offset + 16, 4, ports ? payload : -1);
        StringBuilder out = f.out;
        out.append(" ttl ").append(f.u8(offset + 8));
        Hex.appendPrefixed(out.append(" tos "), tos >>> 2).append(IpProtocols.ecn(tos));
        out.append(" id ").append(f.u16(offset + 4));
        out.append(" off ").append(fragmentOffset * 8);
        appendFlags(out, fragment >>> 13);
        if (totalLen > 0) {
            out.append(" len ").append(totalLen);
        }
        if (headerLen > MIN_HEADER) {
            appendOptions(f, offset + MIN_HEADER, offset + headerLen);
        }
        IpProtocols.append(out, protocol);
        if (transport) {
            int length = totalLen > headerLen ? totalLen - headerLen : f.remaining(payload);
            IpProtocols.dissect(f, protocol, payload, length);
        }
    }

    /** tcpdump's flag names, most significant bit first: reserved, don't fragment, more fragments. */
    private static void appendFlags(StringBuilder out, int flags) {
        if (flags == 0) {
            return;
        }
        out.append(" [");
        String separator = "";
        if ((flags & 0b100) != 0) {
            out.append("rsvd");
            separator = ",";
        }
        if ((flags & 0b010) != 0) {
            out.append(separator).append("DF");
            separator = ",";
        }
        if ((flags & 0b001) != 0) {
            out.append(separator).append('+');
        }
        out.append(']');
    }

    /**
     * Option numbers as Retis writes them (the Debug form of pnet's option number: the low five
     * bits of the type). The list ends at End of Options, which is shown unless it comes first.
     */
    private static void appendOptions(Frame f, int offset, int end) {
        StringBuilder out = f.out;
        out.append(" opts [");
        for (int at = offset; at < end; ) {
            int type = f.u8(at);
            if (type == OPTION_END && at == offset) {
                break;
            }
            if (at > offset) {
                out.append(',');
            }
            out.append("Ipv4OptionNumber(").append(type & 0x1f).append(')');
            if (type == OPTION_END) {
                break;
            }
            if (type == OPTION_NOP) {
                at++;
                continue;
            }
            int length = f.u8(at + 1);
            if (length < 2 || at + length > end) {
                throw DissectionStop.truncated();
            }
            at += length;
        }
        out.append(']');
    }
}
