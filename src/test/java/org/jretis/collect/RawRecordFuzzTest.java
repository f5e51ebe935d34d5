package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.json.EventWriter;

/**
 * Ring records of any content and length (a probe bug, a corrupt ring): the decoder gives an
 * event or refuses the record (null: unknown probe id), and when the JSON fast path takes a record it writes exactly what decoding then the
 * JSON codec write. The record lies at offset 8 of a segment of the largest record's size, as
 * in the ring after its header.
 */
class RawRecordFuzzTest {
    private static final List<KernelSection> PROBES = List.of(
            new KernelSection("net:netif_receive_skb", "raw_tracepoint", null),
            new KernelSection("skb:kfree_skb", "raw_tracepoint", null));
    private static final DropReasons DROPS = new DropReasons(Map.of(2, "NOT_SPECIFIED", 5, "NO_SOCKET"),
            Map.of(1, "mac80211_unusable"));

    private final RawEventDecoder decoder = new RawEventDecoder(PROBES, DROPS, null, NetnsNames.none(), List.of());
    private final RawJsonEncoder encoder = decoder.jsonEncoder();
    private final MemorySegment record = Arena.ofAuto().allocate(RawEventLayout.SIZE + 8);

    @FuzzTest(maxDuration = "10s")
    void decodesAnyRecord(FuzzedDataProvider data) {
        int length = data.consumeInt(0, RawEventLayout.SIZE);
        byte[] bytes = data.consumeRemainingAsBytes();
        record.fill((byte) 0);
        MemorySegment.copy(bytes, 0, record, JAVA_BYTE, 8,
                Math.min(bytes.length, RawEventLayout.SIZE));
        Event event = decoder.decode(record, 8, length);
        boolean encoded = encoder.encode(record, 8, length);
        if (event == null) {
            assertThat(encoded).as("the fast path took a record the decoder refuses").isFalse();
        } else if (encoded) {
            assertThat(new String(encoder.line().bytes(), 0, encoder.line().length(), StandardCharsets.UTF_8))
                    .isEqualTo(EventWriter.toJson(event));
        }
    }
}
