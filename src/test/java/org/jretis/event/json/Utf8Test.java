package org.jretis.event.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Test
    void wellFormedTextPasses() {
        byte[] text = "{\"comm\":\"ping é ✓ 😀\",\"x\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isWellFormed(text, 0, text.length)).isTrue();
    }

    @Test
    void illFormedSequencesAreRefused() {
        for (String hex : new String[] {"c0af", "e080af", "eda080", "f4908080", "f5808080", "c3", "e282", "80", "ff"}) {
            byte[] b = java.util.HexFormat.of().parseHex("41" + hex + "41");
            assertThat(Utf8.isWellFormed(b, 0, b.length)).as(hex).isFalse();
        }
    }

    /** Agrees with the JDK's strict decoder on random bytes biased towards multi-byte sequences. */
    @Test
    void agreesWithTheJdk() {
        Random random = new Random(7);
        for (int n = 0; n < 200_000; n++) {
            byte[] b = new byte[random.nextInt(12)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextBoolean() ? 0x80 + random.nextInt(0x80) : random.nextInt(0x100));
            }
            assertThat(Utf8.isWellFormed(b, 0, b.length)).as(java.util.HexFormat.of().formatHex(b)).isEqualTo(jdk(b));
        }
    }

    private static boolean jdk(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
