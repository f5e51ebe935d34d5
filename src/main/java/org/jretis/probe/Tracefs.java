package org.jretis.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jretis.log.Log;

/**
 * The kernel's tracing filesystem, where {@code available_events} lists the tracepoints and
 * {@code available_filter_functions} the traceable functions. It is not mounted on every machine:
 * then its files are read by a short-lived helper that mounts it in a private mount namespace of
 * its own, so the system's mounts never change. With {@code --allow-system-changes} it is mounted
 * for real, as Retis does, and unmounted on {@link #close()}.
 */
public final class Tracefs implements AutoCloseable {
    static final Path MAIN = Path.of("/sys/kernel/tracing");
    static final Path DEBUGFS = Path.of("/sys/kernel/debug/tracing");
    /** Mounts tracefs on $1 in the helper's own mount namespace and prints file $2 of it. */
    private static final String PRIVATE_READ = "mount -t tracefs nodev \"$1\" && exec cat -- \"$1/$2\"";

    private final Path root;
    private final boolean mountedByUs;
    private final boolean inPrivateNamespace;

    Tracefs(Path root, boolean mountedByUs) {
        this(root, mountedByUs, false);
    }

    private Tracefs(Path root, boolean mountedByUs, boolean inPrivateNamespace) {
        this.root = root;
        this.mountedByUs = mountedByUs;
        this.inPrivateNamespace = inPrivateNamespace;
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

    /**
     * The mounted tracefs or, when there is none, one read through a private mount namespace,
     * if this process may make one (root) and the mount point exists; otherwise empty.
     */
    public static Optional<Tracefs> available() {
        Optional<Tracefs> mounted = find();
        if (mounted.isPresent() || !Files.isDirectory(MAIN)) {
            return mounted;
        }
        return Optional.of(new Tracefs(MAIN, false, true));
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
        return read("available_events");
    }

    /**
     * The functions kprobes may be put on ({@code available_filter_functions}, whose lines read
     * {@code name} or {@code name [module]}); the kernel refuses the listing (EPERM) when function
     * tracing is not permitted.
     */
    public List<String> traceableFunctions() throws IOException {
        return read("available_filter_functions").stream().map(l -> {
            int space = l.indexOf(' ');
            return space < 0 ? l : l.substring(0, space);
        }).toList();
    }

    /**
     * Whether function tracing (the base of fentry programs and of kprobe wildcards) is
     * permitted: the kernel refuses to list the traceable functions when it is not.
     */
    public boolean functionTracingPermitted() {
        try {
            traceableFunctions();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> read(String file) throws IOException {
        if (!inPrivateNamespace) {
            return Files.readAllLines(root.resolve(file));
        }
        String listing = run("unshare", "--mount", "--propagation", "private", "--", "sh", "-c", PRIVATE_READ,
                "sh", root.toString(), file);
        Log.debug("read " + file + " from tracefs mounted in a private mount namespace");
        return listing.lines().toList();
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

    /** Runs a command to its end; its output, or an IOException with its error output. */
    private static String run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            // Error output is a line or two at most: it cannot fill its pipe while stdout is read.
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String error = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor() != 0) {
                throw new IOException(command[0] + " failed: " + error);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(command[0] + " interrupted");
        }
    }
}
