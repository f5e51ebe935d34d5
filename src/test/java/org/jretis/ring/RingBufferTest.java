package org.jretis.ring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RingBufferTest {
    /** Copies each payload, so tests can look at records after the drain. */
    private static final class Collector implements RecordHandler {
        final List<byte[]> records = new ArrayList<>();

        @Override
        public void onRecord(MemorySegment data, long offset, int length) {
            records.add(data.asSlice(offset, length).toArray(JAVA_BYTE));
        }

        List<String> strings() {
            return records.stream().map(r -> new String(r, StandardCharsets.US_ASCII)).toList();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void drainsOneRecordAndPublishesConsumerPosition() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            ring.write(bytes("hello"));
            Collector collector = new Collector();

            assertThat(ring.reader().drain(collector)).isEqualTo(1);

            assertThat(collector.strings()).containsExactly("hello");
            assertThat(ring.consumerPos()).isEqualTo(16); // 8-byte header + 5 bytes, rounded to 8
        }
    }

    @Test
    void emptyRingHandsNothing() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            RingBuffer reader = ring.reader();
            assertThat(reader.hasData()).isFalse();
            assertThat(reader.drain(new Collector())).isZero();
            assertThat(ring.consumerPos()).isZero();
        }
    }

    @Test
    void roundsEveryPayloadLengthUpToEightBytes() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            long expected = 0;
            for (int length = 0; length <= 17; length++) {
                ring.write(new byte[length]);
                expected += 8 + (length + 7) / 8 * 8;
            }
            Collector collector = new Collector();

            assertThat(ring.reader().drain(collector)).isEqualTo(18);

            assertThat(collector.records).extracting(r -> r.length)
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
            assertThat(ring.consumerPos()).isEqualTo(expected).isEqualTo(ring.producerPos());
        }
    }

    @Test
    void drainsManyRecordsInOrderAcrossManyLapsOfTheRing() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            RingBuffer reader = ring.reader();
            Collector collector = new Collector();
            int written = 0;
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 40; i++) {
                    ring.write(bytes("record " + written++));
                }
                reader.drain(collector);
                assertThat(ring.consumerPos()).isEqualTo(ring.producerPos());
            }
            assertThat(ring.producerPos()).isGreaterThan(10 * ring.size);
            assertThat(collector.strings()).hasSize(written);
            for (int i = 0; i < written; i++) {
                assertThat(collector.strings().get(i)).isEqualTo("record " + i);
            }
        }
    }

    @Test
    void publishesConsumerPositionDuringALongDrain() {
        try (SyntheticRing ring = new SyntheticRing(1 << 16)) {
            for (int i = 0; i < 200; i++) {
                ring.write(new byte[8]); // 16 bytes per record
            }
            List<Long> seen = new ArrayList<>();
            ring.reader().drain((data, offset, length) -> seen.add(ring.consumerPos()));

            assertThat(seen).hasSize(200);
            assertThat(seen.get(0)).isZero();
            // By the 65th record the first 64 have been given back to producers.
            assertThat(seen.get(64)).isEqualTo(64 * 16);
            assertThat(ring.consumerPos()).isEqualTo(200 * 16);
        }
    }

    @Test
    void recordWrappingPastTheEndReadsContiguously() {
        // Positions keep growing past the size; the header sits 16 bytes before the end of the data area.
        try (SyntheticRing ring = new SyntheticRing(4096).at(3 * 4096 - 24)) {
            ring.write(bytes("one")); // 8 + 3 bytes, rounded to 16
            String wrapping = "this payload starts 8 bytes before the end of the data area and wraps";
            long position = ring.write(bytes(wrapping));
            ring.write(bytes("after"));
            Collector collector = new Collector();

            assertThat(position % 4096).isEqualTo(4096 - 8);
            assertThat(ring.reader().drain(collector)).isEqualTo(3);
            assertThat(collector.strings()).containsExactly("one", wrapping, "after");
            assertThat(ring.consumerPos()).isEqualTo(ring.producerPos());
        }
    }

    @Test
    void busyRecordStopsTheDrainUntilCommitted() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            RingBuffer reader = ring.reader();
            ring.write(bytes("first"));
            long busy = ring.reserve(bytes("second"));
            ring.write(bytes("third"));
            Collector collector = new Collector();

            assertThat(reader.drain(collector)).isEqualTo(1);
            assertThat(collector.strings()).containsExactly("first");
            assertThat(ring.consumerPos()).isEqualTo(busy);
            assertThat(reader.hasData()).isTrue();

            assertThat(reader.drain(collector)).isZero();
            ring.commit(busy);
            assertThat(reader.drain(collector)).isEqualTo(2);
            assertThat(collector.strings()).containsExactly("first", "second", "third");
            assertThat(ring.consumerPos()).isEqualTo(ring.producerPos());
        }
    }

    @Test
    void discardedRecordsAreSkippedButConsumed() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            ring.write(bytes("kept 1"));
            ring.discard(ring.reserve(bytes("dropped")));
            ring.write(bytes("kept 2"));
            Collector collector = new Collector();

            assertThat(ring.reader().drain(collector)).isEqualTo(2);
            assertThat(collector.strings()).containsExactly("kept 1", "kept 2");
            assertThat(ring.consumerPos()).isEqualTo(ring.producerPos());
        }
    }

    @Test
    void aFailingHandlerConsumesItsRecordAndStops() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            RingBuffer reader = ring.reader();
            ring.write(bytes("good"));
            long bad = ring.write(bytes("bad"));
            long after = ring.write(bytes("later"));

            assertThatThrownBy(() -> reader.drain((data, offset, length) -> {
                if (length == 3) {
                    throw new IllegalStateException("cannot decode");
                }
            })).hasMessage("cannot decode");
            assertThat(ring.consumerPos()).isEqualTo(after).isGreaterThan(bad);

            Collector collector = new Collector();
            assertThat(reader.drain(collector)).isEqualTo(1);
            assertThat(collector.strings()).containsExactly("later");
        }
    }

    @Test
    void ringOverPlainMemoryDoesNotWait() throws Exception {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            RingBuffer reader = ring.reader();
            assertThat(reader.awaitData(10_000)).isFalse();
            ring.write(bytes("x"));
            assertThat(reader.awaitData(10_000)).isTrue();
        }
    }

    @Test
    void rejectsASizeThatIsNotAPowerOfTwo() {
        try (SyntheticRing ring = new SyntheticRing(4096)) {
            assertThatThrownBy(() -> RingBuffer.over(ring.consumerPage, ring.producerPage, ring.data.asSlice(0, 6000)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        }
    }
}
