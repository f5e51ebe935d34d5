package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A program of a {@link BpfObject}, to be attached once the object is loaded. */
public final class BpfProgram {
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
            return Native.string((MemorySegment) Native.PROGRAM_SECTION_NAME.invokeExact(program));
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Whether the object's load also loads this program (default true); set before load. */
    public void setAutoload(boolean autoload) throws BpfException {
        int rc;
        try {
            rc = (int) Native.PROGRAM_SET_AUTOLOAD.invokeExact(program, autoload);
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
     * object is loaded. Only programs in section {@value FunctionPatches#SECTION} can be patched.
     * The body must take the function's BTF arguments, call no other function and end in exit.
     */
    public void replaceFunction(String function, long[] insns) {
        owner.checkOpen();
        if (owner.isLoaded()) {
            throw new IllegalStateException("program '" + name + "' is already loaded");
        }
        if (!FunctionPatches.SECTION.equals(sectionName())) {
            throw new IllegalArgumentException("program '" + name + "' is in section " + sectionName()
                    + ", not " + FunctionPatches.SECTION + ": its functions cannot be replaced");
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
            fd = (int) Native.PROGRAM_FD.invokeExact(program);
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
        int fd = fd();
        try (Arena call = Arena.ofConfined()) {
            // struct bpf_test_run_opts: sz at 0, retval at 56; 80 bytes in libbpf 1.1.2.
            MemorySegment opts = call.allocate(80, 8);
            opts.set(JAVA_LONG, 0, 80);
            int rc = (int) Native.PROG_TEST_RUN.invokeExact(fd, opts);
            if (rc < 0) {
                throw new BpfException("cannot test-run program", name, -rc);
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
        owner.checkOpen();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Native.newErrnoState(call);
            MemorySegment link = (MemorySegment) Native.PROGRAM_ATTACH.invokeExact(state, program);
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
            MemorySegment link = (MemorySegment) Native.PROGRAM_ATTACH_RAW_TRACEPOINT.invokeExact(
                    state, program, call.allocateFrom(tracepoint));
            return linked(link, Native.errno(state), "cannot attach to raw tracepoint " + tracepoint + " program");
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
