package org.jretis.probe;

import java.util.List;
import java.util.Map;

/**
 * A collector unit's own probe program for a function (a program of probe.bpf.o) and the
 * read-only globals it is loaded with, such as the indexes of the parameters it reads.
 */
public record UnitProgram(String program, Map<String, Long> rodata) {

    /** What a unit runs at a function, given the function's parameter types; null for nothing. */
    @FunctionalInterface
    public interface Lookup {
        UnitProgram at(String function, List<String> params);
    }
}
