package org.jretis.bpf;

import java.io.IOException;

/**
 * A libbpf, BPF syscall or libc call failed. The message says what was attempted, on which
 * object, program or map, and why (errno's name and text), in one line fit for a user.
 */
public class BpfException extends IOException {
    private final int errno;

    /** A failure with no errno: {@code errno()} is 0. */
    public BpfException(String message) {
        super(message);
        this.errno = 0;
    }

    /** {@code action} on {@code subject} failed with {@code errno} (positive). */
    public BpfException(String action, String subject, int errno) {
        this(action, subject, errno, null);
    }

    /** As above, with libbpf's own explanation appended when there is one. */
    public BpfException(String action, String subject, int errno, String detail) {
        super(action + " '" + subject + "': " + Errno.describe(errno)
                + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.errno = errno;
    }

    /** The positive errno value, 0 when the failure did not come with one. */
    public int errno() {
        return errno;
    }
}
