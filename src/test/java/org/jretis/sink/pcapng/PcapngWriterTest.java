package org.jretis.sink.pcapng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jretis.sink.pcapng.PcapngTestReader.codes;
import static org.jretis.sink.pcapng.PcapngTestReader.options;
import static org.jretis.sink.pcapng.PcapngTestReader.padded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jretis.event.Event;
import org.jretis.event.EventSchema;
import org.jretis.sink.pcapng.PcapngSamples.Expected;
import org.jretis.sink.pcapng.PcapngTestReader.Block;
import org.jretis.sink.pcapng.PcapngTestReader.Option;
import org.jretis.sink.pcapng.PcapngWriter.Outcome;
import org.junit.jupiter.api.Test;

class PcapngWriterTest {
    /** Rewrite the golden file with {@code -Dgolden.update=true} after an intended change. */
    private static final Path GOLDEN = Path.of("src/test/resources/golden/pcapng/events.pcapng");

    static byte[] writeSamples() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new PcapngWriter(() -> bytes, PcapngSamples::text, PcapngSamples::json, PcapngSamples.SCHEMA)) {
            for (Event e : PcapngSamples.events()) {
                writer.write(e);
            }
            assertThat(writer.packetsWritten()).isEqualTo(4);
            assertThat(writer.skippedWithoutPacket()).isEqualTo(1);
        }
        return bytes.toByteArray();
    }

    @Test
    void matchesTheGoldenFileByteForByte() throws IOException {
        byte[] written = writeSamples();
        if (Boolean.getBoolean("golden.update")) {
            Files.write(GOLDEN, written);
        }
        assertThat(written).isEqualTo(Files.readAllBytes(GOLDEN));
    }

    @Test
    void blocksFollowTheRetisLayout() throws IOException {
        List<Block> blocks = PcapngTestReader.blocks(writeSamples());
        List<Expected> packets = PcapngSamples.expected();
        assertThat(blocks).extracting(Block::type).containsExactly(
                0x0A0D0D0A, 0xBAD, 1, 6, 1, 6, 6, 6);

        ByteBuffer shb = blocks.get(0).body();
        assertThat(shb.getInt()).isEqualTo(0x1A2B3C4D);
        assertThat(shb.getShort()).isEqualTo((short) 1);
        assertThat(shb.getShort()).isEqualTo((short) 0);
        assertThat(shb.getLong()).isEqualTo(-1L);
        assertThat(shb.remaining()).isZero();

        assertSchemaBlock(blocks.get(1), PcapngSamples.SCHEMA);
        // Interfaces appear just before the first packet of their probe.
        assertInterface(blocks.get(2), PcapngSamples.XMIT);
        assertPacket(blocks.get(3), packets.get(0));
        assertInterface(blocks.get(4), PcapngSamples.RECEIVE);
        for (int i = 1; i < 4; i++) {
            assertPacket(blocks.get(4 + i), packets.get(i));
        }
    }

    @Test
    void samplesCoverPaddingAndTruncation() {
        List<Expected> packets = PcapngSamples.expected();
        assertThat(packets).anySatisfy(p -> assertThat(p.comment().getBytes(StandardCharsets.UTF_8).length % 4).isNotZero());
        assertThat(packets).anySatisfy(p -> assertThat(p.comment().getBytes(StandardCharsets.UTF_8).length)
                .isGreaterThan(p.comment().length()));
        assertThat(packets).anySatisfy(p -> assertThat(p.data().length % 4).isNotZero());
        assertThat(packets).anySatisfy(p -> {
            assertThat(p.data()).hasSize(255);
            assertThat(p.originalLength()).isEqualTo(1514);
        });
    }

    @Test
    void embedsTheEventSchemaByDefault() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new PcapngWriter(bytes, PcapngSamples::text, PcapngSamples::json)) {
            PcapngSamples.events().forEach(e -> write(writer, e));
        }
        assertSchemaBlock(PcapngTestReader.blocks(bytes.toByteArray()).get(1), EventSchema.compactJson());
    }

    @Test
    void withoutStartupEventTimestampsStayMonotonic() throws IOException {
        var bytes = new ByteArrayOutputStream();
        Event ping = PcapngSamples.events().get(1);
        try (var writer = new PcapngWriter(bytes, PcapngSamples::text, PcapngSamples::json)) {
            assertThat(writer.write(ping)).isEqualTo(Outcome.WRITTEN);
        }
        ByteBuffer epb = PcapngTestReader.blocks(bytes.toByteArray()).get(3).body();
        epb.getInt();
        assertThat(((long) epb.getInt() << 32) | Integer.toUnsignedLong(epb.getInt()))
                .isEqualTo(ping.common.timestamp());
    }

    @Test
    void probeFilterKeepsOneProbeAndCountsItsSkippedEvents() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new PcapngWriter(bytes, PcapngSamples::text, PcapngSamples::json)
                .onlyProbe(PcapngSamples.RECEIVE)) {
            assertThat(PcapngSamples.events()).extracting(e -> write(writer, e)).containsExactly(
                    Outcome.NOT_A_PACKET, Outcome.OTHER_PROBE, Outcome.WRITTEN, Outcome.SKIPPED_NO_PACKET,
                    Outcome.OTHER_PROBE, Outcome.WRITTEN);
            assertThat(writer.probeSeen()).isTrue();
            assertThat(writer.packetsWritten()).isEqualTo(2);
            assertThat(writer.skippedWithoutPacket()).isEqualTo(1);
        }
        List<Block> blocks = PcapngTestReader.blocks(bytes.toByteArray());
        assertThat(blocks).extracting(Block::type).containsExactly(0x0A0D0D0A, 0xBAD, 1, 6, 6);
        assertInterface(blocks.get(2), PcapngSamples.RECEIVE);
        assertThat(blocks.get(3).body().getInt()).as("interface id").isZero();
    }

    @Test
    void nothingMatchedOpensNothing() throws IOException {
        PcapngWriter.Output mustNotOpen = () -> {
            throw new AssertionError("output opened without a packet");
        };
        try (var writer = new PcapngWriter(mustNotOpen, PcapngSamples::text, PcapngSamples::json)
                .onlyProbe(new PcapngProbe("kprobe", "tcp_v4_rcv"))) {
            PcapngSamples.events().forEach(e -> write(writer, e));
            writer.flush();
            assertThat(writer.probeSeen()).isFalse();
            assertThat(writer.packetsWritten()).isZero();
        }
    }

    @Test
    void flushEveryPacketShowsEachBlockToALiveReader() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new PcapngWriter(bytes, PcapngSamples::text, PcapngSamples::json).flushEvery(1)) {
            int packets = 0;
            for (Event e : PcapngSamples.events()) {
                if (write(writer, e) == Outcome.WRITTEN) {
                    packets++;
                }
                int seen = (int) PcapngTestReader.blocks(bytes.toByteArray()).stream().filter(b -> b.type() == 6).count();
                assertThat(seen).isEqualTo(packets);
            }
        }
    }

    @Test
    void bufferedUntilFlushed() throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var writer = new PcapngWriter(bytes, PcapngSamples::text, PcapngSamples::json)) {
            PcapngSamples.events().forEach(e -> write(writer, e));
            assertThat(bytes.size()).isZero();
            writer.flush();
            assertThat(PcapngTestReader.blocks(bytes.toByteArray())).hasSize(8);
        }
    }

    @Test
    void packetWithoutCommonSectionIsRejected() {
        Event ping = PcapngSamples.events().get(1);
        ping.common = null;
        var writer = new PcapngWriter(new ByteArrayOutputStream(), e -> "", e -> new byte[0]);
        assertThatThrownBy(() -> writer.write(ping)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An event of probe raw_tracepoint/net:net_dev_start_xmit has a packet but no common"
                        + " section, hence no timestamp");
    }

    private static Outcome write(PcapngWriter writer, Event e) {
        try {
            return writer.write(e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static void assertSchemaBlock(Block block, byte[] schema) {
        ByteBuffer body = block.body();
        assertThat(body.getInt()).as("PEN").isEqualTo(70000);
        assertThat(padded(body, schema.length)).isEqualTo(schema);
        assertThat(body.remaining()).isZero();
    }

    private static void assertInterface(Block block, PcapngProbe probe) {
        ByteBuffer body = block.body();
        assertThat(body.getShort()).as("linktype").isEqualTo((short) 1);
        assertThat(body.getShort()).as("reserved").isZero();
        assertThat(body.getInt()).as("snaplen").isEqualTo(0xffff);
        List<Option> options = options(body);
        assertThat(codes(options)).containsExactly(2, 3, 9);
        assertThat(options.get(0).text()).isEqualTo(probe.probeType() + "/" + probe.symbol());
        assertThat(options.get(1).text()).isEqualTo("Fake interface for probe " + probe.probeType() + "/" + probe.symbol());
        assertThat(options.get(2).value()).containsExactly(9);
    }

    private static void assertPacket(Block block, Expected expected) {
        ByteBuffer body = block.body();
        assertThat(body.getInt()).as("interface id").isEqualTo(expected.interfaceId());
        long high = Integer.toUnsignedLong(body.getInt());
        long low = Integer.toUnsignedLong(body.getInt());
        assertThat(high).as("timestamp high word").isEqualTo(expected.timestampNanos() / (1L << 32));
        assertThat((high << 32) | low).as("timestamp, ns").isEqualTo(expected.timestampNanos());
        int captured = body.getInt();
        assertThat(captured).isEqualTo(expected.data().length);
        assertThat(body.getInt()).as("original length").isEqualTo(expected.originalLength());
        assertThat(padded(body, captured)).isEqualTo(expected.data());
        List<Option> options = options(body);
        assertThat(codes(options)).containsExactly(1, 2988);
        assertThat(options.get(0).text()).isEqualTo(expected.comment());
        ByteBuffer custom = ByteBuffer.wrap(options.get(1).value()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(custom.getInt()).as("PEN").isEqualTo(70000);
        String json = new String(PcapngTestReader.rest(custom), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(expected.json()).doesNotContain("\"packet\"");
    }
}
