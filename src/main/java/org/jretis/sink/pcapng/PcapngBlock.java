package org.jretis.sink.pcapng;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One little-endian pcap-ng block being built: fixed fields and options are appended in order,
 * then {@link #writeTo} frames them with the block type and the total length at both ends.
 * Variable-length fields and option values are zero-padded to 32 bits, as the format requires
 * (draft-ietf-opsawg-pcapng). A block can be {@link #reset} and built again: one per packet would
 * allocate kilobytes per event.
 */
final class PcapngBlock {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int ENHANCED_PACKET = 0x00000006;
    /** Custom block that tools may copy into derived files. */
    static final int CUSTOM_COPIABLE = 0x00000BAD;

    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int LINKTYPE_ETHERNET = 1;

    static final int OPT_END_OF_OPTIONS = 0;
    static final int OPT_COMMENT = 1;
    static final int OPT_IF_NAME = 2;
    static final int OPT_IF_DESCRIPTION = 3;
    static final int OPT_IF_TSRESOL = 9;
    /** Custom option holding UTF-8 text, copiable. */
    static final int OPT_CUSTOM_UTF8_COPIABLE = 2988;

    /** Block type, block total length; the trailing total length. */
    private static final int FRAMING = 12;

    private int type;
    private byte[] body = new byte[64];
    private int size;
    private final byte[] frame = new byte[8];

    PcapngBlock(int type) {
        this.type = type;
    }

    /** Empties the block, to build another one of {@code type} in the same buffer. */
    PcapngBlock reset(int type) {
        this.type = type;
        Arrays.fill(body, 0, size, (byte) 0); // padding relies on zeros
        size = 0;
        return this;
    }

    PcapngBlock u16(int value) {
        ensure(2);
        body[size++] = (byte) value;
        body[size++] = (byte) (value >>> 8);
        return this;
    }

    PcapngBlock u32(int value) {
        ensure(4);
        for (int shift = 0; shift < 32; shift += 8) {
            body[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    PcapngBlock u64(long value) {
        return u32((int) value).u32((int) (value >>> 32));
    }

    /** Appends bytes followed by zeros up to the next 32-bit boundary. */
    PcapngBlock padded(byte[] bytes) {
        ensure(bytes.length + 3);
        System.arraycopy(bytes, 0, body, size, bytes.length);
        size += bytes.length;
        size += padding(bytes.length); // the buffer is zero-filled beyond size
        return this;
    }

    PcapngBlock option(int code, byte[] value) {
        return u16(code).u16(value.length).padded(value);
    }

    PcapngBlock option(int code, String value) {
        return option(code, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A custom option: its value starts with the Private Enterprise Number that owns it. */
    PcapngBlock customOption(int code, int pen, byte[] value) {
        return u16(code).u16(4 + value.length).u32(pen).padded(value);
    }

    PcapngBlock endOfOptions() {
        return u16(OPT_END_OF_OPTIONS).u16(0);
    }

    /** Writes the framed block. */
    void writeTo(OutputStream out) throws IOException {
        int total = FRAMING + size;
        writeU32(frame, 0, type);
        writeU32(frame, 4, total);
        out.write(frame, 0, 8);
        out.write(body, 0, size);
        out.write(frame, 4, 4);
    }

    static int padding(int length) {
        return -length & 3;
    }

    private void ensure(int more) {
        if (size + more > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, size + more));
        }
    }

    private static void writeU32(byte[] to, int at, int value) {
        for (int i = 0; i < 4; i++) {
            to[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
