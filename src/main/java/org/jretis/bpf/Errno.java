package org.jretis.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Names and texts for errno values, from libc (and libbpf for its own codes, 4000 and up). */
final class Errno {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;

    /** libbpf's private error codes start here (LIBBPF_ERRNO__START). */
    private static final int LIBBPF_ERRNO_START = 4000;

    private Errno() {}

    /** "ENOENT (No such file or directory)", or "errno 4003 (…)" when the name is unknown. */
    static String describe(int errno) {
        if (Native.ErrorTexts.STRERROR == null) {
            return "errno " + errno;
        }
        try {
            return name(errno) + " (" + text(errno) + ")";
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    private static String name(int errno) throws Throwable {
        if (Native.ErrorTexts.STRERRORNAME_NP != null) {
            MemorySegment name = (MemorySegment) Native.ErrorTexts.STRERRORNAME_NP.invokeExact(errno);
            if (!name.equals(MemorySegment.NULL)) {
                return Native.string(name);
            }
        }
        return "errno " + errno;
    }

    private static String text(int errno) throws Throwable {
        if (errno >= LIBBPF_ERRNO_START && Native.ErrorTexts.LIBBPF_STRERROR != null) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(256);
                int unused = (int) Native.ErrorTexts.LIBBPF_STRERROR.invokeExact(errno, buf, buf.byteSize());
                return buf.getString(0);
            }
        }
        return Native.string((MemorySegment) Native.ErrorTexts.STRERROR.invokeExact(errno));
    }
}
