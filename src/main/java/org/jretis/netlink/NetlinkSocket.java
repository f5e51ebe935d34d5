package org.jretis.netlink;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A netlink socket that listens to multicast groups, in the network namespace it was opened in:
 * a socket stays in that namespace for its life, so one per namespace is needed to hear them all.
 * Opening it elsewhere ({@link #openIn}) switches a dedicated thread into the namespace, because
 * {@code setns(2)} moves only the calling thread.
 */
public final class NetlinkSocket implements AutoCloseable {
    public static final int NETLINK_NETFILTER = 12;
    /** {@code recv} found that the kernel dropped messages: the socket's buffer overflowed. */
    public static final int OVERRUN = -1;

    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_ADD_MEMBERSHIP = 1;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENOBUFS = 105;
    private static final short POLLIN = 0x1;

    /** {@code struct sockaddr_nl}: family, pad, port id (0: the kernel picks), groups bitmask. */
    private static final StructLayout SOCKADDR_NL = MemoryLayout.structLayout(JAVA_SHORT.withName("nl_family"),
            JAVA_SHORT.withName("nl_pad"), JAVA_INT.withName("nl_pid"), JAVA_INT.withName("nl_groups"));
    /** {@code struct pollfd}. */
    private static final StructLayout POLLFD = MemoryLayout.structLayout(JAVA_INT.withName("fd"),
            JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    private final int fd;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private boolean closed;

    private NetlinkSocket(int fd, int bufferSize) {
        this.fd = fd;
        this.buffer = arena.allocate(bufferSize);
    }

    /** A bound socket of {@code protocol} in this thread's network namespace. */
    public static NetlinkSocket open(int protocol, int bufferSize) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Sys.errnoState(call);
            int fd = (int) Sys.SOCKET.invokeExact(state, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw new NetlinkException("socket(AF_NETLINK, " + protocol + ")", Sys.errno(state));
            }
            NetlinkSocket socket = new NetlinkSocket(fd, bufferSize);
            MemorySegment address = call.allocate(SOCKADDR_NL);
            address.set(JAVA_SHORT, 0, (short) AF_NETLINK);
            if ((int) Sys.BIND.invokeExact(state, fd, address, (int) SOCKADDR_NL.byteSize()) != 0) {
                int errno = Sys.errno(state);
                socket.close();
                throw new NetlinkException("bind netlink socket", errno);
            }
            return socket;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw Sys.unexpected(t);
        }
    }

    /**
     * A bound socket of {@code protocol} in the network namespace of {@code netns} (an nsfs file:
     * {@code /run/netns/NAME}, {@code /proc/PID/ns/net}), opened on a thread of its own that
     * enters the namespace and then ends, so no other thread ever changes namespace.
     */
    public static NetlinkSocket openIn(Path netns, int protocol, int bufferSize) throws NetlinkException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("netns-open").unstarted(() -> {
            try {
                enter(netns);
                result.set(open(protocol, bufferSize));
            } catch (NetlinkException | RuntimeException e) {
                result.set(e);
            }
        });
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening a netlink socket in " + netns, e);
        }
        return switch (result.get()) {
            case NetlinkSocket socket -> socket;
            case NetlinkException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new IllegalStateException("no result opening a netlink socket in " + netns);
        };
    }

    /** Moves the calling thread into the network namespace of {@code netns}. */
    private static void enter(Path netns) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Sys.errnoState(call);
            int nsFd = (int) Sys.OPEN.invokeExact(state, call.allocateFrom(netns.toString()), O_RDONLY_CLOEXEC);
            if (nsFd < 0) {
                throw new NetlinkException("open " + netns, Sys.errno(state));
            }
            int rc = (int) Sys.SETNS.invokeExact(state, nsFd, CLONE_NEWNET);
            int errno = Sys.errno(state);
            int unused = (int) Sys.CLOSE.invokeExact(state, nsFd);
            if (rc != 0) {
                throw new NetlinkException("setns " + netns, errno);
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw Sys.unexpected(t);
        }
    }

    /** Subscribes to multicast group {@code group} (e.g. NFNLGRP_NFTRACE). */
    public void joinGroup(int group) throws NetlinkException {
        setInt(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group, "join netlink group " + group);
    }

    /** Sets the receive buffer's size beyond rmem_max (needs CAP_NET_ADMIN). */
    public void receiveBuffer(int bytes) throws NetlinkException {
        setInt(SOL_SOCKET, SO_RCVBUFFORCE, bytes, "set the netlink receive buffer to " + bytes + " bytes");
    }

    private void setInt(int level, int name, int value, String what) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Sys.errnoState(call);
            MemorySegment v = call.allocateFrom(JAVA_INT, value);
            if ((int) Sys.SETSOCKOPT.invokeExact(state, fd, level, name, v, (int) JAVA_INT.byteSize()) != 0) {
                throw new NetlinkException(what, Sys.errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw Sys.unexpected(t);
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for one datagram and copies it into {@code into}.
     * Returns its length, 0 when none came, or {@link #OVERRUN} when the kernel dropped messages.
     */
    public int receive(byte[] into, int timeoutMillis) throws NetlinkException {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = Sys.errnoState(call);
            MemorySegment pollFd = call.allocate(POLLFD);
            pollFd.set(JAVA_INT, 0, fd);
            pollFd.set(JAVA_SHORT, 4, POLLIN);
            int ready = (int) Sys.POLL.invokeExact(state, pollFd, 1L, timeoutMillis);
            if (ready < 0) {
                int errno = Sys.errno(state);
                if (errno == EINTR) {
                    return 0;
                }
                throw new NetlinkException("poll netlink socket", errno);
            }
            if (ready == 0) {
                return 0;
            }
            long n = (long) Sys.RECV.invokeExact(state, fd, buffer, Math.min(buffer.byteSize(), into.length), MSG_DONTWAIT);
            if (n < 0) {
                int errno = Sys.errno(state);
                return switch (errno) {
                    case ENOBUFS -> OVERRUN;
                    case EAGAIN, EINTR -> 0;
                    default -> throw new NetlinkException("recv netlink socket", errno);
                };
            }
            MemorySegment.copy(buffer, JAVA_BYTE, 0, into, 0, (int) n);
            return (int) n;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw Sys.unexpected(t);
        }
    }


    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (Arena call = Arena.ofConfined()) {
            int unused = (int) Sys.CLOSE.invokeExact(Sys.errnoState(call), fd);
        } catch (Throwable t) {
            throw Sys.unexpected(t);
        }
        arena.close();
    }
}
