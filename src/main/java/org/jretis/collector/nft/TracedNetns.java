package org.jretis.collector.nft;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace whose nftables traces are read: its inode number and the nsfs file that
 * enters it ({@code /run/netns/NAME}), or no file for jretis' own namespace. Commands run in it
 * through {@code nsenter --net=FILE}.
 */
record TracedNetns(long inum, Path file, String name) {
    static final Path RUN_NETNS = Path.of("/run/netns");
    private static final Path OWN = Path.of("/proc/self/ns/net");

    static TracedNetns own() throws IOException {
        return new TracedNetns(inode(OWN), null, null);
    }

    /** The {@code ip netns} namespaces now (every file of /run/netns that is a namespace). */
    static List<TracedNetns> named() {
        List<TracedNetns> found = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(RUN_NETNS)) {
            for (Path file : dir) {
                try {
                    found.add(new TracedNetns(inode(file), file, file.getFileName().toString()));
                } catch (IOException e) {
                    // Removed while listed.
                }
            }
        } catch (IOException e) {
            // No /run/netns: no named namespace.
        }
        return found;
    }

    static long inode(Path nsFile) throws IOException {
        return ((Number) Files.getAttribute(nsFile, "unix:ino")).longValue();
    }

    String describe() {
        return name == null ? "this namespace" : "namespace " + name;
    }

    /** {@code command} as it runs in this namespace. */
    List<String> command(String... command) {
        List<String> line = new ArrayList<>();
        if (file != null) {
            line.add("nsenter");
            line.add("--net=" + file);
        }
        line.addAll(List.of(command));
        return line;
    }

    /**
     * Runs {@code command} in this namespace with {@code input} on its stdin; returns its stdout.
     * Fails with its stderr's first line when it exits non-zero.
     */
    String run(String input, String... command) throws IOException {
        Process p = new ProcessBuilder(command(command)).start();
        try {
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end in " + describe());
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed in " + describe() + ": "
                        + (err.isEmpty() ? "exit " + p.exitValue() : err.lines().findFirst().orElse("")));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + String.join(" ", command), e);
        }
    }
}
