package org.jretis.packet;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** Builds frames for tests from readable fields: addresses as text, flags by name. */
public final class TestFrames {
    public static final int IPV4 = 0x0800;
    public static final int IPV6 = 0x86dd;
    public static final int ARP = 0x0806;
    public static final int VLAN = 0x8100;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    private TestFrames() {}

    public static byte[] ethernet(String src, String dst, int ethertype, byte[] payload) {
        return new Bytes().raw(mac(dst)).raw(mac(src)).u16(ethertype).raw(payload).build();
    }

    /** A VLAN tag and what follows it; the ethertype before it must be 0x8100 (or 0x88a8). */
    public static byte[] vlan(int vid, int pcp, boolean dei, int ethertype, byte[] payload) {
        return new Bytes().u16(pcp << 13 | (dei ? 0x1000 : 0) | vid).u16(ethertype).raw(payload).build();
    }

    public static byte[] arp(int operation, String sha, String spa, String tha, String tpa) {
        return new Bytes().u16(1).u16(IPV4).u8(6).u8(4).u16(operation)
                .raw(mac(sha)).raw(ip(spa)).raw(mac(tha)).raw(ip(tpa)).build();
    }

    public static byte[] icmp(int type, int code, int id, int seq, byte[] payload) {
        return new Bytes().u8(type).u8(code).u16(0).u16(id).u16(seq).raw(payload).build();
    }

    public static byte[] udp(int sport, int dport, byte[] payload) {
        return new Bytes().u16(sport).u16(dport).u16(8 + payload.length).u16(0).raw(payload).build();
    }

    public static Ipv4 ipv4(String src, String dst, int protocol) {
        return new Ipv4(src, dst, protocol);
    }

    public static Ipv6 ipv6(String src, String dst, int next) {
        return new Ipv6(src, dst, next);
    }

