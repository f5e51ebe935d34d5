package org.jretis.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A process of the kernel tests, its stdout and stderr collected line by line as they come, each
 * line timed. Mostly the tool run as users run it: the repository's {@code retis} launcher with
 * arguments, optionally behind a wrapper such as {@code setpriv}.
 */
final class Spawned implements AutoCloseable {
    /** The repository root: Maven runs tests from there. */
    static final Path REPO = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final Path LAUNCHER = REPO.resolve("retis");

    private final Process process;
    private final long startNanos;
    private final List<Line> stdout = new ArrayList<>();
    private final List<Line> stderr = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;
    private volatile long exitNanos = -1;

    /** A line and when it arrived, in nanoseconds after the process started. */
    record Line(String text, long nanos) {}

    private Spawned(Process process, long startNanos) {
        this.process = process;
        this.startNanos = startNanos;
        this.outReader = collect(process.getInputStream(), stdout);
        this.errReader = collect(process.getErrorStream(), stderr);
        process.onExit().thenRun(() -> exitNanos = System.nanoTime() - startNanos);
    }

    /** Starts {@code retis ARGS}. */
    static Spawned retis(String... args) {
        return retisBehind(List.of(), args);
    }

    /** Starts {@code WRAPPER... retis ARGS}, e.g. behind {@code setpriv}. */
    static Spawned retisBehind(List<String> wrapper, String... args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        return command(command);
    }

    /** Starts any command line (a shell script running retis, for instance). */
    static Spawned command(List<String> command) {
        return command(REPO, command);
    }

    /** Starts a command line in a directory. */
    static Spawned command(Path dir, List<String> command) {
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            return new Spawned(p, start);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** Runs {@code retis ARGS} to its end (at most a minute). */
    static Spawned retisToEnd(String... args) {
        Spawned run = retis(args);
        run.waitFor(Duration.ofMinutes(1));
        return run;
    }

    private Thread collect(InputStream stream, List<Line> lines) {
        return Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(new Line(line, System.nanoTime() - startNanos));
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process went away: what was read is kept.
            }
        });
    }

    long pid() {
        return process.pid();
    }

    /** Waits for a stderr line matching the pattern; returns it, or throws with what was seen. */
    Line awaitStderr(String regex, Duration timeout) {
        return await(stderr, errReader, "stderr", regex, timeout);
    }

    /** Waits for a stdout line matching the pattern. */
    Line awaitStdout(String regex, Duration timeout) {
        return await(stdout, outReader, "stdout", regex, timeout);
    }

    private Line await(List<Line> lines, Thread reader, String name, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                for (Line line : lines) {
                    if (pattern.matcher(line.text()).find()) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reader.isAlive()) {
                    throw new AssertionError("no " + name + " line matching /" + regex + "/ within " + timeout
                            + "; " + name + " so far:\n" + String.join("\n", lines.stream().map(Line::text).toList())
                            + (name.equals("stderr") ? "" : "\nstderr:\n" + stderrText()));
                }
                try {
                    lines.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Waits for the end; returns the exit status. Kills the process and fails on timeout. */
    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("the process did not exit within " + timeout + "; stderr:\n"
                        + String.join("\n", stderrLines()));
            }
            outReader.join(2000);
            errReader.join(2000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** When the process ended, in nanoseconds after it started (-1 while it runs). */
    long exitNanos() {
        return exitNanos;
    }

    int exitValue() {
        return process.exitValue();
    }

    List<String> stderrLines() {
        synchronized (stderr) {
            return stderr.stream().map(Line::text).toList();
        }
    }

    List<String> stdoutLines() {
        synchronized (stdout) {
            return stdout.stream().map(Line::text).toList();
        }
    }

    String stderrText() {
        return String.join("\n", stderrLines());
    }

    private void kill() {
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
