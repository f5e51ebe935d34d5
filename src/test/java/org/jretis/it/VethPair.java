package org.jretis.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two network namespaces joined by a veth pair, for kernel tests: side A holds {@code 10.2xx.N.1}
 * and {@code fd00:2xx:N::1}, side B {@code .2} and {@code ::2}. Names carry the pid and a counter,
 * so parallel runs never collide. {@link #close()} removes everything; a shutdown hook does it too
 * if the test JVM dies first.
 */
final class VethPair implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** One end: its namespace, interface and addresses, as the kernel numbers them. */
    record Side(String ns, String veth, String ipv4, String ipv6, int ifindex, long netnsInum) {}

    final Side a;
    final Side b;
    private final Thread cleanupHook;
    private boolean closed;

    private VethPair(Side a, Side b, Thread cleanupHook) {
        this.a = a;
        this.b = b;
        this.cleanupHook = cleanupHook;
    }

    static VethPair create() {
        long pid = ProcessHandle.current().pid();
        int n = COUNTER.incrementAndGet();
        String tag = pid + "n" + n;
        String nsA = "jit" + tag + "a", nsB = "jit" + tag + "b";
        String vethA = "jv" + tag + "a", vethB = "jv" + tag + "b";
        int second = 200 + (int) (pid % 50);
        Thread hook = new Thread(() -> remove(nsA, nsB));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Commands.run("ip", "netns", "add", nsA);
            Commands.run("ip", "netns", "add", nsB);
            Commands.run("ip", "link", "add", vethA, "netns", nsA, "type", "veth", "peer", "name", vethB, "netns", nsB);
            Side a = configure(nsA, vethA, "10." + second + "." + n + ".1", "fd00:" + second + ":" + n + "::1");
            Side b = configure(nsB, vethB, "10." + second + "." + n + ".2", "fd00:" + second + ":" + n + "::2");
            return new VethPair(a, b, hook);
        } catch (RuntimeException e) {
            remove(nsA, nsB);
            Runtime.getRuntime().removeShutdownHook(hook);
            throw e;
        }
    }

    private static Side configure(String ns, String veth, String ipv4, String ipv6) {
        Commands.run("ip", "-n", ns, "addr", "add", ipv4 + "/24", "dev", veth);
        // nodad: usable at once, without duplicate address detection traffic.
        Commands.run("ip", "-n", ns, "addr", "add", ipv6 + "/64", "dev", veth, "nodad");
        Commands.run("ip", "-n", ns, "link", "set", "lo", "up");
        Commands.run("ip", "-n", ns, "link", "set", veth, "up");
        String link = Commands.run("ip", "-n", ns, "-o", "link", "show", "dev", veth);
        int ifindex = Integer.parseInt(link.substring(0, link.indexOf(':')));
        return new Side(ns, veth, ipv4, ipv6, ifindex, inode(Path.of("/run/netns", ns)));
    }

    private static long inode(Path nsFile) {
        try {
            return ((Number) Files.getAttribute(nsFile, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stat " + nsFile, e);
        }
    }

    /** Both sides, for loops. */
    Side[] sides() {
        return new Side[] {a, b};
    }

    /** Deleting the namespaces deletes the veth pair with them. */
    private static void remove(String... namespaces) {
        for (String ns : namespaces) {
            if (Files.exists(Path.of("/run/netns", ns))) {
                Commands.runQuietly("ip", "netns", "del", ns);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        remove(a.ns(), b.ns());
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway, harmlessly.
        }
    }
}
