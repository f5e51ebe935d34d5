package org.jretis.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two ends of the UDP and TCP traffic of the kernel tests, run in a namespace with
 * {@code ip netns exec NS java -cp <test classes> org.jretis.it.Peer ...}:
 * <ul>
 * <li>{@code serve ADDR PORT}: says "ready", takes one UDP datagram on PORT, then one TCP
 *     connection on PORT, read to its end and closed;</li>
 * <li>{@code send ADDR PORT}: sends one datagram from PORT+1 to ADDR:PORT, then connects over TCP,
 *     writes a line, half-closes and reads until the server closes.</li>
 * </ul>
 */
public final class Peer {
    static final byte[] UDP_PAYLOAD = "jretis-udp".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TCP_PAYLOAD = "jretis-tcp\n".getBytes(StandardCharsets.US_ASCII);

    private Peer() {}

    /** The command line running this class in a namespace. */
    static String[] command(String ns, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classes;
        try {
            classes = Path.of(Peer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>(List.of(java, "-cp", classes, Peer.class.getName()));
        command.addAll(List.of(args));
        return Commands.inNamespace(ns, command.toArray(String[]::new));
    }

    public static void main(String[] args) throws IOException {
        InetAddress address = InetAddress.getByName(args[1]);
        int port = Integer.parseInt(args[2]);
        if (args[0].equals("serve")) {
            serve(address, port);
        } else {
            send(address, port);
        }
    }

    private static void serve(InetAddress address, int port) throws IOException {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
             ServerSocket tcp = new ServerSocket(port, 1, address)) {
            udp.setSoTimeout(20_000);
            tcp.setSoTimeout(20_000);
            System.out.println("ready");
            System.out.flush();
            DatagramPacket datagram = new DatagramPacket(new byte[64], 64);
            udp.receive(datagram);
            try (Socket connection = tcp.accept(); InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
        }
    }

    private static void send(InetAddress address, int port) throws IOException {
        try (DatagramSocket udp = new DatagramSocket(port + 1)) {
            udp.send(new DatagramPacket(UDP_PAYLOAD, UDP_PAYLOAD.length, address, port));
        }
        try (Socket connection = new Socket(address, port)) {
            connection.getOutputStream().write(TCP_PAYLOAD);
            connection.shutdownOutput();
            connection.getInputStream().readAllBytes();
        }
    }
}
