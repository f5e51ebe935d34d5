package org.jretis.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.log.Log;
import org.jretis.probe.ArgType;
import org.jretis.probe.InvalidProbeException;
import org.jretis.probe.KernelSymbols;
import org.jretis.probe.Probe;
import org.jretis.probe.ProbeResolver;
import org.jretis.probe.ProbeSpec;
import org.jretis.probe.Tracefs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code retis inspect -p PATTERN}: the probes that could be attached, one per line. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Inspect the kernel: list the probes matching a pattern that a collector can use.")
public final class InspectCommand implements Callable<Integer> {

    @Option(names = {"-p", "--probe"}, arity = "0..1", fallbackValue = "*", paramLabel = "<PATTERN>",
            description = "Probe pattern, e.g. tp:net:*, net:*, *skb* (default: *).")
    String pattern;

    @Override
    public Integer call() throws IOException {
        if (pattern == null) {
            throw new UserException("Nothing to inspect: use -p/--probe [PATTERN]");
        }
        Btf btf;
        try {
            btf = Btf.kernel();
        } catch (BtfException e) {
            throw new UserException(e.getMessage());
        }
        Optional<Tracefs> tracefs = Tracefs.available();
        ProbeResolver resolver = new ProbeResolver(btf, () -> tracefs, EnumSet.allOf(ArgType.class),
                KernelSymbols::read);
        TreeSet<String> found = new TreeSet<>();
        InvalidProbeException failure = null;
        int failures = 0;
        List<String> candidates = candidates(pattern);
        for (String candidate : candidates) {
            try {
                resolver.resolveQuietly(List.of(ProbeSpec.parse(candidate))).stream()
                        .map(Probe::display).forEach(found::add);
            } catch (InvalidProbeException e) {
                // A bare pattern is tried as a function and as a tracepoint: one may well not resolve
                // (no kprobes in this kernel, no such tracepoint).
                Log.debug(e.getMessage());
                failure = e;
                failures++;
            }
        }
        if (failures == candidates.size()) {
            throw new UserException(failure.getMessage());
        }
        found.forEach(System.out::println);
        return 0;
    }

    /** A pattern without a type is tried as a kprobe and as a tracepoint, as Retis does. */
    private static List<String> candidates(String pattern) {
        List<String> list = new ArrayList<>();
        if (pattern.contains(":")) {
            list.add(pattern);
        } else {
            list.add("kprobe:" + pattern);
            list.add("tp:" + pattern);
        }
        return list;
    }
}
