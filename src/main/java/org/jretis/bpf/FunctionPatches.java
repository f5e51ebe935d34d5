package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces whole functions of a program with generated instructions, between libbpf's
 * relocations and the kernel load: the way to put a filter compiled at run time inside a probe
 * on a kernel that refuses {@code freplace}. Programs in one of {@link #SECTIONS} (BTF
 * tracepoint and kprobe programs) go through a libbpf prepare-load callback, which sees the program with its
 * subprograms appended, finds each function to replace by its name in the program's BTF func
 * info, splices the new body in and shifts what follows: the func and line info offsets, and the
 * relative calls that cross the replaced body. A generated body must be self-contained (no calls
 * to other functions) and valid for the function's BTF prototype.
 */
final class FunctionPatches {
    /**
     * The ELF sections of programs whose functions can be replaced, with their program and
     * expected attach types: tp_btf (BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP; its target is set
     * per program) and kprobe.
     */
    static final Map<String, int[]> SECTIONS = Map.of("tp_btf.patched", new int[] {26, 23}, "kprobe.patched", new int[] {2, 0});
    private static final int CALL = 0x85;
    private static final int LD_IMM64 = 0x18;
    private static final int PSEUDO_CALL = 1;
    private static final int PSEUDO_FUNC = 4;
    private static final int EINVAL = 22;

    /** struct bpf_prog_load_opts of libbpf 1.1.2 (bpf.h): the BTF.ext fields. */
    private static final long OPTS_SIZE = 104;
    private static final long FUNC_INFO = 56;
    private static final long FUNC_INFO_CNT = 64;
    private static final long FUNC_INFO_REC_SIZE = 68;
    private static final long LINE_INFO = 72;
    private static final long LINE_INFO_CNT = 80;
    private static final long LINE_INFO_REC_SIZE = 84;

    /** What to do to a program at its load, by the program's libbpf address. */
    private static final Map<Long, Pending> PENDING = new ConcurrentHashMap<>();
    private static boolean registered;

    /** Replacements for one program; memory handed to libbpf comes from its object's arena. */
    private record Pending(String program, MemorySegment btf, Arena arena, Map<String, long[]> bodies,
                           List<String> failure) {}

    private FunctionPatches() {}

