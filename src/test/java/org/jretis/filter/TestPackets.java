package org.jretis.filter;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Packets for the differential tests: a seeded mix of what pcap filters are written about. */
final class TestPackets {
    private static final byte[][] V4 = {
        {10, 0, 0, 1}, {10, 0, 0, 2}, {10, 1, 2, 3}, {(byte) 192, (byte) 168, 1, 10}, {8, 8, 8, 8}, {(byte) 224, 0, 0, 1}};
    private static final int[] PORTS = {22, 53, 80, 443, 8080, 9999, 1024, 6000, 33000};
    private final Random random;

    TestPackets(long seed) {
        random = new Random(seed);
    }

    /** {@code count} Ethernet frames. */
    List<byte[]> ethernet(int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(frame(i));
        }
        return out;
    }

    /** {@code count} raw IP packets (IPv4 and IPv6). */
    List<byte[]> rawIp(int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(random.nextInt(3) == 0 ? ipv6() : ipv4());
        }
        return out;
    }

    private byte[] frame(int i) {
        return switch (i % 7) {
            case 0, 1, 2 -> ether(0x0800, ipv4());
            case 3 -> ether(0x86dd, ipv6());
            case 4 -> ether(0x0806, arp());
            case 5 -> vlan(ipv4());
            default -> truncate(ether(0x0800, ipv4()));
        };
    }

    private byte[] truncate(byte[] frame) {
        return java.util.Arrays.copyOf(frame, 1 + random.nextInt(Math.min(frame.length, 40)));
    }

    private byte[] mac() {
        byte[] mac = new byte[6];
        random.nextBytes(mac);
        if (random.nextInt(5) == 0) {
            java.util.Arrays.fill(mac, (byte) 0xff);
        } else {
            mac[0] &= (byte) 0xfe;
        }
        return mac;
    }

    private byte[] ether(int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(mac()).put(mac()).putShort((short) type).put(payload);
        return b.array();
    }

    private byte[] vlan(byte[] ip) {
        ByteBuffer b = ByteBuffer.allocate(18 + ip.length);
        b.put(mac()).put(mac()).putShort((short) 0x8100).putShort((short) (random.nextInt(3) == 0 ? 100 : 200))
                .putShort((short) 0x0800).put(ip);
        return b.array();
    }

    private byte[] arp() {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4)
                .putShort((short) (1 + random.nextInt(2))).put(mac()).put(v4()).put(new byte[6]).put(v4());
        return b.array();
    }

    private byte[] v4() {
        return V4[random.nextInt(V4.length)];
    }

    private byte[] ipv4() {
        int proto = new int[] {1, 6, 17, 17, 6, 47}[random.nextInt(6)];
        int options = random.nextInt(4) == 0 ? 4 : 0;
        byte[] l4 = l4(proto);
        ByteBuffer b = ByteBuffer.allocate(20 + options + l4.length);
        int fragment = random.nextInt(6) == 0 ? 0x2000 | random.nextInt(200) : 0x4000;
        b.put((byte) (0x45 + options / 4)).put((byte) 0).putShort((short) (20 + options + l4.length))
                .putShort((short) random.nextInt(65536)).putShort((short) fragment)
                .put((byte) (1 + random.nextInt(64))).put((byte) proto).putShort((short) 0).put(v4()).put(v4());
        for (int i = 0; i < options; i++) {
            b.put((byte) 1);
        }
        return b.put(l4).array();
    }

    private byte[] ipv6() {
        int proto = new int[] {58, 6, 17}[random.nextInt(3)];
        byte[] l4 = l4(proto);
        ByteBuffer b = ByteBuffer.allocate(40 + l4.length);
        b.putInt(0x60000000).putShort((short) l4.length).put((byte) proto).put((byte) 64);
        b.put(v6()).put(v6());
        return b.put(l4).array();
    }

    private byte[] v6() {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = (byte) (1 + random.nextInt(3));
        return a;
    }

    private byte[] l4(int proto) {
        byte[] tail = new byte[random.nextInt(120)];
        random.nextBytes(tail);
        return switch (proto) {
            case 6 -> ByteBuffer.allocate(20 + tail.length).putShort(port()).putShort(port())
                    .putInt(random.nextInt()).putInt(random.nextInt()).put((byte) 0x50)
                    .put((byte) new int[] {0x02, 0x12, 0x10, 0x18, 0x11, 0x04}[random.nextInt(6)])
                    .putShort((short) 512).putInt(0).put(tail).array();
            case 17 -> ByteBuffer.allocate(8 + tail.length).putShort(port()).putShort(port())
                    .putShort((short) (8 + tail.length)).putShort((short) 0).put(tail).array();
            case 1, 58 -> ByteBuffer.allocate(8 + tail.length)
                    .put((byte) new int[] {0, 8, 3, 11, 128, 129}[random.nextInt(6)]).put((byte) random.nextInt(4))
                    .putShort((short) 0).putInt(random.nextInt()).put(tail).array();
            default -> tail;
        };
    }

    private short port() {
        return (short) PORTS[random.nextInt(PORTS.length)];
    }
}
