package org.jretis.collect;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.BpfMap;
import org.jretis.log.Log;

/**
 * Reads kernel stacks from the BPF stack map and names their frames from /proc/kallsyms. The
 * frames of the tracing machinery itself (our BPF program, the tracepoint's dispatch) are left
 * out: a stack starts at the kernel function that hit the tracepoint.
 */
final class StackSymbols implements StackResolver {
    private static final List<String> TRACER_FRAMES = List.of("bpf_prog_", "bpf_trace_run", "__traceiter_", "__bpf_trace_");
    private final BpfMap stacks;
    private Kallsyms symbols;

    StackSymbols(BpfMap stacks) {
        this.stacks = stacks;
    }

    @Override
    public List<String> frames(int stackId) {
        if (stackId < 0) {
            return List.of();
        }
        List<String> frames = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment key = arena.allocate(ValueLayout.JAVA_INT);
            key.set(ValueLayout.JAVA_INT, 0, stackId);
            MemorySegment value = arena.allocate(stacks.valueSize());
            if (!stacks.lookup(key, value)) {
                return List.of();
            }
            if (symbols == null) {
                symbols = Kallsyms.read();
            }
            for (long at = 0; at < value.byteSize(); at += Long.BYTES) {
                long ip = value.get(ValueLayout.JAVA_LONG, at);
                if (ip == 0) {
                    break;
                }
                String frame = symbols.describe(ip);
                if (!frames.isEmpty() || !isTracerFrame(frame)) {
                    frames.add(frame);
                }
            }
        } catch (BpfException e) {
            Log.debug("cannot read stack " + stackId + ": " + e.getMessage());
        }
        return frames;
    }

    static boolean isTracerFrame(String frame) {
        return TRACER_FRAMES.stream().anyMatch(frame::startsWith);
    }
}
