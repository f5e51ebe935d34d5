package org.jretis.collector.nft;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jretis.btf.Btf;
import org.jretis.collect.CollectException;
import org.jretis.collect.CollectOptions;
import org.jretis.collect.Collection;
import org.jretis.collect.Collectors;
import org.jretis.collector.EventSource;
import org.jretis.collector.RecordPart;
import org.jretis.collector.TextOut;
import org.jretis.collector.Unit;
import org.jretis.log.Log;
import org.jretis.probe.KernelSymbols;
import org.jretis.probe.UnitProgram;

/**
 * The {@code nft} collector: nftables verdicts (table, chain, rule handle, verdict, policy).
 * Where the kernel has kprobes, Retis' way: a kprobe on {@code __nft_trace_packet} runs
 * probe.bpf.c's probe_nft (BPF part: src/main/bpf/nft.h; record: {@link NftRecord}; names:
 * {@link NftJson}; text: {@link NftText}; schema: schema.json beside this class), and
 * {@link NftTraceTable} turns the kernel's tracing on. A kernel without kprobes is read through
 * the nftables trace netlink group instead ({@link NftNetlink}), which runs only when named: it
 * is not part of {@code auto}. Those traces are joined to the packet's events of the other
 * probes, whose collectors it then adds, and Retis' probe on {@code __nft_trace_packet} (as
 * {@code -p} or a profile gives it) becomes {@code tp:skb:kfree_skb} and the default probes.
 */
public final class Nft implements Unit {
    public static final Nft UNIT = new Nft();
    /** Present when nf_tables is built in (it has parameters) or its module is loaded. */
    private static final Path NF_TABLES = Path.of("/sys/module/nf_tables");
    private static final String FUNCTION = "__nft_trace_packet";
    /** Retis' nft probe, as -p or a profile gives it. */
    private static final Pattern FUNCTION_PROBE = Pattern.compile("(kprobe:|k:)?" + FUNCTION + "(/.*)?");
    private static final String PROGRAM = "probe_nft";
    /** EV_HAS_NFT of event.h. */
    private static final int EV_HAS_NFT = 1 << 14;
    /** nft.h's knobs by the parameter type each locates. */
    private static final Map<String, String> PARAMS = Map.of(
            "struct nft_pktinfo *", "nft_pkt_arg",
            "struct nft_traceinfo *", "nft_info_arg",
            "struct nft_chain *", "nft_chain_arg",
            "struct nft_rule_dp *", "nft_rule_arg",
            "struct nft_verdict *", "nft_verdict_arg",
            "enum nft_trace_types", "nft_type_arg");

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
        if (!tracesFromNetlink()) {
            return Files.isDirectory(NF_TABLES) ? null : "Kernel module 'nf_tables' is not loaded";
        }
        return null; // traces from netlink: NftNetlink
    }

    /** Whether traces are read from netlink ({@link NftNetlink}): the kernel has no kprobes. */
    public boolean tracesFromNetlink() {
        return !KernelSymbols.mayHaveKprobes();
    }

    /** From netlink, only when named: it changes how events are written (see {@link NftNetlink}). */
    @Override
    public boolean joinsAuto() {
        return !tracesFromNetlink();
    }

    @Override
    public List<String> functions() {
        return tracesFromNetlink() ? List.of() : List.of(FUNCTION);
    }

    /** From netlink, Retis' probe on {@link #FUNCTION} gives way to where packets end. */
    @Override
    public List<String> probes(List<String> asked) {
        List<String> probes = new ArrayList<>(asked);
        if (tracesFromNetlink() && probes.removeIf(p -> FUNCTION_PROBE.matcher(p).matches())) {
            // nft-dropmon's probe: traces come from netlink, joined to where packets end.
            Log.info("nft: traces come from netlink here, not from kprobe:__nft_trace_packet (no stack traces);"
                    + " using tp:skb:kfree_skb and the default probes instead");
            probes.add("tp:skb:kfree_skb");
            probes.addAll(Collection.DEFAULT_PROBES);
        }
        return probes;
    }

    /** From netlink, traces are joined to the packet's events: these sections find them. */
    @Override
    public Set<Collectors.Name> joinedTo() {
        return tracesFromNetlink()
                ? EnumSet.of(Collectors.Name.SKB_TRACKING, Collectors.Name.SKB, Collectors.Name.DEV, Collectors.Name.NS)
                : Set.of();
    }

    @Override
    public EventSource events(CollectOptions options, Long netns) throws IOException {
        return tracesFromNetlink() ? NftNetlink.start(options, netns) : null;
    }

    /** probe_nft, told where the parameters it reads are and which verdicts to report. */
    @Override
    public UnitProgram program(String function, List<String> params, CollectOptions options) {
        if (!function.equals(FUNCTION)) {
            return null;
        }
        Map<String, Long> rodata = new HashMap<>();
        for (int i = params.size() - 1; i >= 0; i--) {
            String knob = PARAMS.get(params.get(i));
            if (knob != null) {
                rodata.put(knob, (long) i);
            }
        }
        rodata.put("nft_verdicts", Verdicts.mask(options.nftVerdicts()));
        return new UnitProgram(PROGRAM, Map.copyOf(rodata));
    }

    @Override
    public Runnable start(CollectOptions options) throws CollectException {
        // From netlink, NftNetlink installs its own tables, one per traced namespace.
        return tracesFromNetlink() ? () -> {} : NftTraceTable.install(options.allowSystemChanges());
    }

    /** Written by probe_nft only: no SEC_* bit; from netlink, no ring record at all. */
    @Override
    public int probeBit() {
        return 0;
    }

    @Override
    public int recordFlag() {
        return tracesFromNetlink() ? 0 : EV_HAS_NFT;
    }

    @Override
    public RecordPart recordPart(Btf kernel) {
        return new NftRecord();
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
