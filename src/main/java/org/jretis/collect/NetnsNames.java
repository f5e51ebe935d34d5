package org.jretis.collect;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of network namespaces, by inode number: the {@code ip netns} name (a bind mount under
 * /run/netns, matched by inode), else the command of the lowest pid living in it. The initial
 * namespace (pid 1's) is not named. Scanned at start; an inode not known then is looked up again
 * when first seen, and while it stays unnamed at most once a second, so a namespace made during
 * the capture is named too. Used by the capture thread only.
 */
final class NetnsNames {
    private static final Pattern NET_LINK = Pattern.compile("net:\\[(\\d+)]");
    private static final long RESCAN_NANOS = 1_000_000_000L;

    private final Path runNetns;
    private final Path proc;
    private Map<Long, String> names = Map.of();
    /** pid 1's namespace, never named; -1 until known. */
    private long initial = -1;
    private long scannedAt;
    /** Unnamed namespaces already looked up once when first seen. */
    private final Set<Long> seen = new HashSet<>();

    NetnsNames(Path runNetns, Path proc) {
        this.runNetns = runNetns;
        this.proc = proc;
    }

    /** The machine's names, scanned now. */
    static NetnsNames system() {
        NetnsNames names = new NetnsNames(Path.of("/run/netns"), Path.of("/proc"));
        names.scan();
        return names;
    }

    /** No names (tests of the decoders). */
    static NetnsNames none() {
        return new NetnsNames(null, null);
    }

    /** Whether {@code inum} is the initial namespace, which has no name. */
    boolean isInitial(long inum) {
        return inum == initial;
    }

    /** The name of namespace {@code inum}, or null. */
    String name(long inum) {
        if (inum == initial) {
            return null;
        }
        String name = names.get(inum);
        if (name == null && proc != null && (seen.add(inum) || System.nanoTime() - scannedAt > RESCAN_NANOS)) {
            scan();
            name = names.get(inum);
        }
        return name;
    }

    /**
     * The inode number of the namespace {@code name} (see the class comment), or a number as
     * typed; refused when no namespace or more than one has that name.
     */
    long inum(String name) throws CollectException {
        if (name.matches("\\d{1,10}")) {
            return Long.parseLong(name);
        }
        List<Long> named = names.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).toList();
        if (named.size() != 1) {
            throw new CollectException(named.isEmpty()
                    ? "--netns " + name + ": no network namespace has that name (ip netns list, or a process' command)"
                    : "--netns " + name + ": " + named.size() + " network namespaces have that name: give its inode number");
        }
        return named.getFirst();
    }

    /** Reads every name again; a namespace named both ways keeps its {@code ip netns} name. */
    void scan() {
        scannedAt = System.nanoTime();
        Map<Long, String> found = new HashMap<>();
        Long pid1 = linkInode(proc.resolve("1/ns/net"));
        initial = pid1 == null ? -1 : pid1;
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(runNetns)) {
            // Sorted, so that two names of one namespace always give the same one.
            TreeMap<String, Path> sorted = new TreeMap<>();
            dir.forEach(p -> sorted.put(p.getFileName().toString(), p));
            sorted.forEach((name, path) -> {
                Long inum = inode(path);
                if (inum != null && inum != initial) {
                    found.putIfAbsent(inum, name);
                }
            });
        } catch (IOException e) {
            // No /run/netns: no ip netns names.
        }
        TreeMap<Long, Path> pids = new TreeMap<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            dir.forEach(p -> pids.put(Long.parseLong(p.getFileName().toString()), p));
        } catch (IOException e) {
            // No /proc: only ip netns names.
        }
        for (Path pid : pids.values()) {
            Long inum = linkInode(pid.resolve("ns/net"));
            if (inum != null && inum != initial && !found.containsKey(inum)) {
                String comm = comm(pid);
                if (comm != null) {
                    found.put(inum, comm);
                }
            }
        }
        names = found;
    }

    private static Long inode(Path path) {
        try {
            return ((Number) Files.getAttribute(path, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** {@code /proc/PID/ns/net} reads {@code net:[INUM]}: cheaper than a stat, and no mount needed. */
    private static Long linkInode(Path link) {
        try {
            Matcher m = NET_LINK.matcher(Files.readSymbolicLink(link).toString());
            return m.matches() ? Long.parseLong(m.group(1)) : null;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null; // the process ended, or is not ours to see
        }
    }

    private static String comm(Path pid) {
        try {
            String comm = Files.readString(pid.resolve("comm")).strip();
            return comm.isEmpty() ? null : comm;
        } catch (IOException e) {
            return null;
        }
    }
}
