package org.jretis.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** Runs helper commands (ip, tcpdump, ping...) for the kernel tests, failing loudly when they fail. */
final class Commands {
    private Commands() {}

    /** Kernel tests create namespaces and load BPF programs: only root may. */
    static void assumeRoot() {
        Assumptions.assumeTrue(isRoot(), "kernel integration test: needs root (namespaces, BPF); run ./run-tests as root");
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to its end and returns its output (stdout and stderr); throws if it fails. */
    static String run(String... command) {
        Result result = runQuietly(command);
        if (result.status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.status + "): " + result.output);
        }
        return result.output;
    }

    /** Runs a command to its end, whatever its status. */
    static Result runQuietly(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** Sends a signal by name (INT, TERM, QUIT) to a process. */
    static void signal(long pid, String name) {
        run("kill", "-" + name, Long.toString(pid));
    }

    /** The command run inside a named network namespace. */
    static String[] inNamespace(String ns, String... command) {
        return Stream.concat(Stream.of("ip", "netns", "exec", ns), Stream.of(command)).toArray(String[]::new);
    }

    record Result(int status, String output) {}
}
