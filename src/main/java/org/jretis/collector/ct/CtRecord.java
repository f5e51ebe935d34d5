package org.jretis.collector.ct;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;
import static org.jretis.collector.ct.CtJson.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.Map;
import org.jretis.collector.RecordPart;
import org.jretis.packet.Addresses;

/**
 * Reads {@code struct ct_part} (src/main/bpf/ct.h) into the {@code ct} section. The offsets
 * below are checked against the compiled object's BTF by CtRecordLayoutTest.
 */
final class CtRecord implements RecordPart {
    // struct ct_part
    static final int STATE_AT = 0;
    static final int HAS_PARENT_AT = 1;
    static final int CONN_AT = 8;
    static final int PARENT_AT = 128;
    static final int PART_SIZE = 248;
    // struct ct_conn
    static final int CONN_STATUS = 0;
    static final int CONN_MARK = 8;
    static final int CONN_ZONE_ID = 12;
    static final int CONN_ZONE_DIR = 14;
    static final int CONN_L3 = 15;
    static final int CONN_L4 = 16;
    static final int CONN_PROTO_STATE = 17;
    static final int CONN_FLAGS = 18;
    static final int CONN_LABELS = 24;
    static final int CONN_ORIG = 40;
    static final int CONN_REPLY = 80;
    static final int CONN_SIZE = 120;
    // struct ct_tuple
    static final int TUPLE_SRC = 0;
    static final int TUPLE_DST = 16;
    static final int TUPLE_SPORT = 32;
    static final int TUPLE_DPORT = 34;
    static final int TUPLE_VTAG = 36;
    static final int TUPLE_SIZE = 40;

    private static final int HAS_MARK = 1;
    private static final int NFPROTO_IPV4 = 2;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int IPPROTO_SCTP = 132;
    /** NF_CT_ZONE_DIR_ORIG and _REPL (nf_conntrack_zones_common.h). */
    private static final int ZONE_DIR_ORIG = 1;
    private static final int ZONE_DIR_REPL = 2;
    /** enum ip_conntrack_info values, by Retis' names (IP_CT_NEW_REPLY does not occur). */
    private static final String[] STATES = {"established", "related", "new", "reply", "related_reply", null, null, "untracked"};

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Map<Long, String> tcpStates;
    private final Map<Long, String> sctpStates;

    /** @param tcpStates, sctpStates the kernel's enum tcp_conntrack / sctp_conntrack names, prefixes stripped */
    CtRecord(Map<Long, String> tcpStates, Map<Long, String> sctpStates) {
        this.tcpStates = tcpStates;
        this.sctpStates = sctpStates;
    }

    @Override
    public int size() {
        return PART_SIZE;
    }

    @Override
    public JsonNode decode(MemorySegment record, long at) {
        ObjectNode ct = nodes.objectNode();
        int state = u8(record, at + STATE_AT);
        ct.put(STATE, state < STATES.length && STATES[state] != null ? STATES[state] : "untracked");
        connection(record, at + CONN_AT, ct);
        if (u8(record, at + HAS_PARENT_AT) != 0) {
            connection(record, at + PARENT_AT, ct.putObject(PARENT));
        }
        return ct;
    }

