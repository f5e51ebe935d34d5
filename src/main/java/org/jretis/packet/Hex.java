package org.jretis.packet;

import java.util.HexFormat;

/** Hex spellings shared by the layers: Rust's {@code {:#x}} and {@code {:#0Nx}}. */
final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {}

    /** {@code 0x} and the unsigned value without padding, as Rust's {@code {:#x}}. */
    static String of(long value) {
        return "0x" + Long.toHexString(value);
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
