package org.jretis.sink.pcapng;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A pcap-ng reader written for the tests, independent of the writer's encoder: it walks the
 * blocks, checking as it goes that both length fields agree and are multiples of 4.
 */
final class PcapngTestReader {

    record Block(int type, ByteBuffer body) {}

    /** An option: its code and its value without padding. */
    record Option(int code, byte[] value) {
        String text() {
            return new String(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private PcapngTestReader() {}

    static List<Block> blocks(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Block> blocks = new ArrayList<>();
        while (in.hasRemaining()) {
            int start = in.position();
            int type = in.getInt();
            int length = in.getInt();
            assertThat(length).as("length of block %d at %d", blocks.size(), start).isGreaterThanOrEqualTo(12);
            assertThat(length % 4).as("length of block %d is a multiple of 4", blocks.size()).isZero();
            assertThat(in.getInt(start + length - 4)).as("trailing length of block %d", blocks.size())
                    .isEqualTo(length);
            ByteBuffer body = in.slice(start + 8, length - 12).order(ByteOrder.LITTLE_ENDIAN);
            blocks.add(new Block(type, body));
            in.position(start + length);
        }
        return blocks;
    }

    /** Reads {@code length} bytes and checks the padding after them is zeros. */
    static byte[] padded(ByteBuffer body, int length) {
        byte[] value = new byte[length];
        body.get(value);
        byte[] padding = new byte[-length & 3];
        body.get(padding);
        assertThat(padding).as("padding after %d bytes", length).isEqualTo(new byte[padding.length]);
        return value;
    }

    /** Reads options up to end-of-options, which must close the block. */
    static List<Option> options(ByteBuffer body) {
        List<Option> options = new ArrayList<>();
        while (true) {
            int code = Short.toUnsignedInt(body.getShort());
            int length = Short.toUnsignedInt(body.getShort());
            if (code == 0) {
                assertThat(length).as("end-of-options length").isZero();
                assertThat(body.remaining()).as("bytes after end-of-options").isZero();
                return options;
            }
            options.add(new Option(code, padded(body, length)));
        }
    }

    static int[] codes(List<Option> options) {
        return options.stream().mapToInt(Option::code).toArray();
    }

    static byte[] rest(ByteBuffer body) {
        byte[] all = new byte[body.remaining()];
        body.get(all);
        return all;
    }
}
