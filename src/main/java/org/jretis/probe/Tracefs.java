package org.jretis.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jretis.log.Log;

/**
 * The kernel's tracing filesystem, where {@code available_events} lists the tracepoints. It is not
 * mounted on every machine; with {@code --allow-system-changes} it is mounted, and unmounted on
 * {@link #close()}.
 */
public final class Tracefs implements AutoCloseable {
    static final Path MAIN = Path.of("/sys/kernel/tracing");
    static final Path DEBUGFS = Path.of("/sys/kernel/debug/tracing");

    private final Path root;
    private final boolean mountedByUs;

    Tracefs(Path root, boolean mountedByUs) {
        this.root = root;
        this.mountedByUs = mountedByUs;
    }

    /** The mounted tracefs, or empty when there is none. */
    public static Optional<Tracefs> find() {
        for (Path dir : List.of(MAIN, DEBUGFS)) {
            if (Files.isReadable(dir.resolve("available_events"))) {
                return Optional.of(new Tracefs(dir, false));
            }
        }
        return Optional.empty();
    }

    /** Mounts tracefs on /sys/kernel/tracing (the caller was allowed to change the system). */
    public static Tracefs mount() throws IOException {
        Optional<Tracefs> existing = find();
        if (existing.isPresent()) {
            return existing.get();
        }
        run("mount", "-t", "tracefs", "tracefs", MAIN.toString());
        Log.debug("mounted tracefs on " + MAIN);
        return new Tracefs(MAIN, true);
    }

    /** {@code group:name} of every tracepoint. */
    public List<String> availableEvents() throws IOException {
        return Files.readAllLines(root.resolve("available_events"));
    }

    /**
     * The functions kprobes may be put on ({@code available_filter_functions}, whose lines read
     * {@code name} or {@code name [module]}); the kernel refuses the listing (EPERM) when function
     * tracing is not permitted.
     */
    public List<String> traceableFunctions() throws IOException {
        return Files.readAllLines(root.resolve("available_filter_functions")).stream().map(l -> {
            int space = l.indexOf(' ');
            return space < 0 ? l : l.substring(0, space);
        }).toList();
    }

    /**
     * Whether function tracing (the base of fentry programs and of kprobe wildcards) is
     * permitted: the kernel refuses to list the traceable functions when it is not.
     */
    public boolean functionTracingPermitted() {
        try (var in = Files.newInputStream(root.resolve("available_filter_functions"))) {
            in.read();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (mountedByUs) {
            try {
                run("umount", root.toString());
            } catch (IOException e) {
                Log.warn("could not unmount tracefs from " + root + ": " + e.getMessage());
            }
        }
    }

    private static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(String.join(" ", command) + " interrupted");
        }
    }
}
