package org.jretis.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.log.Log;

/**
 * Resolves probe strings against the running kernel: expands wildcards from tracefs, checks that
 * each tracepoint exists, and finds from its BTF prototype where the skb and the drop reason are.
 * Only tracepoints can be attached here; k(ret)probes are refused with what the kernel lacks.
 */
public final class ProbeResolver {
    private static final String SKB = "struct sk_buff *";
    private static final String DROP_REASON = "enum skb_drop_reason";

    private final Btf btf;
    private final Supplier<Optional<Tracefs>> tracefs;
    private List<String> events;
    private boolean quiet;

    /**
     * @param tracefs gives the mounted tracefs, if any; asked only when needed
     */
    public ProbeResolver(Btf btf, Supplier<Optional<Tracefs>> tracefs) {
        this.btf = btf;
        this.tracefs = tracefs;
    }

    /** Resolves every spec; the result has no duplicates and keeps the order of first appearance. */
    public List<Probe> resolve(List<ProbeSpec> specs, boolean stackAll) throws InvalidProbeException {
        Map<String, Probe> probes = new LinkedHashMap<>();
        for (ProbeSpec spec : specs) {
            if (spec.type() != ProbeType.RAW_TRACEPOINT) {
                throw new InvalidProbeException(unsupported(spec));
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

    /** Like {@link #resolve}, for listing: tracepoints without an skb are left out silently. */
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
        String name = target.substring(target.indexOf(':') + 1);
        List<String> args;
        try {
            args = btf.tracepointArgs(name);
        } catch (BtfException e) {
            throw new InvalidProbeException("Tracepoint " + target + ": " + e.getMessage());
        }
        int skb = args.indexOf(SKB);
        if (skb < 0) {
            String message = "No probe was attached to " + target + " as no collector could retrieve data from it";
            if (explicit && !quiet) {
                Log.warn(message);
            } else {
                Log.debug(message);
            }
            return null;
        }
        return new Probe(ProbeType.RAW_TRACEPOINT, target, skb, args.indexOf(DROP_REASON), stack);
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

    /** Why a k(ret)probe cannot be attached here, naming what the kernel lacks. */
    static String unsupported(ProbeSpec spec) {
        if (!kernelHasKprobes()) {
            return "Cannot attach " + spec + ": this kernel has no kprobes (built without CONFIG_KPROBES)";
        }
        return "Cannot attach " + spec + ": only tracepoints (tp:GROUP:NAME) are supported yet";
    }

    private static boolean kernelHasKprobes() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/kallsyms"))) {
            return lines.anyMatch(l -> l.endsWith(" register_kprobe"));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
