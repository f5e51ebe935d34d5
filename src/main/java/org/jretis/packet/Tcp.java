package org.jretis.packet;

/** TCP: flags, sequence (range when there is payload), ack, window and options, as tcpdump names them. */
final class Tcp {
    private static final int MIN_HEADER = 20;
    private static final int ACK = 0x10;
    private static final String FLAG_LETTERS = "FSRP.UEWe";

    private Tcp() {}

    /** @param length the segment length from the IP header */
    static void dissect(Frame f, int offset, int length) {
        f.need(offset, MIN_HEADER);
        int headerLen = (f.u8(offset + 12) >>> 4) * 4;
        if (headerLen < MIN_HEADER) {
            throw DissectionStop.truncated();
        }
        int flags = (f.u8(offset + 12) & 0x1) << 8 | f.u8(offset + 13);
        StringBuilder out = f.out;
        out.append(" flags [");
        for (int bit = 0; bit < FLAG_LETTERS.length(); bit++) {
            if ((flags & 1 << bit) != 0) {
                out.append(FLAG_LETTERS.charAt(bit));
            }
        }
        out.append(']');
        long seq = f.u32(offset + 4);
        out.append(" seq ").append(seq);
        int payload = length - headerLen;
        if (payload > 0) {
            out.append(':').append((seq + payload) & 0xffffffffL);
        }
        if ((flags & ACK) != 0) {
            out.append(" ack ").append(f.u32(offset + 8));
        }
        out.append(" win ").append(f.u16(offset + 14));
        if (headerLen > MIN_HEADER) {
            f.need(offset, headerLen);
            appendOptions(f, offset + MIN_HEADER, offset + headerLen);
        }
    }

    private static void appendOptions(Frame f, int offset, int end) {
        StringBuilder out = f.out;
        out.append(" [");
        for (int at = offset; at < end; ) {
            if (at > offset) {
                out.append(',');
            }
            int kind = f.u8(at);
            if (kind == 0) {
                out.append("eol");
                break;
            }
            if (kind == 1) {
                out.append("nop");
                at++;
                continue;
            }
            int length = f.u8(at + 1);
            if (length < 2 || at + length > end) {
                throw DissectionStop.truncated();
            }
            appendOption(f, kind, at, length);
            at += length;
        }
        out.append(']');
    }

    private static void appendOption(Frame f, int kind, int at, int length) {
        StringBuilder out = f.out;
        switch (kind) {
            case 2 -> out.append("mss ").append(f.u16(need(at, length, 4) + 2));
            case 3 -> out.append("wscale ").append(f.u8(need(at, length, 3) + 2));
            case 4 -> out.append("sackOK");
            case 5 -> {
                out.append("sack ").append((length - 2) / 8).append(' ');
                for (int block = at + 2; block + 8 <= at + length; block += 8) {
                    out.append('{').append(f.u32(block)).append(':').append(f.u32(block + 4)).append('}');
                }
            }
            case 6 -> out.append("echo");
            case 7 -> out.append("echoreply");
            case 8 -> out.append("TS val ").append(f.u32(need(at, length, 10) + 2))
                    .append(" ecr ").append(f.u32(at + 6));
            case 11 -> out.append("cc");
            case 12 -> out.append("ccnew");
            case 13 -> out.append("ccecho");
            case 19 -> out.append("md5");
            case 20 -> out.append("scps");
            case 28 -> out.append("uto");
            case 29 -> out.append("tcp-ao");
            case 30 -> out.append("mptcp");
            case 34 -> out.append(length == 2 ? "tfo cookiereq" : "tfo cookie " + f.hexBytes(at + 2, at + length));
            case 253, 254 -> out.append("exp");
            default -> out.append('?');
        }
    }

    /** The option's offset, once its length is at least the {@code minimum} its fields need. */
    private static int need(int at, int length, int minimum) {
        if (length < minimum) {
            throw DissectionStop.truncated();
        }
        return at;
    }
}
