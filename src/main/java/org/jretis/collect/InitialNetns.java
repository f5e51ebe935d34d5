package org.jretis.collect;

import java.io.IOException;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.BpfObject;

/**
 * The inode number of the kernel's initial network namespace (the boot task's), asked of the
 * running kernel: events in it print no {@code ns} token. Kernels before 6.18 allocate it at boot, 6.18 fixes it at
 * {@code 0xEFFFFFF9}; and /proc/1/ns/net can be out of reach (PID namespaces, ptrace rules).
 */
final class InitialNetns {
    private InitialNetns() {}

    /** Reads {@code init_net.ns.inum} with a one-shot BPF program. */
    static long read() throws IOException {
        try (BpfObject object = BpfObject.openResource("org/jretis/bpf/netns.bpf.o")) {
            object.load();
            long inum = Integer.toUnsignedLong(object.program("init_netns_inum").testRun());
            if (inum == 0) {
                throw new BpfException("the boot task was not found among this task's ancestors");
            }
            return inum;
        }
    }
}
