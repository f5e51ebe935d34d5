package org.jretis.filter;

import java.util.ArrayList;
import java.util.List;
import org.jretis.bpf.BpfProgram;

/**
 * What replaces the probe's filter placeholders ({@code filter_l2}, {@code filter_l3},
 * {@code filter_meta} in probe.bpf.c): the packet filter from {@code -f}, the meta filter from
 * {@code -m}; an absent filter leaves its placeholder, which passes everything.
 *
 * @param packet the packet filter, or null
 * @param meta   the meta filter's eBPF body, or null
 */
public record ProbeFilters(PacketFilter packet, long[] meta) {
    public static final ProbeFilters NONE = new ProbeFilters(null, null);

    /** Puts the filters into {@code program} before its object is loaded. */
    public void install(BpfProgram program) {
        if (packet != null) {
            program.replaceFunction("filter_l2", packet.l2());
            program.replaceFunction("filter_l3", packet.l3());
        }
        if (meta != null) {
            program.replaceFunction("filter_meta", meta);
        }
    }

    /** The log lines saying which filters were loaded. */
    public List<String> loadedMessages() {
        List<String> lines = new ArrayList<>();
        if (packet != null) {
            lines.add(packet.loadedMessage());
        }
        if (meta != null) {
            lines.add("meta filter loaded");
        }
        return lines;
    }
}
