package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;

/** A program of a {@link BpfObject}, to be attached once the object is loaded. */
public final class BpfProgram {
    private static final int BPF_TRACE_KPROBE_MULTI = 42;

    private final BpfObject owner;
    private final String name;
    private final MemorySegment program;

    BpfProgram(BpfObject owner, String name, MemorySegment program) {
        this.owner = owner;
        this.name = name;
        this.program = program;
    }

    public String name() {
        return name;
    }

    /** The ELF section, which says where {@link #attach()} attaches it (e.g. "raw_tp/netif_receive_skb"). */
    public String sectionName() {
        try {
            return Native.string((MemorySegment) Native.Patches.PROGRAM_SECTION_NAME.invokeExact(program));
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Whether the object's load also loads this program (default true); set before load. */
    public void setAutoload(boolean autoload) throws BpfException {
        int rc;
        try {
            rc = (int) Native.Programs.PROGRAM_SET_AUTOLOAD.invokeExact(program, autoload);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (rc < 0) {
            throw new BpfException("cannot change autoload of program", name, -rc);
        }
    }

    /**
     * Replaces the body of {@code function}, a global (non-inlined) function this program calls,
     * with {@code insns} (eBPF instructions, 8 bytes each as the kernel encodes them) when the
     * object is loaded. Only programs in one of {@link FunctionPatches#SECTIONS} can be patched.
     * The body must take the function's BTF arguments, call no other function and end in exit.
     */
    public void replaceFunction(String function, long[] insns) {
        owner.checkOpen();
        if (owner.isLoaded()) {
            throw new IllegalStateException("program '" + name + "' is already loaded");
        }
        if (!FunctionPatches.SECTIONS.containsKey(sectionName())) {
            throw new IllegalArgumentException("program '" + name + "' is in section " + sectionName()
                    + ", not one of " + FunctionPatches.SECTIONS.keySet() + ": its functions cannot be replaced");
        }
        FunctionPatches.replace(program, name, owner.btf(), owner.arena(), function, insns);
    }

    MemorySegment pointer() {
        return program;
    }

    /** The program's file descriptor, once loaded. */
    public int fd() {
        int fd;
        try {
            fd = (int) Native.Programs.PROGRAM_FD.invokeExact(program);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (fd < 0) {
            throw new IllegalStateException("program '" + name + "' has no fd: load its object first");
        }
        return fd;
    }

    /**
     * Runs the loaded program once with {@code BPF_PROG_TEST_RUN} and no input (a raw tracepoint
     * program that reads no argument) and returns its return value.
     */
    public int testRun() throws BpfException {
        return testRun(fd(), null, "cannot test-run program", name);
    }

    /**
     * {@code BPF_PROG_TEST_RUN} of program {@code fd} on {@code input} (a packet), or on nothing
     * when null; returns the program's return value.
     */
    static int testRun(int fd, byte[] input, String action, String name) throws BpfException {
        try (Arena call = Arena.ofConfined()) {
            // struct bpf_test_run_opts (libbpf 1.1.2, 80 bytes): sz, data_in at 8, data_size_in at 24, retval at 56.
            MemorySegment opts = call.allocate(80, 8);
            opts.set(JAVA_LONG, 0, 80);
            if (input != null) {
                opts.set(ADDRESS, 8, call.allocateFrom(JAVA_BYTE, input));
                opts.set(JAVA_INT, 24, input.length);
            }
            int rc = (int) Native.Programs.PROG_TEST_RUN.invokeExact(fd, opts);
            if (rc < 0) {
                throw new BpfException(action, name, -rc);
            }
            return opts.get(JAVA_INT, 56);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Attaches where its section says. */
    public BpfLink attach() throws BpfException {
        return attachWith(Native.Programs.PROGRAM_ATTACH);
    }

    /**
     * Makes a tp_btf program attach to {@code tracepoint} (its name without the group, e.g.
     * "netif_receive_skb"): its arguments are typed by {@code btf_trace_<tracepoint>}. Before its
     * object is loaded; then {@link #attachTrace}.
     */
    public void setAttachTarget(String tracepoint) throws BpfException {
        int rc;
        try (Arena call = Arena.ofConfined()) {
            rc = (int) Native.Programs.PROGRAM_SET_ATTACH_TARGET.invokeExact(program, 0, call.allocateFrom(tracepoint));
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (rc < 0) {
            throw new BpfException("cannot find tracepoint " + tracepoint + " in the kernel's BTF for program", name, -rc);
        }
    }

    /** Attaches a tp_btf program to the target set with {@link #setAttachTarget}. */
    public BpfLink attachTrace() throws BpfException {
        return attachWith(Native.Programs.PROGRAM_ATTACH_TRACE);
    }

    /** Attaches with a libbpf function taking the program alone (errno captured). */
    private BpfLink attachWith(MethodHandle attach) throws BpfException {
        owner.checkOpen();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Native.newErrnoState(call);
            MemorySegment link = (MemorySegment) attach.invokeExact(state, program);
            return linked(link, Native.errno(state), "cannot attach program");
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Attaches to the raw tracepoint {@code tracepoint} (e.g. "netif_receive_skb"). */
    public BpfLink attachRawTracepoint(String tracepoint) throws BpfException {
        owner.checkOpen();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Native.newErrnoState(call);
            MemorySegment link = (MemorySegment) Native.RawTracepoints.PROGRAM_ATTACH_RAW_TRACEPOINT.invokeExact(
                    state, program, call.allocateFrom(tracepoint));
            return linked(link, Native.errno(state), "cannot attach to raw tracepoint " + tracepoint + " program");
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Makes a kprobe program attachable with {@link #attachKprobeMulti} (BPF_TRACE_KPROBE_MULTI),
     * and with that only; before its object is loaded.
     */
    public void expectKprobeMulti() throws BpfException {
        int rc;
        try {
            rc = (int) Native.Kprobes.PROGRAM_SET_EXPECTED_ATTACH_TYPE.invokeExact(program, BPF_TRACE_KPROBE_MULTI);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (rc < 0) {
            throw new BpfException("cannot set the attach type of program", name, -rc);
        }
    }

    /** Attaches a kprobe (or kretprobe) on kernel function {@code function}; {@code cookie} for bpf_get_attach_cookie. */
    public BpfLink attachKprobe(String function, boolean retprobe, long cookie) throws BpfException {
        owner.checkOpen();
        try (Arena call = Arena.ofConfined()) {
            // struct bpf_kprobe_opts: sz, bpf_cookie at 8, offset at 16, retprobe at 24; 32 bytes.
            MemorySegment opts = call.allocate(32, 8);
            opts.set(JAVA_LONG, 0, 32);
            opts.set(JAVA_LONG, 8, cookie);
            opts.set(JAVA_BOOLEAN, 24, retprobe);
            MemorySegment state = Native.newErrnoState(call);
            MemorySegment link = (MemorySegment) Native.Kprobes.PROGRAM_ATTACH_KPROBE_OPTS.invokeExact(
                    state, program, call.allocateFrom(function), opts);
            return linked(link, Native.errno(state),
                    "cannot attach to " + (retprobe ? "kretprobe " : "kprobe ") + function + " program");
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Attaches one kprobe_multi link on all {@code functions}, function i getting {@code cookies[i]};
     * the program must have been loaded after {@link #expectKprobeMulti}.
     */
    public BpfLink attachKprobeMulti(List<String> functions, boolean retprobe, long[] cookies) throws BpfException {
        owner.checkOpen();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment syms = call.allocate(ADDRESS, functions.size());
            for (int i = 0; i < functions.size(); i++) {
                syms.setAtIndex(ADDRESS, i, call.allocateFrom(functions.get(i)));
            }
            // struct bpf_kprobe_multi_opts: sz, syms 8, addrs 16, cookies 24, cnt 32, retprobe 40; 48 bytes.
            MemorySegment opts = call.allocate(48, 8);
            opts.set(JAVA_LONG, 0, 48);
            opts.set(ADDRESS, 8, syms);
            opts.set(ADDRESS, 24, call.allocateFrom(JAVA_LONG, cookies));
            opts.set(JAVA_LONG, 32, functions.size());
            opts.set(JAVA_BOOLEAN, 40, retprobe);
            MemorySegment state = Native.newErrnoState(call);
            MemorySegment link = (MemorySegment) Native.Kprobes.PROGRAM_ATTACH_KPROBE_MULTI_OPTS.invokeExact(
                    state, program, MemorySegment.NULL, opts);
            return linked(link, Native.errno(state), "cannot attach to " + functions.size() + " function(s) ("
                    + functions.getFirst() + ", ...) with kprobe_multi program");
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private BpfLink linked(MemorySegment link, int errno, String action) throws BpfException {
        if (link.equals(MemorySegment.NULL)) {
            throw new BpfException(action, name, errno);
        }
        BpfLink made = new BpfLink(owner, name, link);
        owner.linked(made);
        return made;
    }
}
