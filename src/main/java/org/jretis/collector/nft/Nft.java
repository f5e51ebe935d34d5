package org.jretis.collector.nft;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jretis.btf.Btf;
import org.jretis.collector.RecordPart;
import org.jretis.collector.TextOut;
import org.jretis.collector.Unit;

/**
 * The {@code nft} collector: nftables verdicts (table, chain, rule handle, verdict, policy).
 * Retis' way needs a kprobe on {@code __nft_trace_packet}; a kernel without kprobes is read
 * through the nftables trace netlink group instead ({@link NftNetlink}), which runs only when
 * named: it is not part of {@code auto}.
 */
public final class Nft implements Unit {
    public static final Nft UNIT = new Nft();
    /** The kprobe PMU: present when the kernel has kprobes. */
    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");

    private Nft() {}

    @Override
    public String section() {
        return "nft";
    }

    @Override
    public String collector() {
        return "nft";
    }

    @Override
    public String cannotRun() {
        if (Files.isDirectory(KPROBE_PMU)) {
            return "attaching kprobe:__nft_trace_packet is not implemented in jretis yet";
        }
        return null; // traces from netlink: NftNetlink
    }

    /** Whether traces are read from netlink ({@link NftNetlink}): the kernel has no kprobes. */
    public boolean tracesFromNetlink() {
        return !Files.isDirectory(KPROBE_PMU);
    }

    /** From netlink, only when named: it changes how events are written (see {@link NftNetlink}). */
    @Override
    public boolean joinsAuto() {
        return !tracesFromNetlink();
    }

    /** No probe bit, no record part: traces from netlink are not in ring records. */
    @Override
    public int probeBit() {
        return 0;
    }

    @Override
    public int recordFlag() {
        return 0;
    }

    @Override
    public RecordPart recordPart(Btf kernel) {
        throw new UnsupportedOperationException("nft: " + cannotRun());
    }

    @Override
    public JsonNode upgrade(JsonNode section) {
        return section;
    }

    @Override
    public void appendText(JsonNode section, TextOut out) {
        NftText.append(section, out);
    }

    @Override
    public String schemaResource() {
        return "/org/jretis/collector/nft/schema.json";
    }
}
