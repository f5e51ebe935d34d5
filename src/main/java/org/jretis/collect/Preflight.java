package org.jretis.collect;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jretis.btf.Btf;

/** What a collection needs from the system before anything is loaded, each missing piece one line. */
final class Preflight {
    private static final int CAP_SYS_ADMIN = 21;
    private static final int CAP_BPF = 39;

    private Preflight() {}

    static void check() throws CollectException {
        BigInteger caps = effectiveCapabilities();
        if (!caps.testBit(CAP_BPF) && !caps.testBit(CAP_SYS_ADMIN)) {
            throw new CollectException("Retis does not have CAP_BPF: can't install probes (run as root)");
        }
        if (!caps.testBit(CAP_SYS_ADMIN)) {
            throw new CollectException("Retis does not have CAP_SYS_ADMIN: can't load BPF programs (run as root)");
        }
        if (!Files.isReadable(Btf.VMLINUX)) {
            throw new CollectException("No kernel BTF at " + Btf.VMLINUX
                    + ": the kernel must be built with CONFIG_DEBUG_INFO_BTF");
        }
    }

    /** CapEff of this process, from /proc/self/status. */
    static BigInteger effectiveCapabilities() throws CollectException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return new BigInteger(line.substring("CapEff:".length()).strip(), 16);
                }
            }
        } catch (IOException e) {
            throw new CollectException("Cannot read /proc/self/status: " + e.getMessage());
        }
        return BigInteger.ZERO;
    }
}
