package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Signals taken synchronously: a process that starts with signals blocked in every thread (the
 * launcher does this) can wait for them in one thread with sigtimedwait, whatever the JVM does
 * with its own signal handlers.
 */
public final class Signals {
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGTERM = 15;
    private static final int SIG_BLOCK = 0;
    /** sizeof(sigset_t) in glibc. */
    private static final long SIGSET_SIZE = 128;

    private Signals() {}

    /** Whether every one of {@code signals} is blocked in the calling thread. */
    public static boolean blocked(int... signals) throws BpfUnavailableException {
        Native.requireLibc();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment current = call.allocate(SIGSET_SIZE);
            int rc = (int) Native.SignalMasks.PTHREAD_SIGMASK.invokeExact(SIG_BLOCK, MemorySegment.NULL, current);
            if (rc != 0) {
                return false;
            }
            for (int signal : signals) {
                if ((int) Native.SignalMasks.SIGISMEMBER.invokeExact(current, signal) != 1) {
                    return false;
                }
            }
            return true;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for one of {@code signals} (which must be blocked) and
     * takes it. Returns its number, or 0 when none came.
     */
    public static int await(int timeoutMillis, int... signals) throws BpfUnavailableException {
        Native.requireLibc();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment set = call.allocate(SIGSET_SIZE);
            int unused = (int) Native.SignalMasks.SIGEMPTYSET.invokeExact(set);
            for (int signal : signals) {
                unused = (int) Native.SignalMasks.SIGADDSET.invokeExact(set, signal);
            }
            MemorySegment timeout = call.allocate(2 * Long.BYTES);
            timeout.set(JAVA_LONG, 0, timeoutMillis / 1000L);
            timeout.set(JAVA_LONG, Long.BYTES, (timeoutMillis % 1000L) * 1_000_000L);
            int taken = (int) Native.SignalMasks.SIGTIMEDWAIT.invokeExact(Native.newErrnoState(call), set,
                    MemorySegment.NULL, timeout);
            return Math.max(taken, 0);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }
}
