package org.jretis.sink.pcapng;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jretis.event.Event;
import org.jretis.event.EventSchema;
import org.jretis.event.PacketSection;

/**
 * Writes events as pcap-ng in Retis' v1.7 layout, so Wireshark, tshark and tcpdump read the
 * packets and Retis' own tools find the events in them: a section header, a custom block with the
 * JSON-Schema of events, one fake Ethernet interface per probe (created when the probe first
 * appears), and one enhanced packet block per event that has a kernel probe and a packet. Each
 * packet block carries the event's text as its comment and the event's JSON, without the packet,
 * in a custom option.
 *
 * <p>Startup events only set the clock offset that turns monotonic timestamps into wall-clock
 * ones. Nothing is written, and the output is not even opened, until the first packet is due.
 * Output is buffered: call {@link #flush()} between batches, or ask for {@link #flushEvery(int)}
 * when a reader follows the file live. Not thread-safe: one thread writes.
 */
public final class PcapngWriter implements Closeable, Flushable {
    /** Private Enterprise Number under which Retis stores its custom block and option. */
    public static final int RETIS_PEN = 70000;

    private static final int SNAPLEN = 0xffff;
    /** {@code if_tsresol} 9: timestamps count nanoseconds. */
    private static final byte[] NANOSECOND_RESOLUTION = {9};
    private static final int BUFFER_SIZE = 64 * 1024;

    /** Opens the destination; called once, when the first block is due. */
    @FunctionalInterface
    public interface Output {
        OutputStream open() throws IOException;
    }

    /** What {@link #write(Event)} did with an event. */
    public enum Outcome {
        /** A packet block was written. */
        WRITTEN,
        /** A kernel event of the selected probe(s) without a packet: counted, not written. */
        SKIPPED_NO_PACKET,
        /** A kernel event of another probe than the one selected. */
        OTHER_PROBE,
        /** A startup or userspace event: no packet by nature. */
        NOT_A_PACKET
    }

    private final Output output;
    private final Function<Event, String> text;
    private final Function<Event, byte[]> jsonWithoutPacket;
    private final byte[] schema;
    private PcapngProbe onlyProbe;
    private int flushEvery;

    private OutputStream out;
    private final Map<PcapngProbe, Integer> interfaceIds = new HashMap<>();
    private final PcapngBlock packetBlock = new PcapngBlock(PcapngBlock.ENHANCED_PACKET);
    private long clockOffsetNanos;
    private long packetsWritten;
    private long skippedWithoutPacket;
    private boolean probeSeen;

    /**
     * @param output            opened when the first block is due, closed by {@link #close()}
     * @param text              the event's multi-line text, used as the packet comment
     * @param jsonWithoutPacket the event's compact JSON, UTF-8; given a copy without its packet
     */
    public PcapngWriter(Output output, Function<Event, String> text, Function<Event, byte[]> jsonWithoutPacket) {
        this(output, text, jsonWithoutPacket, EventSchema.compactJson());
    }

    /**
     * Writes to a stream already open (stdout for {@code -}). Like any output, {@link #close()}
     * closes it only if a block was written: with no packet it stays the caller's to close.
     */
    public PcapngWriter(OutputStream out, Function<Event, String> text, Function<Event, byte[]> jsonWithoutPacket) {
        this(() -> out, text, jsonWithoutPacket);
    }

    /** With another schema in the custom block: lets golden files survive schema edits. */
    PcapngWriter(Output output, Function<Event, String> text, Function<Event, byte[]> jsonWithoutPacket,
                 byte[] schema) {
        this.output = output;
        this.text = text;
        this.jsonWithoutPacket = jsonWithoutPacket;
        this.schema = schema;
    }

    /** Keeps only the packets of this probe (exact probe type and symbol), as {@code pcap -p}. */
    public PcapngWriter onlyProbe(PcapngProbe probe) {
        this.onlyProbe = probe;
        return this;
    }

    /** Flushes after every {@code packets} packet blocks (1 for a live reader); 0, the default, never. */
    public PcapngWriter flushEvery(int packets) {
        if (packets < 0) {
            throw new IllegalArgumentException("flushEvery must be 0 or more, not " + packets);
        }
        this.flushEvery = packets;
        return this;
    }

