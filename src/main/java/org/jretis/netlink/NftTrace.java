package org.jretis.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One nftables trace message (NFT_MSG_TRACE, include/uapi/linux/netfilter/nf_tables.h's
 * {@code enum nft_trace_attributes}), as the kernel sends it to the NFNLGRP_NFTRACE group of a
 * network namespace for a packet whose {@code nf_trace} is set: one per rule that matched with
 * a verdict, chain return and base chain policy. Absent attributes are null.
 *
 * @param family          the table's family (NFPROTO_*, e.g. 1 inet, 2 ip, 10 ip6)
 * @param type            {@link #POLICY}, {@link #RETURN} or {@link #RULE}
 * @param verdictCode     NFTA_VERDICT_CODE (nf_tables verdicts: NF_DROP 0, NF_ACCEPT 1, NFT_JUMP -3...)
 * @param policy          the base chain's policy (NF_DROP/NF_ACCEPT), on {@link #POLICY} traces
 * @param id              a hash of the skb, the same for all traces of one packet in one pass
 * @param nfproto         the hook's protocol (NFPROTO_IPV4 in an inet table)
 * @param networkHeader   up to 40 bytes from the network header
 * @param transportHeader up to 20 bytes from the transport header
 */
public record NftTrace(int family, String table, String chain, Long ruleHandle, int type, Integer verdictCode,
                       String verdictChain, Integer policy, long id, Integer iif, Integer oif, Integer mark,
                       Integer nfproto, byte[] linkHeader, byte[] networkHeader, byte[] transportHeader) {
    public static final int POLICY = 1;
    public static final int RETURN = 2;
    public static final int RULE = 3;

    /** NFNLGRP_NFTRACE, the multicast group of the traces. */
    public static final int GROUP = 9;
    /** (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_TRACE. */
    static final int MESSAGE_TYPE = (10 << 8) | 17;

    private static final int NLMSG_HDRLEN = 16;
    private static final int NFGENMSG_LEN = 4;
    private static final int NLA_TYPE_MASK = 0x3fff;

    // enum nft_trace_attributes
    private static final int TABLE = 1;
    private static final int CHAIN = 2;
    private static final int RULE_HANDLE = 3;
    private static final int TYPE = 4;
    private static final int VERDICT = 5;
    private static final int ID = 6;
    private static final int LL_HEADER = 7;
    private static final int NETWORK_HEADER = 8;
    private static final int TRANSPORT_HEADER = 9;
    private static final int IIF = 10;
    private static final int OIF = 12;
    private static final int MARK = 14;
    private static final int NFPROTO = 15;
    private static final int POLICY_ATTR = 16;
    // enum nft_verdict_attributes
    private static final int VERDICT_CODE = 1;
    private static final int VERDICT_CHAIN = 2;

    /**
     * The trace messages of one datagram ({@code length} bytes of {@code datagram}); other
     * messages are skipped. A truncated message or attribute ends the datagram's reading with an
     * {@link IllegalArgumentException} naming the offset.
     */
    public static List<NftTrace> parse(byte[] datagram, int length) {
        // Netlink headers are in host order (little-endian here); nftables attributes in network order.
        ByteBuffer buf = ByteBuffer.wrap(datagram, 0, length).order(ByteOrder.nativeOrder());
        List<NftTrace> traces = new ArrayList<>();
        int at = 0;
        while (at + NLMSG_HDRLEN <= length) {
            int len = buf.getInt(at);
            int type = buf.getShort(at + 4) & 0xffff;
            if (len < NLMSG_HDRLEN || at + len > length) {
                throw new IllegalArgumentException("netlink message at offset " + at + " has length " + len
                        + " in a datagram of " + length + " bytes");
            }
            if (type == MESSAGE_TYPE && len >= NLMSG_HDRLEN + NFGENMSG_LEN) {
                traces.add(parseTrace(datagram, at + NLMSG_HDRLEN, at + len));
            }
            at += align(len);
        }
        return traces;
    }

    private static NftTrace parseTrace(byte[] data, int start, int end) {
        Builder b = new Builder();
        b.family = data[start] & 0xff;
        Attributes attrs = new Attributes(data, start + NFGENMSG_LEN, end);
        while (attrs.next()) {
            switch (attrs.type) {
                case TABLE -> b.table = attrs.string();
                case CHAIN -> b.chain = attrs.string();
                case RULE_HANDLE -> b.ruleHandle = attrs.be64();
                case TYPE -> b.type = attrs.be32();
                case VERDICT -> {
                    Attributes verdict = attrs.nested();
                    while (verdict.next()) {
                        switch (verdict.type) {
                            case VERDICT_CODE -> b.verdictCode = verdict.be32();
                            case VERDICT_CHAIN -> b.verdictChain = verdict.string();
                            default -> { }
                        }
                    }
                }
                case ID -> b.id = attrs.be32() & 0xffffffffL;
                case LL_HEADER -> b.linkHeader = attrs.bytes();
                case NETWORK_HEADER -> b.networkHeader = attrs.bytes();
                case TRANSPORT_HEADER -> b.transportHeader = attrs.bytes();
                case IIF -> b.iif = attrs.be32();
                case OIF -> b.oif = attrs.be32();
                case MARK -> b.mark = attrs.be32();
                case NFPROTO -> b.nfproto = attrs.be32();
                case POLICY_ATTR -> b.policy = attrs.be32();
                default -> { }
            }
        }
        if (b.table == null || b.chain == null || b.type == 0) {
            throw new IllegalArgumentException("nftables trace without table, chain or type at offset " + start);
        }
        return new NftTrace(b.family, b.table, b.chain, b.ruleHandle, b.type, b.verdictCode, b.verdictChain,
                b.policy, b.id, b.iif, b.oif, b.mark, b.nfproto, b.linkHeader, b.networkHeader, b.transportHeader);
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    private static final class Builder {
        int family;
        String table;
        String chain;
        Long ruleHandle;
        int type;
        Integer verdictCode;
        String verdictChain;
        Integer policy;
        long id;
        Integer iif;
        Integer oif;
        Integer mark;
        Integer nfproto;
        byte[] linkHeader;
        byte[] networkHeader;
        byte[] transportHeader;
    }

    /** A cursor over the {@code struct nlattr}s between two offsets. */
    private static final class Attributes {
        private final byte[] data;
        private final ByteBuffer order;
        private final int end;
        private int next;
        int type;
        int valueAt;
        int valueLength;

        Attributes(byte[] data, int start, int end) {
            this.data = data;
            this.order = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
            this.next = start;
            this.end = end;
        }

        boolean next() {
            if (next + 4 > end) {
                return false;
            }
            int len = order.getShort(next) & 0xffff;
            if (len < 4 || next + len > end) {
                throw new IllegalArgumentException("netlink attribute at offset " + next + " has length " + len);
            }
            type = (order.getShort(next + 2) & 0xffff) & NLA_TYPE_MASK;
            valueAt = next + 4;
            valueLength = len - 4;
            next += align(len);
            return true;
        }

        Attributes nested() {
            return new Attributes(data, valueAt, valueAt + valueLength);
        }

        String string() {
            int n = 0;
            while (n < valueLength && data[valueAt + n] != 0) {
                n++;
            }
            return new String(data, valueAt, n, StandardCharsets.UTF_8);
        }

        int be32() {
            require(4);
            return ByteBuffer.wrap(data, valueAt, 4).order(ByteOrder.BIG_ENDIAN).getInt();
        }

        long be64() {
            require(8);
            return ByteBuffer.wrap(data, valueAt, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        }

        byte[] bytes() {
            byte[] copy = new byte[valueLength];
            System.arraycopy(data, valueAt, copy, 0, valueLength);
            return copy;
        }

        private void require(int n) {
            if (valueLength < n) {
                throw new IllegalArgumentException("netlink attribute " + type + " at offset " + (valueAt - 4)
                        + " has " + valueLength + " bytes, expected " + n);
            }
        }
    }
}
