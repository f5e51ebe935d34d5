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
 * Its section is read from files and printed; collecting it is not implemented yet, so it never
 * joins {@code auto} and, named, it is refused with what is missing: Retis' way needs a kprobe on
 * {@code __nft_trace_packet}, and a kernel without kprobes only offers the nftables trace
 * netlink group (NFNLGRP_NFTRACE), which jretis does not read.
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
        return "this kernel has no kprobes (kprobe:__nft_trace_packet), and reading nftables traces"
                + " from netlink (NFNLGRP_NFTRACE) is not implemented in jretis yet";
    }

    /** Never runs (see {@link #cannotRun()}): no probe bit, no record part. */
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
