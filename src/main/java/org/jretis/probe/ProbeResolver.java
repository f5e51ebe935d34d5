package org.jretis.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
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
 * each tracepoint or function exists, and finds from its BTF prototype where the arguments the
 * collectors read are. Function probes (k(ret)probes) resolve only where the kernel has kprobes;
 * elsewhere they are refused with what the kernel lacks.
 */
public final class ProbeResolver {
    /** Tracepoints that may see an skb after it was freed: they must not start tracking ids. */
    private static final Set<String> NO_TRACKING = Set.of("net:net_dev_xmit");

    private final Btf btf;
    private final Supplier<Optional<Tracefs>> tracefs;
    private final Set<ArgType> readable;
    private final Supplier<KernelSymbols> symbols;
    private final Supplier<Optional<KernelConfig>> config;
    private Boolean kprobes;
    private Optional<List<String>> events;
    private Optional<Set<String>> functions;
    private KernelSymbols kallsyms;
    private boolean quiet;
    private UnitProgram.Lookup unitPrograms = (function, params) -> null;

    /**
     * @param tracefs  gives the mounted tracefs, if any; asked only when needed
     * @param readable the argument types the enabled collectors read: a probe with none of them
     *                 is not attached
     * @param symbols  gives the kernel's symbols; read only for function probes and modules' tracepoints
     */
    public ProbeResolver(Btf btf, Supplier<Optional<Tracefs>> tracefs, Set<ArgType> readable,
                         Supplier<KernelSymbols> symbols) {
        this(btf, tracefs, readable, symbols, () -> KernelConfig.find(KernelConfig.release()));
    }

    /**
     * @param config gives the kernel's configuration, if known: whether it has kprobes
     *               (CONFIG_KPROBES); without it, kallsyms tells
     */
    public ProbeResolver(Btf btf, Supplier<Optional<Tracefs>> tracefs, Set<ArgType> readable,
                         Supplier<KernelSymbols> symbols, Supplier<Optional<KernelConfig>> config) {
        this.btf = btf;
        this.tracefs = tracefs;
        this.readable = Set.copyOf(readable);
        this.symbols = symbols;
        this.config = config;
    }

    /** The collector units' own programs, which replace the generic one at their functions. */
    public ProbeResolver withUnitPrograms(UnitProgram.Lookup lookup) {
        this.unitPrograms = lookup;
        return this;
    }

    /** Resolves every spec; the result has no duplicates and keeps the order of first appearance. */
    public List<Probe> resolve(List<ProbeSpec> specs, boolean stackAll) throws InvalidProbeException {
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (ProbeSpec spec : specs) {
            boolean stack = spec.stack() || stackAll;
            List<Probe> resolved = new ArrayList<>();
            if (spec.type() == ProbeType.RAW_TRACEPOINT) {
                for (String target : tracepoints(spec)) {
                    resolved.add(tracepoint(target, stack, !spec.hasWildcard()));
                }
            } else {
                for (String function : functions(spec)) {
                    resolved.add(function(spec.type(), function, stack, !spec.hasWildcard()));
                }
            }
            for (Probe probe : resolved) {
                if (probe != null) {
                    probes.merge(probe.display(), probe, (a, b) -> a.stack() ? a : b);
                }
            }
        }
        return new ArrayList<>(probes.values());
    }

