package org.jretis.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./retis} run as users run it, its output in files: started, waited for until its probes
 * are attached, then stopped with SIGTERM.
 */
final class LiveRetis implements AutoCloseable {
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir"), "retis");

    private final Process process;
    private final Path out;
    private final Path err;

    private LiveRetis(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Runs the launcher with these arguments until it exits; returns its status. */
    static LiveRetis run(Path dir, String... args) throws IOException, InterruptedException {
        LiveRetis retis = start(dir, args);
        if (!retis.process.waitFor(60, TimeUnit.SECONDS)) {
            retis.close();
        }
        return retis;
    }

    static LiveRetis start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(Arrays.asList(args));
        Path out = dir.resolve("retis.out");
        Path err = dir.resolve("retis.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new LiveRetis(p, out, err);
    }

    /** Waits until the probes are attached ({@code N probe(s) loaded}); false if it exited first. */
    boolean awaitAttached() throws IOException, InterruptedException {
        // A bound, not a timing: an emulated guest of the kernel matrix takes minutes to start.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (stderr().contains("probe(s) loaded")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Stops the collection as a user would (SIGTERM) and waits for it to finish. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    int status() {
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    /** The printed events (multi-line format: one block per event, blank line between). */
    List<String> events() throws IOException {
        return Arrays.stream(stdout().split("\n\n")).filter(b -> !b.isBlank()).toList();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
