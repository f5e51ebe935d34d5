package org.jretis.cli;

import org.jretis.event.Event;
import org.jretis.filter.FilterException;
import org.jretis.filter.PacketMatcher;
import picocli.CommandLine.Option;

/** {@code -f EXPR} of the offline commands: keep the events whose packet matches a pcap filter. */
final class PacketFilterOption {
    @Option(names = {"-f", "--filter-packet"}, paramLabel = "<FILTER>",
            description = "Only events whose packet matches this pcap-filter(7) expression.")
    String expression;

    private PacketMatcher matcher;

    /** Compiles the expression (before any input is read); a bad one is a user error. */
    void compile() {
        if (expression == null) {
            return;
        }
        try {
            matcher = PacketMatcher.compile(expression);
        } catch (FilterException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** Whether {@code event} passes (every event does without -f; startup events always do). */
    boolean accepts(Event event) {
        return matcher == null || event.isStartup() || matcher.matches(event);
    }
}
