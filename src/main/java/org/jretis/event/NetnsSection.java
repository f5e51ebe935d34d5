package org.jretis.event;

/**
 * {@code netns}: the packet's network namespace.
 *
 * @param cookie the kernel's net_cookie, or null when the kernel has none
 * @param inum   the namespace inode number
 */
public record NetnsSection(Long cookie, long inum) {

    /** The initial namespace's inode number. */
    public static final long INIT_NET_INUM = 4026531840L;
}
