package org.jretis.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
import org.jretis.probe.KernelConfig;
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

    @Option(names = "--kconf", paramLabel = "<PATH>",
            description = "Path to the kernel configuration (default: auto-detect: /proc/config.gz, /boot/config-<release>, ...).")
    Path kconf;

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
        Optional<KernelConfig> config = kernelConfig();
        Optional<Tracefs> tracefs = Tracefs.available();
        ProbeResolver resolver = new ProbeResolver(btf, () -> tracefs, EnumSet.allOf(ArgType.class),
                KernelSymbols::read, () -> config);
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

    /** The configuration --kconf names (it must be readable), else the one found for this kernel. */
    private Optional<KernelConfig> kernelConfig() {
        if (kconf == null) {
            return KernelConfig.find(KernelConfig.release());
        }
        try {
            return Optional.of(KernelConfig.read(kconf));
        } catch (IOException e) {
            throw new UserException("Could not read " + kconf + ": "
                    + (e instanceof NoSuchFileException ? "No such file or directory" : e.getMessage()));
        }
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
