package org.jretis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged tool as users do, in its own JVM: {@code java [JVM options] -jar jretis.jar
 * ARGS} in a given directory, stdout and stderr kept in files (so a large output costs no memory).
 */
final class RetisJar {
    /** The events files of Retis' own test suite, read in place. */
    static final Path FIXTURES = Path.of(System.getProperty("user.dir")).resolve("../shared/fixtures/retis-events")
            .normalize();

    private RetisJar() {}

    /** What a run left: its exit status, and where its stdout and stderr are. */
    record Result(int status, Path stdoutFile, Path stderrFile) {
        String stdout() throws IOException {
            return Files.readString(stdoutFile, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(stderrFile, StandardCharsets.UTF_8);
        }
    }

    static Path jar() {
        return Path.of(System.getProperty("jretis.jar", "target/jretis.jar")).toAbsolutePath();
    }

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, List.of(), args);
    }

    /** Runs in {@code dir}; its output files go there too, as {@code .stdout}/{@code .stderr}. */
    static Result run(Path dir, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return execute(dir, command);
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
        return execute(dir, launcher(args));
    }

    private static Result execute(Path dir, List<String> command) throws IOException, InterruptedException {
        Path stdout = dir.resolve(".stdout");
        Path stderr = dir.resolve(".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("TZ", "UTC");
        builder.environment().put("NOPAGER", "1");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Result(process.exitValue(), stdout, stderr);
    }
}
