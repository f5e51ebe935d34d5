package org.jretis.probe;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Two network namespaces joined by a veth pair, with names and a /24 of their own, for kernel
 * tests: {@code sender} (.1) and {@code receiver} (.2). Everything is removed on close.
 */
final class VethNamespaces implements AutoCloseable {
    final String sender;
    final String receiver;
    final String senderIf;
    final String receiverIf;
    final String senderIp;
    final String receiverIp;

    private VethNamespaces() {
        String suffix = ProcessHandle.current().pid() + "x" + ThreadLocalRandom.current().nextInt(1000);
        int subnet = ThreadLocalRandom.current().nextInt(256);
        sender = "jrs" + suffix;
        receiver = "jrr" + suffix;
        senderIf = "vjs" + suffix;
        receiverIf = "vjr" + suffix;
        senderIp = "198.18." + subnet + ".1";
        receiverIp = "198.18." + subnet + ".2";
    }

    static VethNamespaces create() throws IOException, InterruptedException {
        VethNamespaces ns = new VethNamespaces();
        try {
            run("ip", "netns", "add", ns.sender);
            run("ip", "netns", "add", ns.receiver);
            run("ip", "link", "add", ns.senderIf, "netns", ns.sender, "type", "veth",
                    "peer", "name", ns.receiverIf, "netns", ns.receiver);
            ns.up(ns.sender, ns.senderIf, ns.senderIp);
            ns.up(ns.receiver, ns.receiverIf, ns.receiverIp);
            return ns;
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    private void up(String netns, String dev, String ip) throws IOException, InterruptedException {
        run("ip", "-n", netns, "addr", "add", ip + "/24", "dev", dev);
        run("ip", "-n", netns, "link", "set", dev, "up");
        run("ip", "-n", netns, "link", "set", "lo", "up");
    }

    /** Sends one UDP datagram from the sender to a port of the receiver where nothing listens. */
    void udpToClosedPort(int port) throws IOException, InterruptedException {
        inSender("bash", "-c", "echo jretis > /dev/udp/" + receiverIp + "/" + port);
    }

    void ping() throws IOException, InterruptedException {
        inSender("ping", "-c", "1", "-W", "2", receiverIp);
    }

    private void inSender(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", sender));
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        for (String netns : List.of(sender, receiver)) {
            try {
                run("ip", "netns", "del", netns);
            } catch (IOException | InterruptedException e) {
                // Not created, or already gone with its peer.
            }
        }
    }
}
