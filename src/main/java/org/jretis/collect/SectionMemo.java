package org.jretis.collect;

/**
 * JSON of sections that repeat from event to event (a task's, a device's), by the raw record
 * values they are written from: five longs, compared as they are, so that a hit costs a few
 * loads and a copy instead of digits and name scans. Direct-mapped: a key whose slot is taken
 * replaces the one there, and is written afresh when it comes back.
 */
final class SectionMemo {
    private static final int SLOT_BITS = 6;
    private static final int KEY = 5;
    private static final long MIX = 0x9E37_79B9_7F4A_7C15L;

    private final long[] keys = new long[KEY << SLOT_BITS];
    private final byte[][] sections = new byte[1 << SLOT_BITS][];

    /** The section stored for this key, or null. */
    byte[] get(long a, long b, long c, long d, long e) {
        int slot = slot(a, b, c, d, e);
        int k = slot * KEY;
        byte[] section = sections[slot];
        if (section != null && keys[k] == a && keys[k + 1] == b && keys[k + 2] == c && keys[k + 3] == d
                && keys[k + 4] == e) {
            return section;
        }
        return null;
    }

    void put(long a, long b, long c, long d, long e, byte[] section) {
        int slot = slot(a, b, c, d, e);
        int k = slot * KEY;
        keys[k] = a;
        keys[k + 1] = b;
        keys[k + 2] = c;
        keys[k + 3] = d;
        keys[k + 4] = e;
        sections[slot] = section;
    }

    private static int slot(long a, long b, long c, long d, long e) {
        long h = (a * MIX ^ b) * MIX;
        h = (h ^ c) * MIX;
        h = (h ^ d) * MIX;
        h = (h ^ e) * MIX;
        return (int) (h >>> (Long.SIZE - SLOT_BITS));
    }
}
