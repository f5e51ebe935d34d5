package org.jretis.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** Evaluates profile conditions against the running kernel. */
final class KernelConditions {
    private Set<String> symbols;
    private final String release;

    KernelConditions() {
        this(readRelease());
    }

    KernelConditions(String release) {
        this.release = release;
    }

    boolean holds(Profile.Condition condition) {
        return switch (condition) {
            case Profile.KernelVersion v -> VersionRequirement.parse(v.requirement()).matches(release);
            case Profile.SymbolExists s -> symbolExists(s.symbol()) == s.exists();
        };
    }

    /** A function in kallsyms, or a tracepoint ({@code group:name}) known to BTF or tracefs. */
    private boolean symbolExists(String symbol) {
        int colon = symbol.indexOf(':');
        if (colon >= 0) {
            String name = symbol.substring(colon + 1);
            return Files.isDirectory(Path.of("/sys/kernel/tracing/events", symbol.substring(0, colon), name))
                    || kallsyms().contains("__tracepoint_" + name);
        }
        return kallsyms().contains(symbol);
    }

    private Set<String> kallsyms() {
        if (symbols == null) {
            Set<String> names = new HashSet<>();
            try (Stream<String> lines = Files.lines(Path.of("/proc/kallsyms"))) {
                lines.forEach(l -> {
                    int space = l.indexOf(' ', l.indexOf(' ') + 1);
                    int end = l.indexOf('\t', space + 1);
                    names.add(end < 0 ? l.substring(space + 1) : l.substring(space + 1, end));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            symbols = names;
        }
        return symbols;
    }

    private static String readRelease() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}
