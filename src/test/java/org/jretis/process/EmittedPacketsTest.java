package org.jretis.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EmittedPacketsTest {

    /** Random puts and removes over few keys agree with the bounded LRU map it replaces. */
    @Test
    void behavesAsBoundedMap() {
        for (int capacity : new int[] {1, 3, 8, 64}) {
            Random random = new Random(capacity);
            EmittedPackets packets = new EmittedPackets(capacity);
            BoundedMap<TrackingId, EmittedPackets.Entry> expected = new BoundedMap<>(capacity);
            for (int op = 0; op < 200_000; op++) {
                // Few distinct keys, and heads that collide in the low bits.
                TrackingId id = new TrackingId(random.nextInt(4 * capacity + 2), (long) random.nextInt(3) << 40);
                if (random.nextBoolean()) {
                    EmittedPackets.Entry entry = new EmittedPackets.Entry(random.nextLong(), random.nextInt(100));
                    expected.remove(id); // a put makes it the newest, as the sorter's remove then put did
                    expected.put(id, entry);
                    packets.put(id, entry.skb(), entry.nextIdx());
                } else {
                    assertThat(packets.remove(id)).isEqualTo(expected.remove(id));
                }
                assertThat(packets.size()).isEqualTo(expected.size());
            }
        }
    }
}
