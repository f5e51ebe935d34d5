package org.jretis.event;

/**
 * {@code netns}: the packet's network namespace.
 *
 * @param cookie the kernel's net_cookie, or null when the kernel has none
 * @param inum   the namespace inode number
 * @param name   its name when the capture found one ({@code ip netns} name, else the command of a
 *               process living in it), or null; a field of jretis that Retis' readers ignore
 */
public record NetnsSection(Long cookie, long inum, String name) {

    /** {@code PROC_NET_INIT_INO}: the initial namespace's inode number, fixed since Linux 6.18. */
    public static final long PROC_NET_INIT_INO = 0xEFFFFFF9L;
    /**
     * The first inode number proc hands out. Kernels before 6.18 give it to the initial namespace,
     * allocated at boot before any other; from 6.18 on /proc/self takes it at boot and keeps it.
     */
    public static final long FIRST_DYNAMIC_INUM = 0xF0000000L;

    public NetnsSection(Long cookie, long inum) {
        this(cookie, inum, null);
    }

    /**
     * Whether {@code inum} is the initial namespace's when the recording kernel did not say which
     * one was: one of the two numbers above, which no other namespace can have on the kernel that
     * gives the initial one the other.
     */
    public static boolean usualInitialInum(long inum) {
        return inum == PROC_NET_INIT_INO || inum == FIRST_DYNAMIC_INUM;
    }

    /**
     * Whether this is the initial namespace: the one {@code recordedInitial} names (a startup
     * event's {@code init_netns_inum}), or by its usual numbers when the file did not record it.
     */
    public boolean isInitial(Long recordedInitial) {
        return recordedInitial != null ? inum == recordedInitial : usualInitialInum(inum);
    }
}
