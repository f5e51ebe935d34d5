package org.jretis.collector.ct;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.jretis.event.Event;
import org.jretis.text.EventFormatter;
import org.junit.jupiter.api.Test;

/** ct parts as the probe writes them, read into Retis' JSON and text. */
class CtRecordTest {
    private static final CtRecord RECORD = new CtRecord(Map.of(3L, "ESTABLISHED"), Map.of(4L, "ESTABLISHED"));
    private static final int AT = 16; // a part never starts at a record's first byte

    @Test
    void ipv6TcpWithLabelsMarkOriginZoneAndParent() throws Exception {
        ByteBuffer part = part(1, true);
        conn(part, CtRecord.CONN_AT, 0x188, 7, 3, 1, 10, 6, 3, true, 1, 2);
        tuple(part, CtRecord.CONN_AT + CtRecord.CONN_ORIG, v6(1), v6(2), 40000, 21, 0);
        tuple(part, CtRecord.CONN_AT + CtRecord.CONN_REPLY, v6(2), v6(1), 21, 40000, 0);
        conn(part, CtRecord.PARENT_AT, 0x8, 0, 0, 3, 10, 6, 3, false, 0, 0);
        tuple(part, CtRecord.PARENT_AT + CtRecord.CONN_ORIG, v6(1), v6(0xffff_0a00_0001L), 39999, 21, 0);
        tuple(part, CtRecord.PARENT_AT + CtRecord.CONN_REPLY, v6(0xffff_0a00_0001L), v6(1), 21, 39999, 0);
        JsonNode ct = RECORD.decode(MemorySegment.ofArray(part.array()), AT);
        assertThat(new ObjectMapper().writeValueAsString(ct)).isEqualTo("{\"state\":\"related\",\"zone_id\":3,"
                + "\"zone_dir\":\"Original\",\"orig\":{\"ip\":{\"src\":\"2001:db8::1\",\"dst\":\"2001:db8::2\",\"version\":\"v6\"},"
                + "\"proto\":{\"tcp\":{\"sport\":40000,\"dport\":21}}},\"reply\":{\"ip\":{\"src\":\"2001:db8::2\","
                + "\"dst\":\"2001:db8::1\",\"version\":\"v6\"},\"proto\":{\"tcp\":{\"sport\":21,\"dport\":40000}}},"
                + "\"proto_state\":\"ESTABLISHED\",\"mark\":7,\"labels\":{\"hi\":2,\"lo\":1},\"ct_status\":392,"
                + "\"parent\":{\"zone_id\":0,\"zone_dir\":\"Default\",\"orig\":{\"ip\":{\"src\":\"2001:db8::1\","
                + "\"dst\":\"2001:db8::ffff:a00:1\",\"version\":\"v6\"},\"proto\":{\"tcp\":{\"sport\":39999,\"dport\":21}}},"
                + "\"reply\":{\"ip\":{\"src\":\"2001:db8::ffff:a00:1\",\"dst\":\"2001:db8::1\",\"version\":\"v6\"},"
                + "\"proto\":{\"tcp\":{\"sport\":21,\"dport\":39999}}},\"proto_state\":\"ESTABLISHED\",\"ct_status\":8}}");
        assertThat(text(ct)).isEqualTo("ct_state RELATED status 0x188 tcp (ESTABLISHED) orig [2001:db8::1.40000 > 2001:db8::2.21]"
                + " reply [2001:db8::2.21 > 2001:db8::1.40000] orig-zone 3 mark 7 labels 0x20000000000000001\n"
                + "  parent [status 0x8 tcp (ESTABLISHED) orig [2001:db8::1.39999 > 2001:db8::ffff:a00:1.21]"
                + " reply [2001:db8::ffff:a00:1.21 > 2001:db8::1.39999] zone 0]");
    }

