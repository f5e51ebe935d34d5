package org.jretis.packet;

/**
 * The captured bytes being dissected, with bounds-checked big-endian reads, and the text being
 * written. A read past the captured bytes ends the dissection as a truncated packet.
 */
final class Frame {
    final StringBuilder out;
    final boolean linkLayer;
    private final byte[] data;
    private final int end;
    private final int textStart;

    Frame(StringBuilder out, byte[] data, int captureLen, boolean linkLayer) {
        this.out = out;
        this.data = data;
        this.end = Math.min(Math.max(captureLen, 0), data.length);
        this.linkLayer = linkLayer;
        this.textStart = out.length();
    }

    /** Number of captured bytes from {@code offset} on. */
    int remaining(int offset) {
        return Math.max(0, end - offset);
    }

    boolean has(int offset, int length) {
        return offset >= 0 && length >= 0 && offset + length <= end;
    }

    /** Ends the dissection unless {@code length} bytes are captured at {@code offset}. */
    void need(int offset, int length) {
        if (!has(offset, length)) {
            throw DissectionStop.truncated();
        }
    }

    int u8(int offset) {
        need(offset, 1);
        return data[offset] & 0xff;
    }

    int u16(int offset) {
        need(offset, 2);
        return (data[offset] & 0xff) << 8 | data[offset + 1] & 0xff;
    }

    int u24(int offset) {
        need(offset, 3);
        return u8(offset) << 16 | u16(offset + 1);
    }

    long u32(int offset) {
        need(offset, 4);
        return (long) u16(offset) << 16 | u16(offset + 2);
    }

    /** Starts a new token: a space unless nothing was written yet. */
    Frame space() {
        if (out.length() > textStart) {
            out.append(' ');
        }
        return this;
    }

    Frame ipv4(int offset) {
        need(offset, 4);
        Addresses.appendIpv4(out, data, offset);
        return this;
    }

    Frame ipv6(int offset) {
        need(offset, 16);
        Addresses.appendIpv6(out, data, offset);
        return this;
    }

    Frame mac(int offset) {
        need(offset, 6);
        Addresses.appendMac(out, data, offset);
        return this;
    }

    String hexBytes(int from, int to) {
        need(from, to - from);
        return Hex.bytes(data, from, to);
    }
}
