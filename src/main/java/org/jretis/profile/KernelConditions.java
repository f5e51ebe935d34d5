package org.jretis.profile;

import org.jretis.probe.KernelConfig;
import org.jretis.probe.KernelSymbols;

/** Evaluates profile conditions against the running kernel. */
final class KernelConditions {
    private final String release;
    private KernelSymbols symbols;

    KernelConditions() {
        this(KernelConfig.release(), null);
    }

    /** @param symbols the kernel's symbols, or null to read /proc/kallsyms when first needed */
    KernelConditions(String release, KernelSymbols symbols) {
        this.release = release;
        this.symbols = symbols;
    }

    boolean holds(Profile.Condition condition) {
        return switch (condition) {
            case Profile.KernelVersion v -> VersionRequirement.parse(v.requirement()).matches(release);
            case Profile.SymbolExists s -> symbolExists(s.symbol()) == s.exists();
        };
    }

    /**
     * A function in kallsyms, or a tracepoint ({@code group:name}) by what kallsyms shows of it:
     * its {@code __traceiter_} function (always listed) or {@code __tracepoint_} object. No
     * tracefs needed.
     */
    private boolean symbolExists(String symbol) {
        if (symbols == null) {
            symbols = KernelSymbols.read();
        }
        int colon = symbol.indexOf(':');
        if (colon < 0) {
            return symbols.contains(symbol);
        }
        String name = symbol.substring(colon + 1);
        return symbols.contains("__traceiter_" + name) || symbols.contains("__tracepoint_" + name);
    }
}
