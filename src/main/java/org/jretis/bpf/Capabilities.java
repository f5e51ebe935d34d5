package org.jretis.bpf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The effective capabilities of this process, as {@code CapEff} in /proc/self/status shows
 * them: whether it may load and attach tracing BPF programs.
 */
public record Capabilities(long effective) {
    public static final int CAP_NET_ADMIN = 12;
    public static final int CAP_SYS_ADMIN = 21;
    public static final int CAP_PERFMON = 38;
    public static final int CAP_BPF = 39;

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String CAP_EFF = "CapEff:";

    /** This process's capabilities. */
    public static Capabilities ofThisProcess() throws IOException {
        return parseStatus(Files.readString(STATUS));
    }

    /** Reads the {@code CapEff} line of a /proc/PID/status text. */
    static Capabilities parseStatus(String status) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith(CAP_EFF)) {
                return new Capabilities(Long.parseUnsignedLong(line.substring(CAP_EFF.length()).strip(), 16));
            }
        }
        throw new IOException(STATUS + " has no " + CAP_EFF + " line");
    }

    public boolean has(int capability) {
        return (effective >>> capability & 1) != 0;
    }

    public boolean hasBpf() {
        return has(CAP_BPF);
    }

    public boolean hasSysAdmin() {
        return has(CAP_SYS_ADMIN);
    }

    /** Tracing programs need CAP_BPF with CAP_PERFMON, or CAP_SYS_ADMIN (which older kernels require). */
    public boolean canLoadTracingPrograms() {
        return hasSysAdmin() || (hasBpf() && has(CAP_PERFMON));
    }
}
