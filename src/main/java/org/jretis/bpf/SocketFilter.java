package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A socket filter program loaded from raw eBPF instructions (no ELF object), run on packets
 * with {@code BPF_PROG_TEST_RUN}: how generated code is checked in the kernel that will run it.
 */
public final class SocketFilter implements AutoCloseable {
    private static final int PROG_TYPE_SOCKET_FILTER = 1;
    private static final int LOG_SIZE = 1 << 20;
    /** struct bpf_prog_load_opts (libbpf 1.1.2): sz, ..., log_level at 88, log_size 92, log_buf 96. */
    private static final long LOAD_OPTS_SIZE = 104;

    private final String name;
    private final int fd;
    private boolean closed;

    private SocketFilter(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** Loads {@code insns}; a verifier refusal becomes a BpfException ending with its last lines. */
    public static SocketFilter load(String name, long[] insns) throws BpfException {
        Native.requireLibbpf();
        BpfLog.install();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment opts = call.allocate(LOAD_OPTS_SIZE, 8);
            opts.set(JAVA_LONG, 0, LOAD_OPTS_SIZE);
            MemorySegment log = call.allocate(LOG_SIZE);
            opts.set(JAVA_INT, 88, 1);
            opts.set(JAVA_INT, 92, LOG_SIZE);
            opts.set(ADDRESS, 96, log);
            MemorySegment code = call.allocateFrom(JAVA_LONG, insns);
            int fd = (int) Native.SocketFilters.PROG_LOAD.invokeExact(PROG_TYPE_SOCKET_FILTER, call.allocateFrom(name),
                    call.allocateFrom("GPL"), code, (long) insns.length, opts);
            if (fd < 0) {
                throw new BpfException("cannot load socket filter", name, -fd, lastLines(log.getString(0), 6));
            }
            return new SocketFilter(name, fd);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** Runs the program once on {@code packet} (at least 14 bytes) and returns its result. */
    public int run(byte[] packet) throws BpfException {
        return BpfProgram.testRun(fd, packet, "cannot test-run socket filter", name);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int rc = (int) Native.SocketFilters.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    private static String lastLines(String log, int count) {
        String[] lines = log.strip().split("\n");
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - count), lines.length));
    }
}