    /** The fields of a connection, in Retis' order. */
    private void connection(MemorySegment record, long at, ObjectNode conn) {
        int dir = u8(record, at + CONN_ZONE_DIR);
        conn.put(ZONE_ID, Short.toUnsignedInt(record.get(JAVA_SHORT_UNALIGNED, at + CONN_ZONE_ID)));
        conn.put(ZONE_DIR, switch (dir & (ZONE_DIR_ORIG | ZONE_DIR_REPL)) {
            case ZONE_DIR_ORIG | ZONE_DIR_REPL -> ZONE_DEFAULT;
            case ZONE_DIR_ORIG -> ZONE_ORIGINAL;
            case ZONE_DIR_REPL -> ZONE_REPLY;
            default -> ZONE_NONE;
        });
        boolean v4 = u8(record, at + CONN_L3) == NFPROTO_IPV4;
        int l4 = u8(record, at + CONN_L4);
        tuple(record, at + CONN_ORIG, v4, l4, conn.putObject(ORIG));
        tuple(record, at + CONN_REPLY, v4, l4, conn.putObject(REPLY));
        long protoState = u8(record, at + CONN_PROTO_STATE);
        if (l4 == IPPROTO_TCP) {
            conn.put(PROTO_STATE, tcpStates.getOrDefault(protoState, Long.toString(protoState)));
        } else if (l4 == IPPROTO_SCTP) {
            conn.put(PROTO_STATE, sctpStates.getOrDefault(protoState, Long.toString(protoState)));
        }
        if ((u8(record, at + CONN_FLAGS) & HAS_MARK) != 0) {
            conn.put(MARK, Integer.toUnsignedLong(record.get(JAVA_INT_UNALIGNED, at + CONN_MARK)));
        }
        long lo = record.get(JAVA_LONG_UNALIGNED, at + CONN_LABELS);
        long hi = record.get(JAVA_LONG_UNALIGNED, at + CONN_LABELS + 8);
        if (lo != 0 || hi != 0) {
            ObjectNode labels = conn.putObject(LABELS);
            labels.put(HI, unsigned(hi));
            labels.put(LO, unsigned(lo));
        }
        long status = record.get(JAVA_LONG_UNALIGNED, at + CONN_STATUS);
        conn.put(STATUS, unsigned(status));
    }

    private void tuple(MemorySegment record, long at, boolean v4, int l4, ObjectNode tuple) {
        ObjectNode ip = tuple.putObject(IP);
        ip.put(SRC, address(record, at + TUPLE_SRC, v4));
        ip.put(DST, address(record, at + TUPLE_DST, v4));
        ip.put(VERSION, v4 ? "v4" : "v6");
        ObjectNode proto = tuple.putObject(PROTO);
        int sport = network16(record, at + TUPLE_SPORT);
        int dport = network16(record, at + TUPLE_DPORT);
        switch (l4) {
            case IPPROTO_TCP, IPPROTO_UDP -> {
                ObjectNode ports = proto.putObject(l4 == IPPROTO_TCP ? TCP : UDP);
                ports.put(SPORT, sport);
                ports.put(DPORT, dport);
            }
            case IPPROTO_SCTP -> {
                ObjectNode ports = proto.putObject(SCTP);
                ports.put(SPORT, sport);
                ports.put(DPORT, dport);
                ports.put(VTAG, Integer.toUnsignedLong(Integer.reverseBytes(record.get(JAVA_INT_UNALIGNED, at + TUPLE_VTAG))));
            }
            default -> { // ICMP and ICMPv6: dport holds type << 8 | code in host order
                int typeCode = Short.toUnsignedInt(record.get(JAVA_SHORT_UNALIGNED, at + TUPLE_DPORT));
                ObjectNode icmp = proto.putObject(ICMP);
                icmp.put(CODE, typeCode & 0xff);
                icmp.put(TYPE, typeCode >>> 8);
                icmp.put(ID, sport);
            }
        }
    }

    private static String address(MemorySegment record, long at, boolean v4) {
        byte[] bytes = new byte[v4 ? 4 : 16];
        MemorySegment.copy(record, JAVA_BYTE, at, bytes, 0, bytes.length);
        StringBuilder out = new StringBuilder(v4 ? 15 : 39);
        if (v4) {
            Addresses.appendIpv4(out, bytes, 0);
        } else {
            Addresses.appendIpv6(out, bytes, 0);
        }
        return out.toString();
    }

    private JsonNode unsigned(long value) {
        return value >= 0 ? nodes.numberNode(value) : nodes.numberNode(new BigInteger(Long.toUnsignedString(value)));
    }

    private static int network16(MemorySegment record, long at) {
        return Short.toUnsignedInt(Short.reverseBytes(record.get(JAVA_SHORT_UNALIGNED, at)));
    }

    private static int u8(MemorySegment record, long at) {
        return Byte.toUnsignedInt(record.get(JAVA_BYTE, at));
    }
}
