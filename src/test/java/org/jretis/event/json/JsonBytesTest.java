package org.jretis.event.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The digit and base64 writers against the JDK's, where a table or a shortcut can be off by one. */
class JsonBytesTest {
    @Test
    void numbersAtEveryPowerOfTenAndTheEnds() {
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            for (long v : new long[] {p - 1, p, p + 1, -p, -p + 1, p * 9 + (p - 1)}) {
                assertThat(text(new JsonBytes().number(v))).isEqualTo(Long.toString(v));
                assertThat(text(new JsonBytes().unsigned(v))).isEqualTo(Long.toUnsignedString(v));
            }
        }
        for (long v : new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE, -1, Long.MIN_VALUE + 1, 0xffff8881_0a2b_3c00L}) {
            assertThat(text(new JsonBytes().number(v))).isEqualTo(Long.toString(v));
            assertThat(text(new JsonBytes().unsigned(v))).isEqualTo(Long.toUnsignedString(v));
        }
    }

    @Test
    void randomNumbers() {
        Random random = new Random(13);
        JsonBytes json = new JsonBytes();
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong() >> random.nextInt(64);
            json.clear();
            assertThat(text(json.unsigned(v))).isEqualTo(Long.toUnsignedString(v));
            json.clear();
            assertThat(text(json.number(v))).isEqualTo(Long.toString(v));
        }
    }

    @Test
    void base64OfEveryLengthAndByte() {
        Random random = new Random(13);
        for (int length = 0; length < 300; length++) {
            byte[] from = new byte[length + 5];
            random.nextBytes(from);
            String expected = '"' + Base64.getEncoder().encodeToString(Arrays.copyOfRange(from, 2, 2 + length)) + '"';
            assertThat(text(new JsonBytes().base64(from, 2, length))).isEqualTo(expected);
        }
    }

    @Test
    void namesOfEveryShortLength() {
        JsonBytes json = new JsonBytes();
        StringBuilder expected = new StringBuilder();
        for (int length = 0; length < 40; length++) {
            String name = "abcdefghijklmnopqrstuvwxyz0123456789{}:,".substring(0, length);
            json.append(JsonBytes.ascii(name));
            expected.append(name);
        }
        assertThat(text(json)).isEqualTo(expected.toString());
    }

    private static String text(JsonBytes json) {
        return new String(json.bytes(), 0, json.length(), StandardCharsets.US_ASCII);
    }
}
