package org.jretis.profile;

import java.util.List;
import java.util.Map;

/**
 * A Retis profile: named sets of arguments for {@code collect} and {@code pcap}, each set applied
 * only when its conditions hold on the running kernel (§2 of the reference).
 *
 * @param source where it was read from (a path, or {@code builtin:<file>})
 */
public record Profile(String name, String about, String source, List<Flavor> collect, List<Flavor> pcap) {

    /**
     * One set of arguments: the first flavor whose conditions all hold is applied.
     *
     * @param args option long name → value: a string, a list of strings, or null for a flag
     */
    public record Flavor(String name, List<Condition> when, Map<String, Object> args) {}

    /** A {@code when} condition. */
    public sealed interface Condition permits KernelVersion, SymbolExists {}

    /** {@code type: version}: a requirement such as {@code ">=3.5.5, <6"} on the kernel version. */
    public record KernelVersion(String requirement) implements Condition {}

    /** {@code type: symbol}: a function or tracepoint exists (or not). */
    public record SymbolExists(String symbol, boolean exists) implements Condition {}

    public List<Flavor> flavors(String subcommand) {
        return "pcap".equals(subcommand) ? pcap : collect;
    }
}