    /** Like {@link #resolve}, for listing: probes no collector reads are left out silently. */
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
            // A tracepoint named in full is checked in BTF when tracefs is not mounted: no helper
            // process on collect's start-up path.
            Optional<List<String>> known = tracefs.get().filter(Tracefs::isMounted).isPresent()
                    ? availableEvents() : Optional.empty();
            if (known.isPresent() ? !known.get().contains(spec.target()) : !hasPrototype(spec.target())) {
                throw new InvalidProbeException("Tracepoint " + spec.target() + " not found (probe " + spec + ")");
            }
            return List.of(spec.target());
        }
        List<String> known = availableEvents().orElseThrow(() -> new InvalidProbeException(
                "Cannot expand " + spec + ": tracefs is not mounted at /sys/kernel/tracing"
                        + " (mount it, or use --allow-system-changes)"));
        List<String> matches = matching(spec, known);
        if (matches.isEmpty()) {
            throw new InvalidProbeException("No tracepoint matches " + spec);
        }
        return matches;
    }

    /**
     * The functions a k(ret)probe spec names. A function named in full must be in kallsyms and,
     * when tracefs is mounted, among the traceable functions it lists; a wildcard is matched
     * against that list.
     */
    private List<String> functions(ProbeSpec spec) throws InvalidProbeException {
        KernelSymbols kallsyms = kallsyms();
        if (!spec.hasWildcard() && !kallsyms.contains(spec.target())) {
            throw new InvalidProbeException("Function " + spec.target() + " not found (probe " + spec + ")");
        }
        if (!hasKprobes()) {
            throw new InvalidProbeException(refuseFunctionProbe(spec));
        }
        if (!spec.hasWildcard()) {
            // As tracepoints: checked against the list only when reading it costs no helper process.
            Optional<Set<String>> traceable = tracefs.get().filter(Tracefs::isMounted).isPresent()
                    ? traceableFunctions() : Optional.empty();
            if (traceable.isPresent() && !traceable.get().contains(spec.target())) {
                throw new InvalidProbeException("Function " + spec.target() + " is not traceable (probe " + spec + ")");
            }
            return List.of(spec.target());
        }
        List<String> matches = matching(spec, traceableFunctions().orElseThrow(() -> new InvalidProbeException(
                "Cannot expand " + spec + ": the kernel's traceable functions cannot be listed"
                        + " (available_filter_functions in tracefs)")));
        if (matches.isEmpty()) {
            throw new InvalidProbeException("No traceable function matches " + spec);
        }
        return matches;
    }

    /** The names a wildcard spec matches, sorted. */
    private static List<String> matching(ProbeSpec spec, Collection<String> names) {
        Pattern glob = Pattern.compile(Arrays.stream(spec.target().split("\\*", -1))
                .map(Pattern::quote).collect(Collectors.joining(".*")));
        return names.stream().filter(e -> glob.matcher(e).matches()).sorted().toList();
    }

    private Probe tracepoint(String target, boolean stack, boolean explicit) throws InvalidProbeException {
        List<String> args;
        try {
            args = tracepointArgs(target);
        } catch (BtfException e) {
            return unusable(explicit, "Tracepoint " + target + ": " + e.getMessage());
        }
        return probe(ProbeType.RAW_TRACEPOINT, target, args, stack, NO_TRACKING.contains(target), explicit);
    }

    private Probe function(ProbeType type, String name, boolean stack, boolean explicit) throws InvalidProbeException {
        List<String> args;
        try {
            args = args(name, b -> b.functionParams(name));
        } catch (BtfException e) {
            return unusable(explicit, "Function " + name + ": " + e.getMessage());
        }
        return probe(type, name, args, stack, false, explicit);
    }

    private List<String> tracepointArgs(String target) throws BtfException {
        String name = target.substring(target.indexOf(':') + 1);
        return args("__traceiter_" + name, b -> b.tracepointArgs(name)); // a function: always in kallsyms
    }

    /** Reads a prototype from BTF. */
    private interface PrototypeLookup {
        List<String> in(Btf btf) throws BtfException;
    }

    /**
     * A prototype from vmlinux' BTF or, when it is not there, from the BTF of the module that
     * {@code symbol} belongs to (kallsyms says which): only that module's BTF is read.
     */
    private List<String> args(String symbol, PrototypeLookup lookup) throws BtfException {
        try {
            return lookup.in(btf);
        } catch (BtfException e) {
            Optional<Btf> module = kallsyms().module(symbol).flatMap(btf::module);
            if (module.isEmpty()) {
                throw e;
            }
            return lookup.in(module.get());
        }
    }

    /** From the running kernel: its configuration when found, else its symbols (register_kprobe). */
    private boolean hasKprobes() {
        if (kprobes == null) {
            kprobes = config.get().map(c -> c.enabled("CONFIG_KPROBES")).orElseGet(() -> kallsyms().hasKprobes());
        }
        return kprobes;
    }

    private KernelSymbols kallsyms() {
        if (kallsyms == null) {
            kallsyms = symbols.get();
        }
        return kallsyms;
    }

    /** A symbol without a usable prototype: an error when named in full, skipped when matched by a wildcard. */
    private static Probe unusable(boolean explicit, String message) throws InvalidProbeException {
        if (explicit) {
            throw new InvalidProbeException(message);
        }
        Log.debug(message + ": skipped");
        return null;
    }

    /** The probe, or null (and a message) when no enabled collector reads any of its arguments. */
    private Probe probe(ProbeType type, String target, List<String> args, boolean stack, boolean noTracking,
                        boolean explicit) {
        UnitProgram unit = type == ProbeType.RAW_TRACEPOINT ? null : unitPrograms.at(target, args);
        Probe probe = new Probe(type, target, index(args, ArgType.SKB), index(args, ArgType.DROP_REASON),
                index(args, ArgType.NET_DEVICE), index(args, ArgType.NET), stack, noTracking, unit);
        // The drop reason alone is not enough: events are about a packet, a device or a namespace.
        if (unit == null && probe.skbArg() < 0 && probe.devArg() < 0 && probe.netArg() < 0) {
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

    /** Where the first argument of this type is, -1 when there is none or no enabled collector reads it. */
    private int index(List<String> args, ArgType type) {
        if (readable.contains(type)) {
            for (int i = 0; i < args.size(); i++) {
                if (type.matches(args.get(i))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private boolean hasPrototype(String target) {
        try {
            tracepointArgs(target);
            return true;
        } catch (BtfException e) {
            return false;
        }
    }

    private Optional<List<String>> availableEvents() {
        if (events == null) {
            events = listing("tracepoints", Tracefs::availableEvents);
        }
        return events;
    }

    private Optional<Set<String>> traceableFunctions() {
        if (functions == null) {
            functions = listing("traceable functions", fs -> new HashSet<>(fs.traceableFunctions()));
        }
        return functions;
    }

    /** Reads a listing of tracefs. */
    private interface TracefsListing<T> {
        T read(Tracefs fs) throws IOException;
    }

    /** A listing of tracefs, empty when there is no tracefs or it cannot be read (said at debug level). */
    private <T> Optional<T> listing(String what, TracefsListing<T> listing) {
        return tracefs.get().flatMap(fs -> {
            try {
                return Optional.of(listing.read(fs));
            } catch (IOException e) {
                Log.debug("cannot list " + what + ": " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Says in one line why a k(ret)probe cannot be attached here: what the kernel lacks. */
    private String refuseFunctionProbe(ProbeSpec spec) {
        String lacks = "this kernel has no kprobes (CONFIG_KPROBES is not set)";
        Optional<Tracefs> fs = tracefs.get();
        if (fs.isPresent() && !fs.get().functionTracingPermitted()) {
            lacks += " and does not permit function tracing";
        }
        return "Cannot attach " + spec + ": " + lacks;
    }
}
