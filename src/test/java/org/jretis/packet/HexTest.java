package org.jretis.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HexTest {

    @Test
    void appendSpellsAsToHexStringPadded() {
        SplittableRandom random = new SplittableRandom(13);
        long[] edges = {0, 1, 0xf, 0x10, 0xff, Long.MAX_VALUE, Long.MIN_VALUE, -1};
        for (int i = 0; i < 10_000; i++) {
            long value = i < edges.length ? edges[i] : random.nextLong() >>> random.nextInt(64);
            int minDigits = random.nextInt(20);
            String hex = Long.toHexString(value);
            String expected = "0".repeat(Math.max(0, minDigits - hex.length())) + hex;
            assertThat(Hex.append(new StringBuilder("x"), value, minDigits).toString())
                    .as("%x in at least %d digits", value, minDigits).isEqualTo("x" + expected);
        }
    }

    @Test
    void prefixedHasNoPadding() {
        assertThat(Hex.of(0)).isEqualTo("0x0");
        assertThat(Hex.of(0x2a)).isEqualTo("0x2a");
    }
}