    public static Tcp tcp(int sport, int dport) {
        return new Tcp(sport, dport);
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** The first {@code length} bytes, as a short capture would keep them. */
    public static byte[] cut(byte[] frame, int length) {
        return java.util.Arrays.copyOf(frame, length);
    }

    public static byte[] zeros(int length) {
        return new byte[length];
    }

    static byte[] mac(String text) {
        return hex(text.replace(":", ""));
    }

    static byte[] ip(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** An IPv4 header with a correct checksum and total length, around a payload. */
    public static final class Ipv4 {
        private final String src;
        private final String dst;
        private final int protocol;
        private int tos;
        private int ttl = 64;
        private int id;
        private int flags;
        private int fragmentOffset;
        private byte[] options = new byte[0];

        private Ipv4(String src, String dst, int protocol) {
            this.src = src;
            this.dst = dst;
            this.protocol = protocol;
        }

        public Ipv4 tos(int tos) { this.tos = tos; return this; }
        public Ipv4 ttl(int ttl) { this.ttl = ttl; return this; }
        public Ipv4 id(int id) { this.id = id; return this; }
        public Ipv4 dontFragment() { flags |= 0b010; return this; }
        public Ipv4 moreFragments() { flags |= 0b001; return this; }
        public Ipv4 reservedFlag() { flags |= 0b100; return this; }
        /** In bytes; must be a multiple of 8. */
        public Ipv4 fragmentOffset(int bytes) { fragmentOffset = bytes / 8; return this; }
        /** Raw option bytes, padded here to a multiple of 4. */
        public Ipv4 options(byte[] options) {
            this.options = java.util.Arrays.copyOf(options, (options.length + 3) / 4 * 4);
            return this;
        }

        public byte[] wrap(byte[] payload) {
            int headerLen = 20 + options.length;
            byte[] header = new Bytes().u8(0x40 | headerLen / 4).u8(tos).u16(headerLen + payload.length)
                    .u16(id).u16(flags << 13 | fragmentOffset).u8(ttl).u8(protocol).u16(0)
                    .raw(ip(src)).raw(ip(dst)).raw(options).build();
            int sum = 0;
            for (int i = 0; i < header.length; i += 2) {
                sum += (header[i] & 0xff) << 8 | header[i + 1] & 0xff;
            }
            sum = ~((sum & 0xffff) + (sum >>> 16)) & 0xffff;
            header[10] = (byte) (sum >>> 8);
            header[11] = (byte) sum;
            return new Bytes().raw(header).raw(payload).build();
        }
    }

    /** An IPv6 header, optionally with extension headers, around a payload. */
    public static final class Ipv6 {
        private final String src;
        private final String dst;
        private final int next;
        private int trafficClass;
        private int label;
        private int hopLimit = 64;
        private final Bytes extensions = new Bytes();
        private int firstNext = -1;
        private int lastExtensionNextAt = -1;

        private Ipv6(String src, String dst, int next) {
            this.src = src;
            this.dst = dst;
            this.next = next;
        }

        public Ipv6 trafficClass(int trafficClass) { this.trafficClass = trafficClass; return this; }
        public Ipv6 label(int label) { this.label = label; return this; }
        public Ipv6 hopLimit(int hopLimit) { this.hopLimit = hopLimit; return this; }

        /** Hop-by-hop (0), routing (43) or destination options (60): {@code 8 * units} bytes of padding. */
        public Ipv6 extension(int type, int units) {
            return chain(type, new Bytes().u8(0).u8(units - 1).raw(new byte[8 * units - 2]).build());
        }

        public Ipv6 fragment(int offsetBytes, boolean more, int id) {
            return chain(44, new Bytes().u8(0).u8(0).u16(offsetBytes / 8 << 3 | (more ? 1 : 0)).u32(id).build());
        }

        private Ipv6 chain(int type, byte[] header) {
            if (firstNext < 0) {
                firstNext = type;
            } else {
                extensions.set(lastExtensionNextAt, type);
            }
            lastExtensionNextAt = extensions.size();
            extensions.raw(header);
            return this;
        }

        public byte[] wrap(byte[] payload) {
            byte[] exts = extensions.build();
            if (lastExtensionNextAt >= 0) {
                exts[lastExtensionNextAt] = (byte) next;
            }
            return new Bytes().u32(6L << 28 | (long) trafficClass << 20 | label)
                    .u16(exts.length + payload.length).u8(firstNext < 0 ? next : firstNext).u8(hopLimit)
                    .raw(ip(src)).raw(ip(dst)).raw(exts).raw(payload).build();
        }
    }

    /** A TCP header, flags as tcpdump letters ({@code "S."}), around a payload. */
    public static final class Tcp {
        private final int sport;
        private final int dport;
        private long seq;
        private long ack;
        private int flags;
        private int window = 65535;
        private byte[] options = new byte[0];

        private Tcp(int sport, int dport) {
            this.sport = sport;
            this.dport = dport;
        }

        public Tcp seq(long seq) { this.seq = seq; return this; }
        public Tcp ack(long ack) { this.ack = ack; return this; }
        public Tcp window(int window) { this.window = window; return this; }
        public Tcp flags(String letters) {
            for (char c : letters.toCharArray()) {
                flags |= 1 << "FSRP.UEWe".indexOf(c);
            }
            return this;
        }
        /** Raw option bytes, padded here with end-of-options to a multiple of 4. */
        public Tcp options(byte[] options) {
            this.options = java.util.Arrays.copyOf(options, (options.length + 3) / 4 * 4);
            return this;
        }

        public byte[] wrap(byte[] payload) {
            int headerLen = 20 + options.length;
            return new Bytes().u16(sport).u16(dport).u32(seq).u32(ack)
                    .u8(headerLen / 4 << 4 | flags >>> 8).u8(flags & 0xff).u16(window).u16(0).u16(0)
                    .raw(options).raw(payload).build();
        }
    }

    /** Big-endian byte writer. */
    public static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Bytes u8(int v) { out.write(v); return this; }
        public Bytes u16(int v) { return u8(v >>> 8).u8(v); }
        public Bytes u32(long v) { return u16((int) (v >>> 16)).u16((int) v); }
        public Bytes raw(byte[] bytes) { out.writeBytes(bytes); return this; }
        public Bytes raw(String hex) { return raw(hex(hex)); }
        int size() { return out.size(); }

        void set(int at, int value) {
            byte[] bytes = out.toByteArray();
            bytes[at] = (byte) value;
            out.reset();
            out.writeBytes(bytes);
        }

        public byte[] build() { return out.toByteArray(); }
    }
}
