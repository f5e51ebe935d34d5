package org.jretis.packet;

/**
 * IPv6 and its extension headers: addresses (with ports), ECN, hop limit, flow label, payload
 * length, the extension headers by name, protocol.
 */
final class Ipv6 {
    private static final int HEADER = 40;
    private static final int FRAGMENT = 44;
    private static final int FRAGMENT_HEADER = 8;

    private Ipv6() {}

    static void dissect(Frame f, int offset) {
        f.need(offset, HEADER);
        long first = f.u32(offset);
        int payloadLen = f.u16(offset + 4);
        int next = f.u8(offset + 6);

        // Walk the extension headers first: ports are printed with the addresses.
        StringBuilder extensions = new StringBuilder();
        int payload = offset + HEADER;
        boolean transport = true;
        boolean truncated = false;
        for (String name = extensionName(next); name != null; name = extensionName(next)) {
            if (!f.has(payload, next == FRAGMENT ? 4 : 2)) {
                truncated = true;
                break;
            }
            if (next == FRAGMENT) {
                // Only the first fragment carries the transport header.
                transport &= (f.u16(payload + 2) >>> 3) == 0;
            }
            extensions.append(extensions.isEmpty() ? "" : ",").append(name);
            int length = next == FRAGMENT ? FRAGMENT_HEADER : (f.u8(payload + 1) + 1) * 8;
            next = f.u8(payload);
            payload += length;
        }
        boolean ports = !truncated && transport && IpProtocols.hasPorts(next) && f.has(payload, 4);

        IpProtocols.appendEndpoints(f, offset + 8, offset + 24, 16, ports ? payload : -1);
        StringBuilder out = f.out;
        out.append(IpProtocols.ecn((int) (first >>> 20)));
        out.append(" ttl ").append(f.u8(offset + 7));
        out.append(" label ").append(Hex.of(first & 0xfffff));
        if (payloadLen > 0) {
            out.append(" len ").append(payloadLen);
        }
        if (!extensions.isEmpty()) {
            out.append(" exts [").append(extensions).append(']');
        }
        if (truncated) {
            throw DissectionStop.truncated();
        }
        if (next == IpProtocols.NO_NEXT_HEADER) {
            return;
        }
        IpProtocols.append(out, next);
        if (transport) {
            int length = payloadLen > 0 ? payloadLen - (payload - offset - HEADER) : f.remaining(payload);
            IpProtocols.dissect(f, next, payload, length);
        }
    }

    /** The name of an extension header (pnet's), or null when {@code next} is not one. */
    private static String extensionName(int next) {
        return switch (next) {
            case 0 -> "Hopopt";
            case 43 -> "Ipv6Route";
            case FRAGMENT -> "Ipv6Frag";
            case 60 -> "Ipv6Opts";
            case 135 -> "MobilityHeader";
            case 139 -> "Hip";
            case 140 -> "Shim6";
            default -> null;
        };
    }
}
