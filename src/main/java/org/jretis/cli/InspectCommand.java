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
        Optional<Tracefs> tracefs = Tracefs.find();
        // Without tracefs a tracepoint named in full is still found in BTF; a wildcard is not.
        if (tracefs.isEmpty() && pattern.contains("*")) {
            throw new UserException("tracefs is not mounted at /sys/kernel/tracing: mount it"
                    + " (mount -t tracefs tracefs /sys/kernel/tracing) to list tracepoints");
        }
        ProbeResolver resolver = new ProbeResolver(btf, () -> tracefs, EnumSet.allOf(ArgType.class),
                KernelSymbols::read);
        TreeSet<String> found = new TreeSet<>();
        for (String candidate : candidates(pattern)) {
            try {
                // Where the kernel has no kprobes, the function candidate's refusal goes to the debug log.
                resolver.resolveQuietly(List.of(ProbeSpec.parse(candidate))).stream()
                        .map(Probe::display).forEach(found::add);
            } catch (InvalidProbeException e) {
                Log.debug(e.getMessage());
            }
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
