package org.jretis.event.json;

import java.util.Arrays;

/**
 * Decodes base64 as strictly as Jackson's reader accepts it when it is canonical: the standard
 * alphabet with padding, nothing else, and no stray bits before the padding.
 */
final class StrictBase64 {
    /** The value of each base64 byte, -1 for bytes outside the alphabet. */
    private static final int[] SEXTETS = new int[256];

    static {
        Arrays.fill(SEXTETS, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            SEXTETS[alphabet.charAt(i)] = i;
        }
    }

    private StrictBase64() {}

    /** The bytes encoded in {@code b[start, end)}. */
    static byte[] decode(byte[] b, int start, int end) throws Unscannable {
        int length = end - start;
        if (length % 4 != 0) {
            throw Unscannable.LINE;
        }
        int padding = length == 0 ? 0 : b[start + length - 1] != '=' ? 0 : b[start + length - 2] != '=' ? 1 : 2;
        byte[] out = new byte[length / 4 * 3 - padding];
        int o = 0;
        int full = start + length - (padding == 0 ? 0 : 4);
        for (int i = start; i < full; i += 4) {
            int bits = SEXTETS[b[i] & 0xff] << 18 | SEXTETS[b[i + 1] & 0xff] << 12
                    | SEXTETS[b[i + 2] & 0xff] << 6 | SEXTETS[b[i + 3] & 0xff];
            if (bits < 0) {
                throw Unscannable.LINE; // a byte outside the alphabet (its entry is -1)
            }
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (padding == 1) {
            int bits = sextet(b[full]) << 12 | sextet(b[full + 1]) << 6 | sextet(b[full + 2]);
            if ((bits & 0x3) != 0) {
                throw Unscannable.LINE;
            }
            out[o++] = (byte) (bits >> 10);
            out[o] = (byte) (bits >> 2);
        } else if (padding == 2) {
            int bits = sextet(b[full]) << 6 | sextet(b[full + 1]);
            if ((bits & 0xf) != 0) {
                throw Unscannable.LINE;
            }
            out[o] = (byte) (bits >> 4);
        }
        return out;
    }

    private static int sextet(byte c) throws Unscannable {
        int value = SEXTETS[c & 0xff];
        if (value < 0) {
            throw Unscannable.LINE;
        }
        return value;
    }
}
