package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Where libbpf's messages go. libbpf reports through one process-wide print callback; this class
 * installs it once, formats each message with libc's {@code vsnprintf} and hands it, without its
 * trailing newline, to a handler (by default the {@code System.Logger} "libbpf"). A verifier log
 * is demoted to {@link Level#DEBUG}: the failure it explains already surfaces as a
 * {@link BpfException} from {@link BpfObject#load()}.
 */
public final class BpfLog {
    private static final int LIBBPF_WARN = 0;
    private static final int LIBBPF_INFO = 1;
    private static final String VERIFIER_LOG_START = "-- BEGIN PROG LOAD LOG --";
    private static final String LIBBPF_PREFIX = "libbpf: ";
    /** Printed when an unprivileged load fails, before the real reason; the kernel charges BPF memory to the cgroup anyway. */
    private static final String MEMLOCK_NOISE = "Failed to bump RLIMIT_MEMLOCK";
    /** A va_list on x86-64 is a 24-byte struct; copying it is what va_copy does there. */
    private static final long VA_LIST_SIZE = 24;
    private static final long FIRST_TRY = 1024;

    private static final System.Logger DEFAULT_LOGGER = System.getLogger("libbpf");
    private static volatile BiConsumer<Level, String> handler = DEFAULT_LOGGER::log;
    private static final ThreadLocal<List<String>> CAPTURED = new ThreadLocal<>();
    private static boolean installed;

    private BpfLog() {}

    /** Sends libbpf's messages to {@code handler} from now on. */
    public static void setHandler(BiConsumer<Level, String> handler) throws BpfUnavailableException {
        BpfLog.handler = Objects.requireNonNull(handler);
        install();
    }

    /** Installs the print callback, once; every entry point into libbpf calls this first. */
    static synchronized void install() throws BpfUnavailableException {
        Native.requireLibbpf();
        if (installed) {
            return;
        }
        try {
            MemorySegment callback = Native.upcall(
                    MethodHandles.lookup().findStatic(BpfLog.class, "print",
                            MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class)),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
            // The previous callback (libbpf's stderr printer) is not needed back.
            MemorySegment unused = (MemorySegment) Native.Print.SET_PRINT.invokeExact(callback);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        installed = true;
    }

    /** Starts keeping this thread's libbpf warnings, to explain a failure; see {@link #stopCapture()}. */
    static void startCapture() {
        CAPTURED.set(new ArrayList<>());
    }

    /** This thread's warnings since {@link #startCapture()}, verifier logs included. */
    static List<String> stopCapture() {
        List<String> warnings = CAPTURED.get();
        CAPTURED.remove();
        return warnings == null ? List.of() : warnings;
    }

    /**
     * One line out of the warnings libbpf printed while a load failed: its first complaint, and
     * the verifier's last word when a program was rejected.
     */
    static String explainFailure(List<String> warnings) {
        String first = null;
        String verifier = null;
        for (String warning : warnings) {
            int log = warning.indexOf(VERIFIER_LOG_START);
            if (log >= 0) {
                verifier = verifierComplaint(warning.substring(log + VERIFIER_LOG_START.length()));
            } else if (first == null && !warning.contains(MEMLOCK_NOISE)) {
                first = warning.startsWith(LIBBPF_PREFIX) ? warning.substring(LIBBPF_PREFIX.length()) : warning;
            }
        }
        if (first == null) {
            return null;
        }
        return verifier == null ? first : first + " (verifier: " + verifier + ")";
    }

    /** The verifier's last line before its statistics. */
    private static String verifierComplaint(String log) {
        String complaint = null;
        for (String line : log.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("-- END") || l.startsWith("processed ")
                    || l.startsWith("verification time") || l.startsWith("stack depth")) {
                continue;
            }
            complaint = l;
        }
        return complaint;
    }

    /** The upcall: it must not throw, an exception escaping it would kill the JVM. */
    private static int print(int level, MemorySegment format, MemorySegment args) {
        try {
            String message = format(format, args).stripTrailing();
            List<String> captured = CAPTURED.get();
            if (captured != null && level == LIBBPF_WARN) {
                captured.add(message);
            }
            handler.accept(levelOf(level, message), message);
        } catch (Throwable ignored) {
            // Nothing sensible to do: logging must never take the process down.
        }
        return 0;
    }

    private static Level levelOf(int level, String message) {
        if (message.contains(VERIFIER_LOG_START)) {
            return Level.DEBUG;
        }
        return switch (level) {
            case LIBBPF_WARN -> Level.WARNING;
            case LIBBPF_INFO -> Level.INFO;
            default -> Level.DEBUG;
        };
    }

    @SuppressWarnings("restricted")
    private static String format(MemorySegment format, MemorySegment args) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            // The first vsnprintf consumes its va_list; keep the original for a second, larger try.
            MemorySegment copy = arena.allocate(VA_LIST_SIZE, 8);
            copy.copyFrom(args.reinterpret(VA_LIST_SIZE));
            MemorySegment buffer = arena.allocate(FIRST_TRY);
            int length = (int) Native.Print.VSNPRINTF.invokeExact(buffer, FIRST_TRY, format, copy);
            if (length >= FIRST_TRY) {
                buffer = arena.allocate(length + 1L);
                length = (int) Native.Print.VSNPRINTF.invokeExact(buffer, length + 1L, format, args);
            }
            return length < 0 ? Native.string(format) : buffer.getString(0);
        }
    }
}
