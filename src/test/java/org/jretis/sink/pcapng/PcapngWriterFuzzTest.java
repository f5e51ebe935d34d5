package org.jretis.sink.pcapng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jretis.event.Event;
import org.jretis.event.json.FuzzedEvents;
import org.jretis.sink.PcapSink;

/**
 * Whatever an events file line decodes to goes through the pcap-ng writer (packet comment and
 * JSON option included) without an exception, and what comes out is a sequence of well-formed
 * blocks: each a multiple of 4 bytes, its length repeated at its end. A packet without a common
 * section (no timestamp) fails the whole command with one error, as in Retis.
 */
class PcapngWriterFuzzTest {
    @FuzzTest(maxDuration = "10s")
    void writesAnyDecodedEvent(byte[] line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter writer = new PcapngWriter(out, PcapSink.comments(), PcapSink::json)) {
            for (Event event : FuzzedEvents.decode(line)) {
                if (event.common == null && event.packet != null && event.kernel != null) {
                    assertThatThrownBy(() -> writer.write(event)).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageEndingWith(" has a packet but no common section, hence no timestamp");
                    return;
                }
                writer.write(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertWellFormed(out.toByteArray());
    }

    private static void assertWellFormed(byte[] pcapng) {
        ByteBuffer blocks = ByteBuffer.wrap(pcapng).order(ByteOrder.LITTLE_ENDIAN);
        while (blocks.hasRemaining()) {
            assertThat(blocks.remaining()).isGreaterThanOrEqualTo(12);
            int start = blocks.position();
            int length = blocks.getInt(start + 4);
            assertThat(length).isGreaterThanOrEqualTo(12).isLessThanOrEqualTo(blocks.remaining());
            assertThat(length % 4).isZero();
            assertThat(blocks.getInt(start + length - 4)).isEqualTo(length);
            blocks.position(start + length);
        }
    }
}