    public Outcome write(Event event) throws IOException {
        if (event.isStartup()) {
            var offset = event.startup.offset();
            clockOffsetNanos = offset == null ? 0 : offset.toNanos();
            return Outcome.NOT_A_PACKET;
        }
        if (event.kernel == null) {
            return Outcome.NOT_A_PACKET;
        }
        PcapngProbe probe = PcapngProbe.of(event.kernel);
        if (onlyProbe != null && !onlyProbe.equals(probe)) {
            return Outcome.OTHER_PROBE;
        }
        probeSeen = true;
        if (event.packet == null) {
            skippedWithoutPacket++;
            return Outcome.SKIPPED_NO_PACKET;
        }
        if (event.common == null) {
            throw new IllegalArgumentException("An event of probe " + probe.ifName()
                    + " has a packet but no common section, hence no timestamp");
        }
        writePacket(probe, event);
        return Outcome.WRITTEN;
    }

    private void writePacket(PcapngProbe probe, Event event) throws IOException {
        String comment = text.apply(event);
        Event withoutPacket = event.copy();
        withoutPacket.packet = null;
        byte[] json = jsonWithoutPacket.apply(withoutPacket);

        int interfaceId = interfaceId(probe);
        long timestamp = event.common.timestamp() + clockOffsetNanos;
        PacketSection packet = event.packet;
        packetBlock.reset(PcapngBlock.ENHANCED_PACKET)
                .u32(interfaceId)
                .u32((int) (timestamp >>> 32))
                .u32((int) timestamp)
                .u32(packet.data().length)
                .u32(packet.len())
                .padded(packet.data())
                .option(PcapngBlock.OPT_COMMENT, comment)
                .customOption(PcapngBlock.OPT_CUSTOM_UTF8_COPIABLE, RETIS_PEN, json)
                .endOfOptions()
                .writeTo(out);
        packetsWritten++;
        if (flushEvery > 0 && packetsWritten % flushEvery == 0) {
            out.flush();
        }
    }

    /** The probe's interface, described in the file the first time the probe is seen. */
    private int interfaceId(PcapngProbe probe) throws IOException {
        Integer known = interfaceIds.get(probe);
        if (known != null) {
            return known;
        }
        if (out == null) {
            start();
        }
        int id = interfaceIds.size();
        new PcapngBlock(PcapngBlock.INTERFACE_DESCRIPTION)
                .u16(PcapngBlock.LINKTYPE_ETHERNET)
                .u16(0)
                .u32(SNAPLEN)
                .option(PcapngBlock.OPT_IF_NAME, probe.ifName())
                .option(PcapngBlock.OPT_IF_DESCRIPTION, probe.ifDescription())
                .option(PcapngBlock.OPT_IF_TSRESOL, NANOSECOND_RESOLUTION)
                .endOfOptions()
                .writeTo(out);
        interfaceIds.put(probe, id);
        return id;
    }

    /** Opens the output and writes the section header and the schema block. */
    private void start() throws IOException {
        out = new BufferedOutputStream(output.open(), BUFFER_SIZE);
        new PcapngBlock(PcapngBlock.SECTION_HEADER)
                .u32(PcapngBlock.BYTE_ORDER_MAGIC)
                .u16(1) // version 1.0
                .u16(0)
                .u64(-1L) // section length not given
                .writeTo(out);
        new PcapngBlock(PcapngBlock.CUSTOM_COPIABLE)
                .u32(RETIS_PEN)
                .padded(schema)
                .writeTo(out);
    }

    /** Number of packet blocks written. */
    public long packetsWritten() {
        return packetsWritten;
    }

    /** Kernel events of the selected probe(s) that had no packet. */
    public long skippedWithoutPacket() {
        return skippedWithoutPacket;
    }

    /** True once a kernel event of the selected probe (of any probe, without selection) was seen. */
    public boolean probeSeen() {
        return probeSeen;
    }

    /** Pushes buffered blocks to the output; safe at any time, a no-op before the first block. */
    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    /** Flushes and closes the output if it was opened; an unopened output stays unopened. */
    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