    /** Registers the callback for {@link #SECTIONS} once; before any such object is opened. */
    static synchronized void register() throws BpfUnavailableException {
        Native.requireLibbpf();
        if (registered) {
            return;
        }
        try {
            MemorySegment callback = Native.upcall(MethodHandles.lookup().findStatic(FunctionPatches.class,
                    "prepareLoad", MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, long.class)),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
            // struct libbpf_prog_handler_opts {size_t sz; long cookie; setup_fn; prepare_load_fn; attach_fn;}
            MemorySegment opts = Arena.global().allocate(MemoryLayout.sequenceLayout(5, JAVA_LONG));
            opts.set(JAVA_LONG, 0, opts.byteSize());
            opts.set(ADDRESS, 24, callback);
            for (Map.Entry<String, int[]> section : SECTIONS.entrySet()) {
                int rc = (int) Native.Objects.REGISTER_PROG_HANDLER.invokeExact(
                        Arena.global().allocateFrom(section.getKey()), section.getValue()[0], section.getValue()[1], opts);
                if (rc < 0) {
                    throw new IllegalStateException("libbpf refused a handler for section " + section.getKey()
                            + ": " + Errno.describe(-rc));
                }
            }
            registered = true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Replaces function {@code function} of {@code program} with {@code body} when it is loaded. */
    static void replace(MemorySegment program, String name, MemorySegment btf, Arena arena,
                        String function, long[] body) {
        PENDING.computeIfAbsent(program.address(),
                        a -> new Pending(name, btf, arena, new ConcurrentHashMap<>(), new ArrayList<>()))
                .bodies().put(function, body.clone());
    }

    /**
     * Forgets what was asked for {@code program} and returns why the replacement failed during
     * the load, or null.
     */
    static String done(MemorySegment program) {
        Pending pending = PENDING.remove(program.address());
        return pending == null || pending.failure().isEmpty() ? null : pending.failure().getFirst();
    }

    /** libbpf_prog_prepare_load_fn_t; an exception must not escape an upcall. */
    @SuppressWarnings("unused")
    private static int prepareLoad(MemorySegment program, MemorySegment opts, long cookie) {
        Pending pending = PENDING.get(program.address());
        if (pending == null) {
            return 0;
        }
        try {
            patch(program, opts.reinterpret(OPTS_SIZE), pending);
            return 0;
        } catch (Throwable t) {
            pending.failure().add(t.getMessage() == null ? t.toString() : t.getMessage());
            return -EINVAL;
        }
    }

    @SuppressWarnings("restricted")
    private static void patch(MemorySegment program, MemorySegment opts, Pending pending) throws Throwable {
        long count = (long) Native.Patches.PROGRAM_INSN_CNT.invokeExact(program);
        MemorySegment at = (MemorySegment) Native.Patches.PROGRAM_INSNS.invokeExact(program);
        long[] insns = at.reinterpret(count * 8).toArray(JAVA_LONG);
        int funcRec = opts.get(JAVA_INT, FUNC_INFO_REC_SIZE);
        int lineRec = opts.get(JAVA_INT, LINE_INFO_REC_SIZE);
        int[][] funcs = records(opts.get(ADDRESS, FUNC_INFO), opts.get(JAVA_INT, FUNC_INFO_CNT), funcRec);
        int[][] lines = records(opts.get(ADDRESS, LINE_INFO), opts.get(JAVA_INT, LINE_INFO_CNT), lineRec);
        for (Map.Entry<String, long[]> body : pending.bodies().entrySet()) {
            int start = -1;
            int end = insns.length;
            for (int[] func : funcs) {
                if (name(pending.btf(), func[1]).equals(body.getKey())) {
                    start = func[0];
                }
            }
            if (start < 0) {
                throw new IllegalStateException("program '" + pending.program() + "' has no function " + body.getKey());
            }
            for (int[] func : funcs) {
                if (func[0] > start && func[0] < end) {
                    end = func[0];
                }
            }
            insns = splice(insns, start, end, body.getValue());
            int delta = body.getValue().length - (end - start);
            funcs = shift(funcs, start, end, delta);
            lines = shift(lines, start, end, delta);
        }
        MemorySegment code = pending.arena().allocateFrom(JAVA_LONG, insns);
        int rc = (int) Native.Patches.PROGRAM_SET_INSNS.invokeExact(program, code, (long) insns.length);
        if (rc < 0) {
            throw new IllegalStateException("libbpf refused the new instructions: " + Errno.describe(-rc));
        }
        opts.set(ADDRESS, FUNC_INFO, store(pending.arena(), funcs, funcRec));
        opts.set(JAVA_INT, FUNC_INFO_CNT, funcs.length);
        opts.set(ADDRESS, LINE_INFO, store(pending.arena(), lines, lineRec));
        opts.set(JAVA_INT, LINE_INFO_CNT, lines.length);
    }

    /** The instructions with [start, end) replaced by body; calls crossing the gap re-aimed. */
    private static long[] splice(long[] insns, int start, int end, long[] body) {
        int delta = body.length - (end - start);
        long[] out = new long[insns.length + delta];
        System.arraycopy(insns, 0, out, 0, start);
        System.arraycopy(body, 0, out, start, body.length);
        System.arraycopy(insns, end, out, start + body.length, insns.length - end);
        for (int i = 0; i < insns.length; i++) {
            if (i >= start && i < end) {
                continue;
            }
            long insn = insns[i];
            int opcode = (int) (insn & 0xff);
            int src = (int) ((insn >>> 12) & 0xf);
            if ((opcode == CALL && src == PSEUDO_CALL) || (opcode == LD_IMM64 && src == PSEUDO_FUNC)) {
                int imm = (int) (insn >>> 32);
                int target = i + 1 + imm;
                if (target > start && target < end) {
                    throw new IllegalStateException("a call lands inside a replaced function");
                }
                int moved = moved(target, end, delta) - moved(i, end, delta) - 1;
                out[moved(i, end, delta)] = (insn & 0xffffffffL) | ((long) moved << 32);
            }
        }
        return out;
    }

    private static int moved(int index, int end, int delta) {
        return index >= end ? index + delta : index;
    }

    /** BTF.ext records by instruction offset: drops those inside the replaced body but its first. */
    private static int[][] shift(int[][] records, int start, int end, int delta) {
        List<int[]> kept = new ArrayList<>();
        for (int[] r : records) {
            if (r[0] > start && r[0] < end) {
                continue;
            }
            int[] copy = r.clone();
            copy[0] = moved(r[0], end, delta);
            kept.add(copy);
        }
        return kept.toArray(int[][]::new);
    }

    @SuppressWarnings("restricted")
    private static int[][] records(MemorySegment base, int count, int recordSize) {
        if (base.equals(MemorySegment.NULL) || count == 0) {
            throw new IllegalStateException("the program has no BTF func info to find functions by");
        }
        MemorySegment all = base.reinterpret((long) count * recordSize);
        int[][] out = new int[count][];
        for (int i = 0; i < count; i++) {
            out[i] = all.asSlice((long) i * recordSize, recordSize).toArray(JAVA_INT);
        }
        return out;
    }

    private static MemorySegment store(Arena arena, int[][] records, int recordSize) {
        MemorySegment out = arena.allocate((long) records.length * recordSize, 8);
        for (int i = 0; i < records.length; i++) {
            MemorySegment.copy(records[i], 0, out, JAVA_INT, (long) i * recordSize, records[i].length);
        }
        return out;
    }

    @SuppressWarnings("restricted")
    private static String name(MemorySegment btf, int typeId) throws Throwable {
        MemorySegment type = ((MemorySegment) Native.BtfTypes.BTF_TYPE_BY_ID.invokeExact(btf, typeId)).reinterpret(12);
        return Native.string(
                (MemorySegment) Native.BtfTypes.BTF_NAME_BY_OFFSET.invokeExact(btf, type.get(JAVA_INT, 0)));
    }
}
