package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Every libbpf and libc function jretis calls. Initialising this class only finds them (one symbol
 * lookup each): a missing library or symbol does not fail initialisation, it is recorded, and the
 * public entry points call {@link #requireLibbpf()} or {@link #requireLibc()} first, which turn it
 * into one clear {@link BpfUnavailableException}. Their downcall handles are made by the nested
 * holder classes, a group at a time when a group is first used (class initialisation is lazy and
 * thread-safe): each handle costs generated code, and most groups are not needed before the probes
 * are loaded, or at all. Handles are {@code static final} and called with {@code invokeExact}; the
 * ones marked "errno" take a capture-state segment as first argument (see
 * {@link #newErrnoState(Arena)}), because the JVM may clobber errno between two downcalls.
 */
@SuppressWarnings("restricted")
final class Native {
    static final String LIBBPF = "libbpf.so.1";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_VALUE =
            CALL_STATE.varHandle(PathElement.groupElement("errno"));

    /** First reason libc or libbpf cannot be used; written only during class initialisation. */
    private static String libcProblem;
    private static String libbpfProblem;
    private static boolean nativeAccessDenied;

    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final SymbolLookup LIBBPF_LOOKUP = openLibbpf();

    static {
        checkNativeAccess();
    }

    // libc
    /** errno: void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) */
    static final Function MMAP = libc("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), ERRNO);
    /** errno: int munmap(void *addr, size_t len) */
    static final Function MUNMAP = libc("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), ERRNO);
    /** errno: int poll(struct pollfd *fds, nfds_t n, int timeout) */
    static final Function POLL = libc("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), ERRNO);
    static final Function GETPAGESIZE = libc("getpagesize", FunctionDescriptor.of(JAVA_INT));
    /** errno: int uname(struct utsname *buf) */
    static final Function UNAME = libc("uname", FunctionDescriptor.of(JAVA_INT, ADDRESS), ERRNO);
    static final Function GETEUID = libc("geteuid", FunctionDescriptor.of(JAVA_INT));
    static final Function SIGEMPTYSET = libc("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final Function SIGADDSET = libc("sigaddset", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final Function SIGISMEMBER = libc("sigismember", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final Function PTHREAD_SIGMASK = libc("pthread_sigmask",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final Function SIGTIMEDWAIT = libc("sigtimedwait",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), ERRNO);
    static final Function STRERROR = libc("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    /** const char *strerrorname_np(int errnum): glibc 2.32 and later; null where absent. */
    static final Function STRERRORNAME_NP = optionalLibc("strerrorname_np", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    /** int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap): va_list is a pointer on x86-64. */
    static final Function VSNPRINTF = libc("vsnprintf",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    static final Function CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    // libbpf: objects
    /** errno: struct bpf_object *bpf_object__open_mem(const void *buf, size_t size, const struct bpf_object_open_opts *opts) */
    static final Function OBJECT_OPEN_MEM = libbpf("bpf_object__open_mem",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), ERRNO);
    static final Function OBJECT_LOAD = libbpf("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final Function OBJECT_CLOSE = libbpf("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
    static final Function OBJECT_FIND_MAP = libbpf("bpf_object__find_map_by_name",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    static final Function OBJECT_FIND_PROGRAM = libbpf("bpf_object__find_program_by_name",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    static final Function OBJECT_BTF = libbpf("bpf_object__btf", FunctionDescriptor.of(ADDRESS, ADDRESS));

    // libbpf: BTF
    /** __s32 btf__find_by_name_kind(const struct btf *btf, const char *name, __u32 kind) */
    static final Function BTF_FIND_BY_NAME_KIND = libbpf("btf__find_by_name_kind",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    static final Function BTF_TYPE_BY_ID = libbpf("btf__type_by_id",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    static final Function BTF_NAME_BY_OFFSET = libbpf("btf__name_by_offset",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));

    // libbpf: maps
    static final Function MAP_FD = libbpf("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final Function MAP_REUSE_FD = libbpf("bpf_map__reuse_fd",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final Function MAP_TYPE = libbpf("bpf_map__type", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final Function MAP_MAX_ENTRIES = libbpf("bpf_map__max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final Function MAP_SET_MAX_ENTRIES = libbpf("bpf_map__set_max_entries",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    static final Function MAP_KEY_SIZE = libbpf("bpf_map__key_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final Function MAP_VALUE_SIZE = libbpf("bpf_map__value_size", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    /** const void *bpf_map__initial_value(struct bpf_map *map, size_t *psize) */
    static final Function MAP_INITIAL_VALUE = libbpf("bpf_map__initial_value",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    static final Function MAP_LOOKUP_ELEM = libbpf("bpf_map_lookup_elem",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    static final Function MAP_UPDATE_ELEM = libbpf("bpf_map_update_elem",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    static final Function MAP_DELETE_ELEM = libbpf("bpf_map_delete_elem",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    // libbpf: programs and links
    static final Function PROGRAM_FD = libbpf("bpf_program__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final Function PROGRAM_SECTION_NAME = libbpf("bpf_program__section_name",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    static final Function PROGRAM_SET_AUTOLOAD = libbpf("bpf_program__set_autoload",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_BOOLEAN));
    /** errno: struct bpf_link *bpf_program__attach(const struct bpf_program *prog) */
    static final Function PROGRAM_ATTACH = libbpf("bpf_program__attach",
            FunctionDescriptor.of(ADDRESS, ADDRESS), ERRNO);
    /** errno: struct bpf_link *bpf_program__attach_raw_tracepoint(const struct bpf_program *prog, const char *tp_name) */
    static final Function PROGRAM_ATTACH_RAW_TRACEPOINT = libbpf("bpf_program__attach_raw_tracepoint",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), ERRNO);
    /** errno: struct bpf_link *bpf_program__attach_trace(const struct bpf_program *prog): tp_btf, at its attach target */
    static final Function PROGRAM_ATTACH_TRACE = libbpf("bpf_program__attach_trace",
            FunctionDescriptor.of(ADDRESS, ADDRESS), ERRNO);
    /** int bpf_program__set_attach_target(struct bpf_program *prog, int attach_prog_fd, const char *attach_func_name) */
    static final Function PROGRAM_SET_ATTACH_TARGET = libbpf("bpf_program__set_attach_target",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    /** int bpf_program__set_expected_attach_type(struct bpf_program *prog, enum bpf_attach_type type) */
    static final Function PROGRAM_SET_EXPECTED_ATTACH_TYPE = libbpf("bpf_program__set_expected_attach_type",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    /** errno: struct bpf_link *bpf_program__attach_kprobe_opts(prog, const char *func_name, const struct bpf_kprobe_opts *) */
    static final Function PROGRAM_ATTACH_KPROBE_OPTS = libbpf("bpf_program__attach_kprobe_opts",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS), ERRNO);
    /** errno: struct bpf_link *bpf_program__attach_kprobe_multi_opts(prog, const char *pattern, const struct bpf_kprobe_multi_opts *) */
    static final Function PROGRAM_ATTACH_KPROBE_MULTI_OPTS = libbpf("bpf_program__attach_kprobe_multi_opts",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS), ERRNO);
    static final Function PROGRAM_INSNS = libbpf("bpf_program__insns", FunctionDescriptor.of(ADDRESS, ADDRESS));
    static final Function PROGRAM_INSN_CNT = libbpf("bpf_program__insn_cnt", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    /** int bpf_program__set_insns(struct bpf_program *prog, struct bpf_insn *insns, size_t cnt): copies them */
    static final Function PROGRAM_SET_INSNS = libbpf("bpf_program__set_insns",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    /** int libbpf_register_prog_handler(const char *sec, enum bpf_prog_type, enum bpf_attach_type, const struct libbpf_prog_handler_opts *) */
    static final Function REGISTER_PROG_HANDLER = libbpf("libbpf_register_prog_handler",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    /** int bpf_prog_load(enum bpf_prog_type, const char *name, const char *license, const struct bpf_insn *, size_t, const struct bpf_prog_load_opts *) */
    static final Function PROG_LOAD = libbpf("bpf_prog_load",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    /** int bpf_prog_test_run_opts(int prog_fd, struct bpf_test_run_opts *opts) */
    static final Function PROG_TEST_RUN = libbpf("bpf_prog_test_run_opts",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    static final Function LINK_DESTROY = libbpf("bpf_link__destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));

    // libbpf: library-wide
    /** libbpf_print_fn_t libbpf_set_print(libbpf_print_fn_t fn) */
    static final Function SET_PRINT = libbpf("libbpf_set_print", FunctionDescriptor.of(ADDRESS, ADDRESS));
    static final Function NUM_POSSIBLE_CPUS = libbpf("libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT));
    /** int libbpf_strerror(int err, char *buf, size_t size): knows libbpf's own codes (4000 and up). */
    static final Function LIBBPF_STRERROR = libbpf("libbpf_strerror",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG));

    private Native() {}

    /** Throws the reason libbpf cannot be used, if there is one. */
    static void requireLibbpf() throws BpfUnavailableException {
        requireLibc();
        if (libbpfProblem != null) {
            throw new BpfUnavailableException(libbpfProblem);
        }
    }

    /** Throws the reason libc cannot be used through FFM, if there is one. */
    static void requireLibc() throws BpfUnavailableException {
        if (libcProblem != null) {
            throw new BpfUnavailableException(libcProblem);
        }
    }

    /** A segment to pass as first argument of an "errno" handle. */
    static MemorySegment newErrnoState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** The errno a call left in {@code state}. */
    static int errno(MemorySegment state) {
        return (int) ERRNO_VALUE.get(state, 0L);
    }

    /** A C function pointer calling {@code target}, alive as long as the JVM. */
    static MemorySegment upcall(MethodHandle target, FunctionDescriptor descriptor) {
        return LINKER.upcallStub(target, descriptor, Arena.global());
    }

    /** The C string at {@code pointer}, or null for NULL. */
    static String string(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** For the {@code catch (Throwable)} around {@code invokeExact}: a downcall throws nothing checked. */
    static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    private static SymbolLookup openLibbpf() {
        try {
            return SymbolLookup.libraryLookup(LIBBPF, Arena.global());
        } catch (IllegalArgumentException e) {
            libbpfProblem = LIBBPF + " not found: install libbpf1";
        } catch (IllegalCallerException e) {
            nativeAccessDenied = true;
            libbpfProblem = nativeAccessProblem();
        }
        return null;
    }

    /**
     * Makes the first restricted call here, as binding the first libc handle used to: without
     * native access, libc's problem says so instead of naming a function.
     */
    private static void checkNativeAccess() {
        try {
            MemorySegment unused = MemorySegment.NULL.reinterpret(0);
        } catch (IllegalCallerException e) {
            nativeAccessDenied = true;
            libcProblem = nativeAccessProblem();
        }
    }

    private static Function libc(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Function function = optionalLibc(name, descriptor, options);
        if (function.address == null && libcProblem == null) {
            libcProblem = problem("libc", name);
        }
        return function;
    }

    private static Function optionalLibc(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return new Function(LIBC.find(name).orElse(null), descriptor, options);
    }

    private static Function libbpf(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment address = LIBBPF_LOOKUP == null ? null : LIBBPF_LOOKUP.find(name).orElse(null);
        if (address == null && LIBBPF_LOOKUP != null && libbpfProblem == null) {
            libbpfProblem = problem(LIBBPF, name);
        }
        return new Function(address, descriptor, options);
    }

    private static String problem(String library, String symbol) {
        if (nativeAccessDenied) {
            return nativeAccessProblem();
        }
        return library + " has no function " + symbol
                + (library.equals(LIBBPF) ? ": jretis needs libbpf 1.1 or later" : "");
    }

    private static String nativeAccessProblem() {
        return "native access is not enabled: run java with --enable-native-access=ALL-UNNAMED";
    }

    /** A function found when this class initialised; {@link #bind()} makes its handle. */
    record Function(MemorySegment address, FunctionDescriptor descriptor, Linker.Option[] options) {
        /** Its downcall handle, or null when its library lacks it or native access is denied. */
        MethodHandle bind() {
            if (address == null || nativeAccessDenied) {
                return null;
            }
            return LINKER.downcallHandle(address, descriptor, options);
        }
    }

    /** libbpf's log: installing the callback and formatting its messages. */
    static final class Print {
        static final MethodHandle SET_PRINT = Native.SET_PRINT.bind();
        static final MethodHandle VSNPRINTF = Native.VSNPRINTF.bind();

        private Print() {}
    }

    /** Opening, loading and closing an object, and finding what it holds. */
    static final class Objects {
        static final MethodHandle REGISTER_PROG_HANDLER = Native.REGISTER_PROG_HANDLER.bind();
        static final MethodHandle OBJECT_OPEN_MEM = Native.OBJECT_OPEN_MEM.bind();
        static final MethodHandle OBJECT_LOAD = Native.OBJECT_LOAD.bind();
        static final MethodHandle OBJECT_CLOSE = Native.OBJECT_CLOSE.bind();
        static final MethodHandle OBJECT_FIND_MAP = Native.OBJECT_FIND_MAP.bind();
        static final MethodHandle OBJECT_FIND_PROGRAM = Native.OBJECT_FIND_PROGRAM.bind();
        static final MethodHandle OBJECT_BTF = Native.OBJECT_BTF.bind();
        static final MethodHandle MAP_INITIAL_VALUE = Native.MAP_INITIAL_VALUE.bind();

        private Objects() {}
    }

    /** Reading an object's BTF types. */
    static final class BtfTypes {
        static final MethodHandle BTF_FIND_BY_NAME_KIND = Native.BTF_FIND_BY_NAME_KIND.bind();
        static final MethodHandle BTF_TYPE_BY_ID = Native.BTF_TYPE_BY_ID.bind();
        static final MethodHandle BTF_NAME_BY_OFFSET = Native.BTF_NAME_BY_OFFSET.bind();

        private BtfTypes() {}
    }

    /** A map's settings before loading, and its fd. */
    static final class MapSetup {
        static final MethodHandle MAP_FD = Native.MAP_FD.bind();
        static final MethodHandle MAP_REUSE_FD = Native.MAP_REUSE_FD.bind();
        static final MethodHandle MAP_SET_MAX_ENTRIES = Native.MAP_SET_MAX_ENTRIES.bind();

        private MapSetup() {}
    }

    /** A map's definition, read once it runs. */
    static final class MapFacts {
        static final MethodHandle MAP_TYPE = Native.MAP_TYPE.bind();
        static final MethodHandle MAP_MAX_ENTRIES = Native.MAP_MAX_ENTRIES.bind();
        static final MethodHandle MAP_KEY_SIZE = Native.MAP_KEY_SIZE.bind();
        static final MethodHandle MAP_VALUE_SIZE = Native.MAP_VALUE_SIZE.bind();
        static final MethodHandle NUM_POSSIBLE_CPUS = Native.NUM_POSSIBLE_CPUS.bind();

        private MapFacts() {}
    }

    /** Reading and writing a map's elements. */
    static final class MapElements {
        static final MethodHandle MAP_LOOKUP_ELEM = Native.MAP_LOOKUP_ELEM.bind();
        static final MethodHandle MAP_UPDATE_ELEM = Native.MAP_UPDATE_ELEM.bind();
        static final MethodHandle MAP_DELETE_ELEM = Native.MAP_DELETE_ELEM.bind();

        private MapElements() {}
    }

    /** A program's settings before loading, its fd, test runs and the attachments of tracepoints. */
    static final class Programs {
        static final MethodHandle PROGRAM_FD = Native.PROGRAM_FD.bind();
        static final MethodHandle PROGRAM_SET_AUTOLOAD = Native.PROGRAM_SET_AUTOLOAD.bind();
        static final MethodHandle PROGRAM_SET_ATTACH_TARGET = Native.PROGRAM_SET_ATTACH_TARGET.bind();
        static final MethodHandle PROGRAM_ATTACH = Native.PROGRAM_ATTACH.bind();
        static final MethodHandle PROGRAM_ATTACH_TRACE = Native.PROGRAM_ATTACH_TRACE.bind();
        static final MethodHandle PROG_TEST_RUN = Native.PROG_TEST_RUN.bind();

        private Programs() {}
    }

    /** Attaching to raw tracepoints. */
    static final class RawTracepoints {
        static final MethodHandle PROGRAM_ATTACH_RAW_TRACEPOINT = Native.PROGRAM_ATTACH_RAW_TRACEPOINT.bind();

        private RawTracepoints() {}
    }

    /** Attaching to kprobes: only where the kernel has them. */
    static final class Kprobes {
        static final MethodHandle PROGRAM_SET_EXPECTED_ATTACH_TYPE = Native.PROGRAM_SET_EXPECTED_ATTACH_TYPE.bind();
        static final MethodHandle PROGRAM_ATTACH_KPROBE_OPTS = Native.PROGRAM_ATTACH_KPROBE_OPTS.bind();
        static final MethodHandle PROGRAM_ATTACH_KPROBE_MULTI_OPTS = Native.PROGRAM_ATTACH_KPROBE_MULTI_OPTS.bind();

        private Kprobes() {}
    }

    /** Detaching, at the end. */
    static final class Links {
        static final MethodHandle LINK_DESTROY = Native.LINK_DESTROY.bind();

        private Links() {}
    }

    /** Rewriting a program's instructions before loading (see FunctionPatches): only with a filter. */
    static final class Patches {
        static final MethodHandle PROGRAM_SECTION_NAME = Native.PROGRAM_SECTION_NAME.bind();
        static final MethodHandle PROGRAM_INSNS = Native.PROGRAM_INSNS.bind();
        static final MethodHandle PROGRAM_INSN_CNT = Native.PROGRAM_INSN_CNT.bind();
        static final MethodHandle PROGRAM_SET_INSNS = Native.PROGRAM_SET_INSNS.bind();

        private Patches() {}
    }

    /** Programs loaded from instructions, without an object (see SocketFilter). */
    static final class SocketFilters {
        static final MethodHandle PROG_LOAD = Native.PROG_LOAD.bind();
        static final MethodHandle CLOSE = Native.CLOSE.bind();

        private SocketFilters() {}
    }

    /** Naming and describing error numbers: only when something failed. */
    static final class ErrorTexts {
        static final MethodHandle STRERROR = Native.STRERROR.bind();
        static final MethodHandle STRERRORNAME_NP = Native.STRERRORNAME_NP.bind();
        static final MethodHandle LIBBPF_STRERROR = Native.LIBBPF_STRERROR.bind();

        private ErrorTexts() {}
    }

    /** Shared memory maps of BPF maps (the ring buffer's). */
    static final class Mapping {
        static final MethodHandle MMAP = Native.MMAP.bind();
        static final MethodHandle GETPAGESIZE = Native.GETPAGESIZE.bind();

        private Mapping() {}
    }

    /** Their cleanup, at the end. */
    static final class Unmapping {
        static final MethodHandle MUNMAP = Native.MUNMAP.bind();

        private Unmapping() {}
    }

    /** Waiting on an fd: once events are read. */
    static final class Polling {
        static final MethodHandle POLL = Native.POLL.bind();

        private Polling() {}
    }

    /** Facts about the process and the machine. */
    static final class Machine {
        static final MethodHandle GETEUID = Native.GETEUID.bind();
        static final MethodHandle UNAME = Native.UNAME.bind();

        private Machine() {}
    }

    /** Signal sets and waiting for signals (see Signals). */
    static final class SignalMasks {
        static final MethodHandle SIGEMPTYSET = Native.SIGEMPTYSET.bind();
        static final MethodHandle SIGADDSET = Native.SIGADDSET.bind();
        static final MethodHandle SIGISMEMBER = Native.SIGISMEMBER.bind();
        static final MethodHandle PTHREAD_SIGMASK = Native.PTHREAD_SIGMASK.bind();
        static final MethodHandle SIGTIMEDWAIT = Native.SIGTIMEDWAIT.bind();

        private SignalMasks() {}
    }
}
