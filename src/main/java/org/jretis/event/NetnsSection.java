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

    /** The initial namespace's inode number. */
    public static final long INIT_NET_INUM = 4026531840L;

    public NetnsSection(Long cookie, long inum) {
        this(cookie, inum, null);
    }
}
