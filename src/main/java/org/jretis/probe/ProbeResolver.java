package org.jretis.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.log.Log;

/**
 * Resolves probe strings against the running kernel: expands wildcards from tracefs, checks that
 * each tracepoint exists, and finds from its BTF prototype where the arguments the collectors
 * read are. Only tracepoints are attached here; k(ret)probes are validated, then refused with
 * what the kernel lacks.
 */
public final class ProbeResolver {
    /** Tracepoints that may see an skb after it was freed: they must not start tracking ids. */
    private static final Set<String> NO_TRACKING = Set.of("net:net_dev_xmit");

    private final Btf btf;
    private final Supplier<Optional<Tracefs>> tracefs;
    private final Set<ArgType> readable;
    private final Supplier<KernelSymbols> symbols;
    private List<String> events;
    private KernelSymbols kallsyms;
    private boolean quiet;

    /**
     * @param tracefs  gives the mounted tracefs, if any; asked only when needed
     * @param readable the argument types the enabled collectors read: a tracepoint with none of
     *                 them is not attached
     * @param symbols  gives the kernel's symbols; read only for function probes
     */
    public ProbeResolver(Btf btf, Supplier<Optional<Tracefs>> tracefs, Set<ArgType> readable,
                         Supplier<KernelSymbols> symbols) {
        this.btf = btf;
        this.tracefs = tracefs;
        this.readable = Set.copyOf(readable);
        this.symbols = symbols;
    }

    /** Resolves every spec; the result has no duplicates and keeps the order of first appearance. */
    public List<Probe> resolve(List<ProbeSpec> specs, boolean stackAll) throws InvalidProbeException {
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (ProbeSpec spec : specs) {
            if (spec.type() != ProbeType.RAW_TRACEPOINT) {
                throw new InvalidProbeException(refuseFunctionProbe(spec));
            }
            for (String target : tracepoints(spec)) {
                Probe probe = tracepoint(target, spec.stack() || stackAll, !spec.hasWildcard());
                if (probe != null) {
                    probes.merge(probe.target(), probe, (a, b) -> a.stack() ? a : b);
                }
            }
        }
        return new ArrayList<>(probes.values());
    }

    /** Like {@link #resolve}, for listing: tracepoints no collector reads are left out silently. */
    public List<Probe> resolveQuietly(List<ProbeSpec> specs) throws InvalidProbeException {
        quiet = true;
        try {
            return resolve(specs, false);
        } finally {
            quiet = false;
        }
    }

    private List<String> tracepoints(ProbeSpec spec) throws InvalidProbeException {
        if (!spec.hasWildcard()) {
            Optional<List<String>> known = availableEvents();
            if (known.isPresent() ? !known.get().contains(spec.target()) : !hasPrototype(spec.target())) {
                throw new InvalidProbeException("Tracepoint " + spec.target() + " not found (probe " + spec + ")");
            }
            return List.of(spec.target());
        }
        List<String> known = availableEvents().orElseThrow(() -> new InvalidProbeException(
                "Cannot expand " + spec + ": tracefs is not mounted at /sys/kernel/tracing"
                        + " (mount it, or use --allow-system-changes)"));
        Pattern glob = Pattern.compile(Arrays.stream(spec.target().split("\\*", -1))
                .map(Pattern::quote).collect(Collectors.joining(".*")));
        List<String> matches = known.stream().filter(e -> glob.matcher(e).matches()).sorted().toList();
        if (matches.isEmpty()) {
            throw new InvalidProbeException("No tracepoint matches " + spec);
        }
        return matches;
    }

    private Probe tracepoint(String target, boolean stack, boolean explicit) throws InvalidProbeException {
        List<String> args;
        try {
            args = btf.tracepointArgs(target.substring(target.indexOf(':') + 1));
        } catch (BtfException e) {
            throw new InvalidProbeException("Tracepoint " + target + ": " + e.getMessage());
        }
        Probe probe = new Probe(ProbeType.RAW_TRACEPOINT, target, index(args, ArgType.SKB),
                index(args, ArgType.DROP_REASON), index(args, ArgType.NET_DEVICE), index(args, ArgType.NET),
                stack, NO_TRACKING.contains(target));
        // The drop reason alone is not enough: events are about a packet, a device or a namespace.
        if (probe.skbArg() < 0 && probe.devArg() < 0 && probe.netArg() < 0) {
            String message = "No probe was attached to " + target + " as no collector could retrieve data from it";
            if (explicit && !quiet) {
                Log.warn(message);
            } else {
                Log.debug(message);
            }
            return null;
        }
        return probe;
    }

    /** Where an argument of this type is, -1 when there is none or no enabled collector reads it. */
    private int index(List<String> args, ArgType type) {
        return readable.contains(type) ? args.indexOf(type.cType()) : -1;
    }

    private boolean hasPrototype(String target) {
        try {
            btf.tracepointArgs(target.substring(target.indexOf(':') + 1));
            return true;
        } catch (BtfException e) {
            return false;
        }
    }

    private Optional<List<String>> availableEvents() {
        if (events == null) {
            Optional<Tracefs> fs = tracefs.get();
            if (fs.isEmpty()) {
                return Optional.empty();
            }
            try {
                events = fs.get().availableEvents();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Optional.of(events);
    }

    /**
     * Checks a k(ret)probe as far as this kernel allows, then says in one line why it cannot be
     * attached: what the kernel lacks.
     */
    private String refuseFunctionProbe(ProbeSpec spec) throws InvalidProbeException {
        if (kallsyms == null) {
            kallsyms = symbols.get();
        }
        if (!spec.hasWildcard() && !kallsyms.contains(spec.target())) {
            throw new InvalidProbeException("Function " + spec.target() + " not found (probe " + spec + ")");
        }
        if (kallsyms.hasKprobes()) {
            return "Cannot attach " + spec + ": jretis attaches tracepoints only (tp:GROUP:NAME)";
        }
        String lacks = "this kernel has no kprobes (CONFIG_KPROBES is not set)";
        Optional<Tracefs> fs = tracefs.get();
        if (fs.isPresent() && !fs.get().functionTracingPermitted()) {
            lacks += " and does not permit function tracing";
        }
        return "Cannot attach " + spec + ": " + lacks;
    }
}
