package org.jretis.event.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strings of ASCII bytes, reusing the last one made for the same bytes: event files repeat a few
 * names (commands, symbols, devices, keys) millions of times. A small direct-mapped cache.
 */
final class AsciiStrings {
    private static final int SLOTS = 1024;
    private static final int LONGEST = 64;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /** The string of {@code bytes[start, end)}, which must be ASCII. */
    String get(byte[] bytes, int start, int end) {
        int length = end - start;
        if (length > LONGEST) {
            return new String(bytes, start, length, StandardCharsets.US_ASCII);
        }
        int hash = length;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ hash >>> 16) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, bytes, start, end)) {
            return values[slot];
        }
        String value = new String(bytes, start, length, StandardCharsets.US_ASCII);
        keys[slot] = Arrays.copyOfRange(bytes, start, end);
        values[slot] = value;
        return value;
    }
}
