package org.jretis.event.json;

import java.nio.charset.StandardCharsets;

/**
 * An object whose fields are all of the given names, each once, in any order, with unsigned
 * values: the shape of the numeric parts of skb and tracking sections, read by a loop rather than
 * one branch per field.
 */
final class UnsignedFields {
    private final byte[][] names;

    UnsignedFields(String... names) {
        this.names = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            this.names[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * The values, in the order of the names, of at most {@code bits} bits each (64: any u64;
     * u64 2^64-1 is refused as it reads as -1).
     */
    long[] read(ByteCursor in, int bits) throws Unscannable {
        long[] values = new long[names.length];
        int seen = 0;
        in.expect('{');
        do {
            int f = in.field();
            int i = Integer.bitCount(seen); // in the usual order, the next name is the one
            if (i == names.length || !in.is(f, names[i])) {
                in.notCanonical();
                i = 0;
                while (i < names.length && !in.is(f, names[i])) {
                    i++;
                }
            }
            if (i == names.length || (seen & 1 << i) != 0) {
                throw Unscannable.LINE;
            }
            seen |= 1 << i;
            values[i] = bits == 64 ? in.u64() : in.unsigned(bits);
        } while (in.comma());
        in.expect('}');
        if (seen != (1 << names.length) - 1) {
            throw Unscannable.LINE;
        }
        return values;
    }
}
