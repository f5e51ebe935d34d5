package org.jretis.python;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code retis python} needs to run the system's CPython with the {@code retis} package: the
 * interpreter, where the package is, and how the package starts this tool again to read events
 * (its {@link EventStream} mode).
 */
public final class PythonRuntime {
    /**
     * The command line of the event reader, one argument a line, for the package. Set for the
     * scripts {@code retis python} runs; without it the package finds the tool itself.
     */
    public static final String COMMAND_VARIABLE = "JRETIS_COMMAND";
    private static final String DEBIAN_PYTHON = "/usr/bin/python3";

    private PythonRuntime() {}

    /**
     * {@code python3} as found on the PATH (so users' own interpreter and packages are used),
     * else the system's.
     */
    public static Optional<Path> interpreter() {
        return interpreter(System.getenv("PATH"), Path.of(DEBIAN_PYTHON));
    }

    static Optional<Path> interpreter(String path, Path fallback) {
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, "python3");
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    /**
     * The directory holding the {@code retis} package, for {@code PYTHONPATH}: {@code python/}
     * inside the jar (Python imports from zip files) or inside the classes directory.
     */
    public static Path packagePath() {
        try {
            Path code = Path.of(PythonRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.resolve("python");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jretis jar: " + e.getMessage(), e);
        }
    }

    /**
     * This JVM's own command line (same Java, options and class path) running the tool's main
     * class, one argument a line: how the package starts the event reader.
     */
    public static String readerCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.jretis.cli.Main");
        return String.join("\n", command);
    }
}
