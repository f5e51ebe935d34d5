package org.jretis.process;

/**
 * What {@link SeriesSorter} remembers of packets already written out, to continue their series:
 * per tracking id, the {@code skb} of the series' first event and the next index. At most
 * {@code capacity} packets, the least recently put forgotten first (as a {@link BoundedMap} of
 * them would). Held in arrays of primitives instead of several objects per packet: tens of
 * thousands of entries that each outlive a few young collections would otherwise be copied by
 * every one of them, and then fill the old generation (most of sort's time and memory).
 */
final class EmittedPackets {
    private static final int NONE = -1;

    private final int capacity;
    // Entries by slot; a slot is free, or in the list from eldest to newest.
    private final long[] timestamp;
    private final long[] origHead;
    private final long[] skb;
    private final int[] nextIdx;
    private final int[] older;
    private final int[] newer;
    private final int[] free;
    private int freeCount;
    private int eldest = NONE;
    private int newest = NONE;
    private int size;
    /** Open addressing with linear probing: slot + 1, 0 when empty. */
    private final int[] table;
    private final int mask;

    /** A remembered packet: the first event's {@code skb} and the series' next index. */
    record Entry(long skb, int nextIdx) {}

    EmittedPackets(int capacity) {
        this.capacity = capacity;
        int slots = capacity + 1; // one over the capacity between a put and its eviction
        timestamp = new long[slots];
        origHead = new long[slots];
        skb = new long[slots];
        nextIdx = new int[slots];
        older = new int[slots];
        newer = new int[slots];
        free = new int[slots];
        for (int i = 0; i < slots; i++) {
            free[i] = slots - 1 - i;
        }
        freeCount = slots;
        table = new int[Integer.highestOneBit(slots) << 2];
        mask = table.length - 1;
    }

    int size() {
        return size;
    }

    /** Forgets the packet and returns what was remembered of it; null if nothing was. */
    Entry remove(TrackingId id) {
        int at = find(id.timestamp(), id.origHead());
        if (at < 0) {
            return null;
        }
        int slot = table[at] - 1;
        Entry entry = new Entry(skb[slot], nextIdx[slot]);
        delete(at, slot);
        return entry;
    }

    /** Remembers the packet as the newest, replacing what was; forgets the eldest beyond the capacity. */
    void put(TrackingId id, long firstSkb, int next) {
        int at = find(id.timestamp(), id.origHead());
        if (at >= 0) {
            delete(at, table[at] - 1);
        }
        int slot = free[--freeCount];
        timestamp[slot] = id.timestamp();
        origHead[slot] = id.origHead();
        skb[slot] = firstSkb;
        nextIdx[slot] = next;
        link(slot);
        int i = home(slot);
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slot + 1;
        if (size > capacity) {
            int old = eldest;
            delete(find(timestamp[old], origHead[old]), old);
        }
    }

    private int find(long ts, long head) {
        for (int i = hash(ts, head) & mask; table[i] != 0; i = (i + 1) & mask) {
            int slot = table[i] - 1;
            if (timestamp[slot] == ts && origHead[slot] == head) {
                return i;
            }
        }
        return NONE;
    }

    private void delete(int at, int slot) {
        unlink(slot);
        free[freeCount++] = slot;
        // Backward-shift deletion: later entries of the probe run move up, so no tombstones.
        int hole = at;
        for (int i = (at + 1) & mask; table[i] != 0; i = (i + 1) & mask) {
            int home = home(table[i] - 1);
            boolean stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!stays) {
                table[hole] = table[i];
                hole = i;
            }
        }
        table[hole] = 0;
    }

    private void link(int slot) {
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest != NONE) {
            newer[newest] = slot;
        } else {
            eldest = slot;
        }
        newest = slot;
        size++;
    }

    private void unlink(int slot) {
        if (older[slot] != NONE) {
            newer[older[slot]] = newer[slot];
        } else {
            eldest = newer[slot];
        }
        if (newer[slot] != NONE) {
            older[newer[slot]] = older[slot];
        } else {
            newest = older[slot];
        }
        size--;
    }

    private int home(int slot) {
        return hash(timestamp[slot], origHead[slot]) & mask;
    }

    private static int hash(long ts, long head) {
        long h = (ts * 0x9E3779B97F4A7C15L) ^ head;
        h *= 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 32));
    }
}
