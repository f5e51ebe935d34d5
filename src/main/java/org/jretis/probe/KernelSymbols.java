package org.jretis.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** Names in /proc/kallsyms: functions and {@code __tracepoint_<name>} objects, for existence checks. */
public final class KernelSymbols {
    public static final Path KALLSYMS = Path.of("/proc/kallsyms");

    private final Set<String> names;

    public KernelSymbols(Set<String> names) {
        this.names = names;
    }

    /** Reads /proc/kallsyms; an unreadable file gives no symbols. */
    public static KernelSymbols read() {
        Set<String> names = new HashSet<>();
        try (Stream<String> lines = Files.lines(KALLSYMS)) {
            lines.forEach(l -> {
                int start = l.indexOf(' ', l.indexOf(' ') + 1) + 1;
                int end = l.indexOf('\t', start);
                names.add(end < 0 ? l.substring(start) : l.substring(start, end));
            });
        } catch (IOException e) {
            return new KernelSymbols(Set.of());
        }
        return new KernelSymbols(names);
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /** Kprobes are built in when their registration function is. */
    public boolean hasKprobes() {
        return contains("register_kprobe");
    }
}