    @Test
    void ipv4IcmpWithoutMarkSupportAndSctpStates() throws Exception {
        ByteBuffer part = part(2, false);
        conn(part, CtRecord.CONN_AT, 0x188, 0, 0, 3, 2, 1, 0, false, 0, 0);
        tuple(part, CtRecord.CONN_AT + CtRecord.CONN_ORIG, v4(10, 0, 0, 1), v4(10, 0, 0, 2), 0x1234, 0x0800, 0);
        tuple(part, CtRecord.CONN_AT + CtRecord.CONN_REPLY, v4(10, 0, 0, 2), v4(10, 0, 0, 1), 0x1234, 0, 0);
        // ICMP type and code: type << 8 | code in host order, not a port
        part.putShort(AT + CtRecord.CONN_AT + CtRecord.CONN_ORIG + CtRecord.TUPLE_DPORT, (short) 0x0800);
        JsonNode ct = RECORD.decode(MemorySegment.ofArray(part.array()), AT);
        assertThat(text(ct)).isEqualTo("ct_state NEW status 0x188 icmp orig [10.0.0.1 > 10.0.0.2 type 8 code 0 id 4660]"
                + " reply [10.0.0.2 > 10.0.0.1 type 0 code 0 id 4660] zone 0");

        ByteBuffer sctp = part(0, false);
        conn(sctp, CtRecord.CONN_AT, 0xe, 0, 0, 3, 2, 132, 4, true, 0, 0);
        tuple(sctp, CtRecord.CONN_AT + CtRecord.CONN_ORIG, v4(10, 0, 0, 1), v4(10, 0, 0, 2), 5000, 36412, 0xdeadbeefL);
        tuple(sctp, CtRecord.CONN_AT + CtRecord.CONN_REPLY, v4(10, 0, 0, 2), v4(10, 0, 0, 1), 36412, 5000, 0x01020304L);
        assertThat(text(RECORD.decode(MemorySegment.ofArray(sctp.array()), AT))).isEqualTo(
                "ct_state ESTABLISHED status 0xe sctp (ESTABLISHED) orig [10.0.0.1.5000 > 10.0.0.2.36412 vtag 0xdeadbeef]"
                + " reply [10.0.0.2.36412 > 10.0.0.1.5000 vtag 0x1020304] zone 0 mark 0");
    }

    private static String text(JsonNode ct) {
        Event event = new Event();
        event.others.put("ct", ct);
        StringBuilder out = new StringBuilder();
        new EventFormatter(EventFormatter.Format.MULTI_LINE, true, false).format(event, out);
        return out.toString();
    }

    private static ByteBuffer part(int state, boolean parent) {
        ByteBuffer b = ByteBuffer.allocate(AT + CtRecord.PART_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(AT + CtRecord.STATE_AT, (byte) state);
        b.put(AT + CtRecord.HAS_PARENT_AT, (byte) (parent ? 1 : 0));
        return b;
    }

    private static void conn(ByteBuffer b, int at, long status, int mark, int zone, int zoneDir, int l3, int l4,
            int protoState, boolean hasMark, long labelsLo, long labelsHi) {
        int c = AT + at;
        b.putLong(c + CtRecord.CONN_STATUS, status);
        b.putInt(c + CtRecord.CONN_MARK, mark);
        b.putShort(c + CtRecord.CONN_ZONE_ID, (short) zone);
        b.put(c + CtRecord.CONN_ZONE_DIR, (byte) zoneDir);
        b.put(c + CtRecord.CONN_L3, (byte) l3);
        b.put(c + CtRecord.CONN_L4, (byte) l4);
        b.put(c + CtRecord.CONN_PROTO_STATE, (byte) protoState);
        b.put(c + CtRecord.CONN_FLAGS, (byte) (hasMark ? 1 : 0));
        b.putLong(c + CtRecord.CONN_LABELS, labelsLo);
        b.putLong(c + CtRecord.CONN_LABELS + 8, labelsHi);
    }

    /** Ports and the SCTP tag in network order, as conntrack keeps them. */
    private static void tuple(ByteBuffer b, int at, byte[] src, byte[] dst, int sport, int dport, long vtag) {
        int t = AT + at;
        b.put(t + CtRecord.TUPLE_SRC, src);
        b.put(t + CtRecord.TUPLE_DST, dst);
        b.putShort(t + CtRecord.TUPLE_SPORT, Short.reverseBytes((short) sport));
        b.putShort(t + CtRecord.TUPLE_DPORT, Short.reverseBytes((short) dport));
        b.putInt(t + CtRecord.TUPLE_VTAG, Integer.reverseBytes((int) vtag));
    }

    /** 2001:db8::{low}. */
    private static byte[] v6(long low) {
        ByteBuffer a = ByteBuffer.allocate(16);
        a.putShort((short) 0x2001).putShort((short) 0xdb8).putInt(0).putLong(low);
        return a.array();
    }

    private static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }
}
