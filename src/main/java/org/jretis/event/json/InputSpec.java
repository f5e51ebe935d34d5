package org.jretis.event.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which file(s) the offline commands read, as Retis' INPUT argument says: {@code FILE} is that file
 * only; {@code FILE..} is FILE then, if its name is a split file's {@code X.N}, {@code X.N+1} and so
 * on while they exist; no argument is {@code retis.data} if it is a file, else {@code retis.data.0}
 * and its continuation.
 *
 * @param first          the file read first
 * @param followsSplits  whether reading continues with the next split files
 */
public record InputSpec(Path first, boolean followsSplits) {
    /** The name {@code collect -o} uses by default. */
    public static final String DEFAULT_FILE = "retis.data";
    private static final Pattern SPLIT_NAME = Pattern.compile("(.*)\\.(\\d+)");

    /** From the command line argument, or null for the default; relative paths from the cwd. */
    public static InputSpec parse(String argument) {
        return parse(argument, Path.of(""));
    }

    /** As {@link #parse(String)}, relative paths resolved against {@code dir}. */
    public static InputSpec parse(String argument, Path dir) {
        if (argument == null) {
            Path plain = dir.resolve(DEFAULT_FILE);
            Path firstSplit = dir.resolve(DEFAULT_FILE + ".0");
            boolean split = !Files.isRegularFile(plain) && Files.isRegularFile(firstSplit);
            return split ? new InputSpec(firstSplit, true) : new InputSpec(plain, false);
        }
        if (argument.endsWith("..") && argument.length() > 2) {
            return new InputSpec(dir.resolve(argument.substring(0, argument.length() - 2)), true);
        }
        return new InputSpec(dir.resolve(argument), false);
    }

    /** The split file that follows {@code current}, if reading continues and it exists. */
    public Optional<Path> next(Path current) {
        if (!followsSplits || current.getFileName() == null) {
            return Optional.empty();
        }
        Matcher m = SPLIT_NAME.matcher(current.getFileName().toString());
        if (!m.matches() || m.group(2).length() > 9) {
            return Optional.empty();
        }
        Path next = current.resolveSibling(m.group(1) + "." + (Integer.parseInt(m.group(2)) + 1));
        return Files.isRegularFile(next) ? Optional.of(next) : Optional.empty();
    }
}
