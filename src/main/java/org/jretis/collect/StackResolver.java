package org.jretis.collect;

import java.util.List;

/** Turns a BPF stack id into symbolised frames ({@code sym+0xoff}). */
interface StackResolver {
    List<String> frames(int stackId);
}
