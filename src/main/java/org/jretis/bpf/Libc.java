package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls jretis needs besides libbpf: shared memory maps of BPF maps, waiting on a
 * map's fd, and facts about the machine and the process.
 */
public final class Libc {
    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_SHARED = 0x01;
    private static final long MAP_FAILED = -1L;

    private Libc() {}

    /** The memory page size, in bytes. */
    public static int pageSize() throws BpfUnavailableException {
        Native.requireLibc();
        try {
            return (int) Native.Mapping.GETPAGESIZE.invokeExact();
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** The effective user id of this process. */
    public static int geteuid() throws BpfUnavailableException {
        Native.requireLibc();
        try {
            return (int) Native.Machine.GETEUID.invokeExact();
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /** "EPERM (Operation not permitted)": errno's name and libc's text for it. */
    public static String describeErrno(int errno) {
        return Errno.describe(errno);
    }

    /**
     * Maps {@code length} bytes of {@code fd} at {@code offset}, shared, read-only or read-write.
     * The mapping lives as long as {@code arena}: closing the arena unmaps it.
     */
    @SuppressWarnings("restricted")
    public static MemorySegment mmap(int fd, long length, long offset, boolean writable, Arena arena)
            throws BpfException {
        Native.requireLibc();
        int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
        MemorySegment address;
        int errno;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Native.newErrnoState(call);
            address = (MemorySegment) Native.Mapping.MMAP.invokeExact(state, MemorySegment.NULL, length, prot,
                    MAP_SHARED, fd, offset);
            errno = Native.errno(state);
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (address.address() == MAP_FAILED) {
            throw new BpfException("mmap " + length + " bytes at offset " + offset + " of fd", "" + fd, errno);
        }
        return address.reinterpret(length, arena, Libc::munmap);
    }

    /** The cleanup of {@link #mmap}: it can only fail for a bad address, which it never gets. */
    private static void munmap(MemorySegment mapping) {
        try (Arena call = Arena.ofConfined()) {
            int unused = (int) Native.Unmapping.MUNMAP.invokeExact(Native.newErrnoState(call), mapping,
                    mapping.byteSize());
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * Waits until {@code fd} is readable or {@code timeoutMillis} passed (-1: no limit).
     * Returns whether it is readable; an interrupted wait (EINTR) counts as not readable.
     */
    public static boolean pollIn(int fd, int timeoutMillis) throws BpfException {
        Native.requireLibc();
        int ready;
        int errno;
        short revents;
        try (Arena call = Arena.ofConfined()) {
            PollFd pollFd = new PollFd(call, fd, PollFd.POLLIN);
            MemorySegment state = Native.newErrnoState(call);
            ready = (int) Native.Polling.POLL.invokeExact(state, pollFd.segment, 1L, timeoutMillis);
            errno = Native.errno(state);
            revents = pollFd.revents();
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
        if (ready < 0 && errno != Errno.EINTR) {
            throw new BpfException("poll fd", "" + fd, errno);
        }
        if ((revents & PollFd.POLLNVAL) != 0) {
            throw new BpfException("poll fd", "" + fd, Errno.EBADF);
        }
        return ready > 0 && (revents & PollFd.POLLIN) != 0;
    }

    /** The running kernel, as uname(2) tells it. */
    public static Uname uname() throws BpfException {
        Native.requireLibc();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment buffer = call.allocate(Uname.LAYOUT);
            MemorySegment state = Native.newErrnoState(call);
            int rc = (int) Native.Machine.UNAME.invokeExact(state, buffer);
            if (rc != 0) {
                throw new BpfException("uname", "utsname", Native.errno(state));
            }
            return Uname.read(buffer);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw Native.unexpected(t);
        }
    }

    /**
     * {@code struct pollfd} (<a href="https://man7.org/linux/man-pages/man2/poll.2.html">poll(2)</a>).
     */
    static final class PollFd {
        static final short POLLIN = 0x1;
        static final short POLLNVAL = 0x20;
        static final GroupLayout LAYOUT = MemoryLayout.structLayout(
                JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
        private static final VarHandle FD = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("fd"));
        private static final VarHandle EVENTS = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("events"));
        private static final VarHandle REVENTS = LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("revents"));

        final MemorySegment segment;

        PollFd(Arena arena, int fd, short events) {
            segment = arena.allocate(LAYOUT);
            FD.set(segment, 0L, fd);
            EVENTS.set(segment, 0L, events);
        }

        short revents() {
            return (short) REVENTS.get(segment, 0L);
        }
    }

    /**
     * The fields of {@code struct utsname} jretis reports
     * (<a href="https://man7.org/linux/man-pages/man2/uname.2.html">uname(2)</a>; Linux: 6 × 65 bytes).
     */
    public record Uname(String sysname, String nodename, String release, String version, String machine) {
        private static final int FIELD = 65;
        static final GroupLayout LAYOUT = MemoryLayout.structLayout(chars("sysname"), chars("nodename"),
                chars("release"), chars("version"), chars("machine"), chars("domainname"));

        static Uname read(MemorySegment s) {
            return new Uname(field(s, "sysname"), field(s, "nodename"), field(s, "release"),
                    field(s, "version"), field(s, "machine"));
        }

        private static MemoryLayout chars(String name) {
            return MemoryLayout.sequenceLayout(FIELD, JAVA_BYTE).withName(name);
        }

        private static String field(MemorySegment s, String name) {
            return s.getString(LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(name)));
        }
    }
}
