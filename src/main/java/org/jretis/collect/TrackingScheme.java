package org.jretis.collect;

import java.util.List;
import org.jretis.log.Log;
import org.jretis.probe.KernelSymbols;

/**
 * How tracking entries are removed when a packet's data is freed, with which programs of
 * tracking.bpf.o: kprobes on the functions that free or move a head, as Retis, where the kernel
 * has them; tracepoints elsewhere.
 *
 * @param kprobes the programs are kprobes, each on the function its name gives after
 *                {@code track_}; else each attaches where its section says
 */
record TrackingScheme(String name, List<String> programs, boolean kprobes) {
    static final String OBJECT = "/org/jretis/bpf/tracking.bpf.o";

    static final TrackingScheme KPROBES = new TrackingScheme("kprobes",
            List.of("track_skb_free_head", "track_kfree_skb_partial", "track_pskb_expand_head"), true);
    static final TrackingScheme TRACEPOINTS = new TrackingScheme("tracepoints",
            List.of("track_consume_skb", "track_kfree_skb", "track_kfree", "track_kmem_cache_free"), false);

    /** Kprobes where the kernel has them and the three functions, else tracepoints; logged at debug. */
    static TrackingScheme choose(KernelSymbols symbols) {
        boolean kprobes = symbols.hasKprobes()
                && KPROBES.programs().stream().map(KPROBES::function).allMatch(symbols::contains);
        TrackingScheme scheme = kprobes ? KPROBES : TRACEPOINTS;
        Log.debug("tracking ids with " + scheme.name() + ": " + String.join(", ", scheme.programs()));
        return scheme;
    }

    /** The kernel function a kprobe program of this scheme attaches to. */
    String function(String program) {
        return program.substring("track_".length());
    }
}
