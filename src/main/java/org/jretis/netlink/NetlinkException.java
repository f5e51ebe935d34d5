package org.jretis.netlink;

import org.jretis.bpf.Libc;

/** A netlink socket or namespace call that failed, with errno's name and text. */
public final class NetlinkException extends Exception {
    private final int errno;

    NetlinkException(String what, int errno) {
        super(what + ": " + Libc.describeErrno(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
