package org.jretis.filter;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The libpcap functions jretis uses, through FFM: compiling a pcap-filter(7) expression into
 * classic BPF ({@code pcap_open_dead} + {@code pcap_compile}) and libpcap's own matcher
 * ({@code bpf_filter}). The only class that calls libpcap.
 */
@SuppressWarnings("restricted")
final class Libpcap {
    static final String LIBRARY = "libpcap.so.0.8";
    /** Snapshot length, also what a matching program returns. */
    static final int SNAPLEN = 0x40000;
    private static final int NETMASK_UNKNOWN = 0xffffffff;
    /** struct bpf_program {u_int bf_len; struct bpf_insn *bf_insns;} */
    private static final long PROGRAM_SIZE = 16;
    /** struct bpf_insn {u_short code; u_char jt; u_char jf; bpf_u_int32 k;} */
    private static final long INSN_SIZE = 8;

    private static final Linker LINKER = Linker.nativeLinker();
    private static String problem;
    private static final SymbolLookup LOOKUP = open();
    private static final MethodHandle OPEN_DEAD = bind("pcap_open_dead", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle COMPILE = bind("pcap_compile",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle GETERR = bind("pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle FREECODE = bind("pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle CLOSE = bind("pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
    /** u_int bpf_filter(const struct bpf_insn *pc, const u_char *pkt, u_int wirelen, u_int buflen) */
    private static final MethodHandle BPF_FILTER = bind("bpf_filter",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));

    private Libpcap() {}

    /**
     * Compiles {@code expression} (optimised) for packets of {@code linkType}.
     *
     * @throws FilterException with libpcap's message when it refuses the expression
     */
    static CbpfProgram compile(String expression, int linkType) throws FilterException {
        require();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment pcap = (MemorySegment) OPEN_DEAD.invokeExact(linkType, SNAPLEN);
            if (pcap.equals(MemorySegment.NULL)) {
                throw new FilterException("libpcap cannot open a handle for link type " + linkType);
            }
            try {
                MemorySegment program = call.allocate(PROGRAM_SIZE, 8);
                int rc = (int) COMPILE.invokeExact(pcap, program, call.allocateFrom(expression), 1, NETMASK_UNKNOWN);
                if (rc != 0) {
                    MemorySegment error = (MemorySegment) GETERR.invokeExact(pcap);
                    throw new FilterException(error.reinterpret(Integer.MAX_VALUE).getString(0));
                }
                try {
                    int count = program.get(JAVA_INT, 0);
                    MemorySegment insns = program.get(ADDRESS, 8).reinterpret(count * INSN_SIZE);
                    List<CbpfInsn> out = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        long at = i * INSN_SIZE;
                        out.add(new CbpfInsn(Short.toUnsignedInt(insns.get(JAVA_SHORT, at)),
                                Byte.toUnsignedInt(insns.get(JAVA_BYTE, at + 2)),
                                Byte.toUnsignedInt(insns.get(JAVA_BYTE, at + 3)), insns.get(JAVA_INT, at + 4)));
                    }
                    return new CbpfProgram(linkType, out);
                } finally {
                    FREECODE.invokeExact(program);
                }
            } finally {
                CLOSE.invokeExact(pcap);
            }
        } catch (FilterException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The program in libpcap's memory layout, allocated in {@code arena}. */
    static MemorySegment encode(CbpfProgram program, Arena arena) {
        MemorySegment insns = arena.allocate(program.insns().size() * INSN_SIZE, 8);
        for (int i = 0; i < program.insns().size(); i++) {
            CbpfInsn insn = program.insns().get(i);
            long at = i * INSN_SIZE;
            insns.set(JAVA_SHORT, at, (short) insn.code());
            insns.set(JAVA_BYTE, at + 2, (byte) insn.jt());
            insns.set(JAVA_BYTE, at + 3, (byte) insn.jf());
            insns.set(JAVA_INT, at + 4, insn.k());
        }
        return insns;
    }

    /**
     * libpcap's verdict on a packet: what {@code program} (as {@link #encode}d) returns for the
     * {@code captured} bytes of a packet of {@code wireLen} bytes; 0 rejects.
     */
    static int run(MemorySegment program, MemorySegment captured, int wireLen) {
        try {
            return (int) BPF_FILTER.invokeExact(program, captured, wireLen, (int) captured.byteSize());
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** Throws why libpcap cannot be used, if it cannot. */
    static void require() throws FilterException {
        if (problem != null) {
            throw new FilterException(problem);
        }
    }

    private static SymbolLookup open() {
        try {
            return SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        } catch (IllegalArgumentException e) {
            problem = LIBRARY + " not found: install libpcap0.8";
        } catch (IllegalCallerException e) {
            problem = "native access is not enabled: run java with --enable-native-access=ALL-UNNAMED";
        }
        return null;
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        if (LOOKUP == null) {
            return null;
        }
        MethodHandle handle = LOOKUP.find(name).map(s -> LINKER.downcallHandle(s, descriptor)).orElse(null);
        if (handle == null && problem == null) {
            problem = LIBRARY + " has no function " + name;
        }
        return handle;
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("libpcap call failed", t);
    }
}
