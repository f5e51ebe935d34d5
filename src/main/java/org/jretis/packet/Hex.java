package org.jretis.packet;

import java.util.HexFormat;

/** Hex spellings shared by the layers and the text: Rust's {@code {:#x}} and {@code {:#0Nx}}. */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    /**
     * Appends the unsigned value in lower-case hex, without {@code 0x}, padded with zeros to at
     * least {@code minDigits} digits: {@link Long#toHexString} without a string per value.
     */
    public static StringBuilder append(StringBuilder out, long value, int minDigits) {
        int digits = Math.max(minDigits, (67 - Long.numberOfLeadingZeros(value | 1)) >>> 2); // 0 has one
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            out.append(shift < 64 ? DIGITS[(int) (value >>> shift) & 0xf] : '0');
        }
        return out;
    }

    /** {@code 0x} and the unsigned value without padding, as Rust's {@code {:#x}}. */
    public static StringBuilder appendPrefixed(StringBuilder out, long value) {
        return append(out.append("0x"), value, 1);
    }

    /** {@code 0x} and the unsigned value without padding, as Rust's {@code {:#x}}. */
    static String of(long value) {
        return appendPrefixed(new StringBuilder(18), value).toString();
    }

    /** {@code 0x} and at least {@code digits} digits, as Rust's {@code {:#0(digits+2)x}}. */
    static String prefixed(long value, int digits) {
        String hex = Long.toHexString(value);
        return "0x" + "0".repeat(Math.max(0, digits - hex.length())) + hex;
    }

    /** {@code 0x} and the bytes in order, two digits each. */
    static String bytes(byte[] data, int from, int to) {
        return "0x" + LOWER.formatHex(data, from, to);
    }
}
