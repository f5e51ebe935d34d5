package org.jretis.filter;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jretis.event.Event;
import org.jretis.event.PacketSection;

/**
 * A pcap-filter(7) expression applied to saved events, by libpcap's own matcher on the
 * packet bytes they carry (from the Ethernet header, real or made up by the probe). Events
 * without a packet do not match. Not thread-safe; its native memory goes with it.
 */
public final class PacketMatcher {
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment program;
    private final MemorySegment buffer;

    private PacketMatcher(CbpfProgram program) {
        this.program = Libpcap.encode(program, arena);
        this.buffer = arena.allocate(Libpcap.SNAPLEN);
    }

    /** Compiles {@code expression} for Ethernet frames; a refusal names it and libpcap's reason. */
    public static PacketMatcher compile(String expression) throws FilterException {
        return new PacketMatcher(PacketFilter.compile(expression, CbpfProgram.DLT_EN10MB));
    }

    public boolean matches(Event event) {
        return event.packet != null && matches(event.packet);
    }

    public boolean matches(PacketSection packet) {
        int captured = Math.min(packet.data().length, (int) buffer.byteSize());
        MemorySegment.copy(packet.data(), 0, buffer, ValueLayout.JAVA_BYTE, 0, captured);
        return Libpcap.run(program, buffer.asSlice(0, captured), Math.max(packet.len(), captured)) != 0;
    }
}
