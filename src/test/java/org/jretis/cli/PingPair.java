package org.jretis.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces of this test run joined by a veth pair, A (10.231.0.1) and B
 * (10.231.0.2): traffic between them touches nothing else. Names carry the pid and a random
 * suffix; {@link #close()} deletes both namespaces, which removes the veth pair.
 */
final class PingPair implements AutoCloseable {
    static final String ADDRESS_A = "10.231.0.1";
    static final String ADDRESS_B = "10.231.0.2";

    final String namespaceA;
    final String namespaceB;
    final String interfaceA;
    final String interfaceB;

    private PingPair(String suffix) {
        namespaceA = "jroffA" + suffix;
        namespaceB = "jroffB" + suffix;
        interfaceA = "vofA" + suffix;
        interfaceB = "vofB" + suffix;
    }

    /** Only root may create namespaces (and load the BPF programs that trace the pings). */
    static boolean canCreate() throws IOException {
        return Integer.valueOf(0).equals(java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid"));
    }

    static PingPair create() throws IOException, InterruptedException {
        String suffix = ProcessHandle.current().pid() % 100_000 + Integer.toHexString(ThreadLocalRandom.current().nextInt(256));
        PingPair pair = new PingPair(suffix);
        try {
            ip("netns", "add", pair.namespaceA);
            ip("netns", "add", pair.namespaceB);
            ip("link", "add", pair.interfaceA, "netns", pair.namespaceA, "type", "veth",
                    "peer", "name", pair.interfaceB, "netns", pair.namespaceB);
            ip("-n", pair.namespaceA, "addr", "add", ADDRESS_A + "/24", "dev", pair.interfaceA);
            ip("-n", pair.namespaceB, "addr", "add", ADDRESS_B + "/24", "dev", pair.interfaceB);
            ip("-n", pair.namespaceA, "link", "set", pair.interfaceA, "up");
            ip("-n", pair.namespaceB, "link", "set", pair.interfaceB, "up");
            return pair;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    /** A shell command pinging B from A, for {@code collect --cmd} or a process of its own. */
    String ping(String options) {
        return "ip netns exec " + namespaceA + " ping -q " + options + " " + ADDRESS_B + " >/dev/null";
    }

    @Override
    public void close() {
        for (String namespace : List.of(namespaceA, namespaceB)) {
            try {
                ip("netns", "del", namespace);
            } catch (IOException | InterruptedException | RuntimeException e) {
                // never created, or already gone
            }
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(concat("ip", args)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("ip " + String.join(" ", args) + " failed: " + output.strip());
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
