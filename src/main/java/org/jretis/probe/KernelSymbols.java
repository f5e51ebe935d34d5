package org.jretis.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names in /proc/kallsyms: functions and {@code __tracepoint_<name>} objects, for existence
 * checks, with the module each belongs to ({@code name\t[module]}).
 */
public final class KernelSymbols {
    public static final Path KALLSYMS = Path.of("/proc/kallsyms");
    /** The kernel's kprobe PMU: present when kprobes are built in (CONFIG_KPROBE_EVENTS). */
    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");

    /** Symbol name → its module, "" for the kernel's own. */
    private final Map<String, String> modules;

    /** Symbols of the kernel's own. */
    public KernelSymbols(Set<String> names) {
        this(names.stream().collect(Collectors.toMap(n -> n, n -> "")));
    }

    /** @param modules symbol name → its module, "" for the kernel's own */
    public KernelSymbols(Map<String, String> modules) {
        this.modules = modules;
    }

    /** Reads /proc/kallsyms; an unreadable file gives no symbols. */
    public static KernelSymbols read() {
        Map<String, String> modules = new HashMap<>();
        try (Stream<String> lines = Files.lines(KALLSYMS)) {
            lines.forEach(l -> {
                int start = l.indexOf(' ', l.indexOf(' ') + 1) + 1;
                int end = l.indexOf('\t', start);
                if (end < 0) {
                    modules.putIfAbsent(l.substring(start), "");
                } else {
                    int open = l.indexOf('[', end);
                    int close = l.indexOf(']', open + 1);
                    modules.putIfAbsent(l.substring(start, end), open < 0 || close < 0 ? "" : l.substring(open + 1, close));
                }
            });
        } catch (IOException e) {
            return new KernelSymbols(Map.of());
        }
        return new KernelSymbols(modules);
    }

    public boolean contains(String name) {
        return modules.containsKey(name);
    }

    /** The module a symbol belongs to; empty for the kernel's own symbols and unknown ones. */
    public Optional<String> module(String name) {
        String module = modules.get(name);
        return module == null || module.isEmpty() ? Optional.empty() : Optional.of(module);
    }

    /** Whether the kernel may have kprobes, known without reading kallsyms. */
    public static boolean mayHaveKprobes() {
        return Files.isDirectory(KPROBE_PMU);
    }

    /** Kprobes are built in when their registration function is. */
    public boolean hasKprobes() {
        return contains("register_kprobe");
    }
}
