package org.jretis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged tool as users do, in its own JVM ({@code java [JVM options] -jar jretis.jar
 * ARGS}) or through the launcher, in a given directory; stdout and stderr go through temporary
 * files, so a tool that fills a pipe never blocks.
 */
final class RetisJar {
    /** The events files of Retis' own test suite, read in place. */
    static final Path FIXTURES = Path.of(System.getProperty("user.dir")).resolve("../shared/fixtures/retis-events")
            .normalize();

    private RetisJar() {}

    /** What a run left: its exit status, stdout and stderr. */
    record Result(int status, String stdout, String stderr) {}

    static Path jar() {
        return Path.of(System.getProperty("jretis.jar", "target/jretis.jar")).toAbsolutePath();
    }

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, List.of(), args);
    }

    /** Runs in {@code dir} with these environment variables added or replaced. */
    static Result run(Path dir, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        return execute(dir, java(List.of(), args), true, environment);
    }

    /** Runs any command as the tool is run (in {@code dir}, environment added, stdin empty). */
    static Result command(Path dir, Map<String, String> environment, List<String> command)
            throws IOException, InterruptedException {
        return execute(dir, command, true, environment);
    }

    /** Runs in {@code dir} (which it may only read: the fixtures' directory is shared). */
    static Result run(Path dir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return execute(dir, java(jvmOptions, args), true);
    }

    /** As {@link #run(Path, List, String...)}, stdout thrown away (a large output). */
    static Result runDiscardingStdout(Path dir, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        return execute(dir, java(jvmOptions, args), false);
    }

    private static List<String> java(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs a shell command under {@code script}, so that it has a terminal for stdin, stdout and
     * stderr; returns what the terminal showed.
     */
    static Result onTerminal(Path dir, String shellCommand) throws IOException, InterruptedException {
        return execute(dir, List.of("script", "-q", "-e", "-c", shellCommand, "/dev/null"), true);
    }

    /** The command line of {@code java -jar jretis.jar} with these options, for a shell. */
    static String javaCommandLine(List<String> jvmOptions, String... args) {
        return String.join(" ", java(jvmOptions, args));
    }

    /** The launcher at the repository root, as users start it (collections must). */
    static List<String> launcher(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("user.dir"), "retis").toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the launcher in {@code dir}. */
    static Result launch(Path dir, String... args) throws IOException, InterruptedException {
        return execute(dir, launcher(args), true);
    }

    private static Result execute(Path dir, List<String> command, boolean keepStdout)
            throws IOException, InterruptedException {
        return execute(dir, command, keepStdout, Map.of());
    }

    private static Result execute(Path dir, List<String> command, boolean keepStdout, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("jretis-it", ".stdout");
        Path stderr = Files.createTempFile("jretis-it", ".stderr");
        try {
            return execute(dir, command, keepStdout, environment, stdout, stderr);
        } finally {
            Files.delete(stdout);
            Files.delete(stderr);
        }
    }

    private static Result execute(Path dir, List<String> command, boolean keepStdout, Map<String, String> environment,
            Path stdout, Path stderr) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(keepStdout ? ProcessBuilder.Redirect.to(stdout.toFile()) : ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("TZ", "UTC");
        builder.environment().put("NOPAGER", "1");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
