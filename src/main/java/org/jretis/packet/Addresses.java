package org.jretis.packet;

/** Text forms of addresses: dotted IPv4, RFC 5952 IPv6, lowercase colon-separated MAC. */
public final class Addresses {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Addresses() {}

    public static void appendIpv4(StringBuilder out, byte[] data, int offset) {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(data[offset + i] & 0xff);
        }
    }

    /**
     * RFC 5952: lowercase, leading zeros dropped, the longest run of two or more zero groups
     * (the first on a tie) written {@code ::}; IPv4-mapped addresses as {@code ::ffff:a.b.c.d}.
     */
    public static void appendIpv6(StringBuilder out, byte[] data, int offset) {
        if (isIpv4Mapped(data, offset)) {
            out.append("::ffff:");
            appendIpv4(out, data, offset + 12);
            return;
        }
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && group(data, offset, j) == 0) {
                j++;
            }
            if (j - i > runLength) {
                runStart = i;
                runLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == runStart) {
                out.append("::");
                i += runLength - 1;
                continue;
            }
            if (i > 0 && i != runStart + runLength) {
                out.append(':');
            }
            out.append(Integer.toHexString(group(data, offset, i)));
        }
    }

    public static void appendMac(StringBuilder out, byte[] data, int offset) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(DIGITS[(data[offset + i] >> 4) & 0xf]).append(DIGITS[data[offset + i] & 0xf]);
        }
    }

    private static int group(byte[] data, int offset, int index) {
        return (data[offset + 2 * index] & 0xff) << 8 | data[offset + 2 * index + 1] & 0xff;
    }

    private static boolean isIpv4Mapped(byte[] data, int offset) {
        for (int i = 0; i < 10; i++) {
            if (data[offset + i] != 0) {
                return false;
            }
        }
        return (data[offset + 10] & 0xff) == 0xff && (data[offset + 11] & 0xff) == 0xff;
    }
}
