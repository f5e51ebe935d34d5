package org.jretis.text;

import com.fasterxml.jackson.databind.JsonNode;
import org.jretis.event.json.OvsJson;

/** The {@code ovs} section, by event type, and the {@code ovs-detrace} section. */
final class OvsText {
    // OVS_CT_ATTR flags as Retis names them.
    private static final int CT_COMMIT = 1;
    private static final int CT_FORCE = 1 << 1;
    private static final int CT_NAT_RANGE_PROTO_RANDOM = 1 << 9;
    private static final int CT_NAT_RANGE_PERSISTENT = 1 << 10;
    private static final int CT_NAT_RANGE_PROTO_RANDOM_FULLY = 1 << 11;

    private OvsText() {}

    static void append(JsonNode ovs, Lines lines) {
        StringBuilder out = lines.out();
        switch (ovs.path(OvsJson.EVENT_TYPE).asText()) {
            case OvsJson.UPCALL -> out.append("upcall (").append(command(ovs)).append(") port ")
                    .append(ovs.path(OvsJson.PORT).asLong()).append(" cpu ").append(ovs.path(OvsJson.CPU).asLong());
            case OvsJson.UPCALL_ENQUEUE -> out.append("upcall_enqueue (").append(command(ovs)).append(") (")
                    .append(ovs.path(OvsJson.UPCALL_CPU).asLong()).append('/').append(unsigned(ovs, OvsJson.UPCALL_TS))
                    .append(") q ").append(ovs.path(OvsJson.QUEUE_ID).asLong()).append(" ret ").append(ovs.path(OvsJson.RET).asInt());
            case OvsJson.UPCALL_RETURN -> out.append("upcall_ret (").append(ovs.path(OvsJson.UPCALL_CPU).asLong()).append('/')
                    .append(unsigned(ovs, OvsJson.UPCALL_TS)).append(") ret ").append(ovs.path(OvsJson.RET).asInt());
            case OvsJson.RECV_UPCALL -> out.append("upcall_recv q ").append(ovs.path(OvsJson.QUEUE_ID).asLong())
                    .append(" pkt_size ").append(ovs.path(OvsJson.PKT_SIZE).asLong());
            case OvsJson.FLOW_OPERATION -> out.append("flow_").append(ovs.path(OvsJson.OP_TYPE).asText())
                    .append(" q ").append(ovs.path(OvsJson.QUEUE_ID).asLong())
                    .append(" ts ").append(unsigned(ovs, OvsJson.BATCH_TS))
                    .append(" (").append(ovs.path(OvsJson.BATCH_IDX).asInt()).append(')');
            case OvsJson.ACTION_EXECUTE -> appendAction(ovs, out);
            case OvsJson.FLOW_LOOKUP -> appendLookup(ovs, lines);
            default -> out.append("unknown ovs event ").append(ovs.path(OvsJson.EVENT_TYPE).asText());
        }
    }

    static void appendDetrace(JsonNode detrace, Lines lines) {
        lines.out().append("ufid:").append(ufid(detrace.path(OvsJson.UFID))).append(' ').append(detrace.path(OvsJson.DPFLOW).asText());
        lines.breakLine(0).append("openflow:");
        for (JsonNode flow : detrace.path(OvsJson.OFPFLOWS)) {
            lines.breakLine(2).append(flow.asText());
        }
    }

    private static String command(JsonNode ovs) {
        int cmd = ovs.path(OvsJson.CMD).asInt();
        return switch (cmd) {
            case 0 -> "unspec";
            case 1 -> "miss";
            case 2 -> "action";
            case 3 -> "exec";
            default -> Integer.toString(cmd);
        };
    }

    private static void appendAction(JsonNode ovs, StringBuilder out) {
        long recirc = ovs.path(OvsJson.RECIRC_ID).asLong();
        if (recirc != 0) {
            out.append("[recirc_id 0x").append(Long.toHexString(recirc)).append("] ");
        }
        out.append("exec");
        String action = ovs.path(OvsJson.ACTION).asText(null);
        switch (action == null ? "unspec" : action) {
            case "output" -> out.append(" oport ").append(ovs.path(OvsJson.PORT).asLong());
            case "recirc" -> out.append(" recirc 0x").append(Long.toHexString(ovs.path(OvsJson.ID).asLong()));
            case "ct" -> appendCtAction(ovs, out);
            case "drop" -> out.append(" drop ").append(ovs.path(OvsJson.REASON).asLong());
            case "set" -> out.append(" tunnel_set");
            default -> out.append(' ').append(action == null ? "unspec" : action);
        }
        if (ovs.hasNonNull(OvsJson.QUEUE_ID)) {
            out.append(" q ").append(ovs.get(OvsJson.QUEUE_ID).asLong());
        }
    }

    private static void appendCtAction(JsonNode ovs, StringBuilder out) {
        out.append(" ct zone ").append(ovs.path(OvsJson.ZONE_ID).asInt());
        JsonNode nat = ovs.get(OvsJson.NAT);
        if (nat != null && !nat.isNull()) {
            out.append(" nat(").append(nat.path(OvsJson.NAT_DIR).asText(""));
            if (nat.hasNonNull(OvsJson.NAT_MIN_ADDR)) {
                out.append('=').append(nat.get(OvsJson.NAT_MIN_ADDR).asText());
                if (nat.hasNonNull(OvsJson.NAT_MAX_ADDR)) {
                    out.append('-').append(nat.get(OvsJson.NAT_MAX_ADDR).asText());
                }
            }
            if (nat.hasNonNull(OvsJson.NAT_MIN_PORT)) {
                out.append(':').append(nat.get(OvsJson.NAT_MIN_PORT).asInt());
                if (nat.hasNonNull(OvsJson.NAT_MAX_PORT)) {
                    out.append('-').append(nat.get(OvsJson.NAT_MAX_PORT).asInt());
                }
            }
            out.append(')');
        }
        long flags = ovs.path(OvsJson.FLAGS).asLong();
        StringBuilder names = new StringBuilder();
        flag(names, flags, CT_COMMIT, "commit");
        flag(names, flags, CT_FORCE, "force");
        flag(names, flags, CT_NAT_RANGE_PERSISTENT, "persistent");
        flag(names, flags, CT_NAT_RANGE_PROTO_RANDOM, "hash");
        flag(names, flags, CT_NAT_RANGE_PROTO_RANDOM_FULLY, "random");
        if (!names.isEmpty()) {
            out.append(' ').append(names);
        }
    }

    private static void flag(StringBuilder names, long flags, int bit, String name) {
        if ((flags & bit) != 0) {
            names.append(names.isEmpty() ? "" : ",").append(name);
        }
    }

    private static void appendLookup(JsonNode ovs, Lines lines) {
        StringBuilder out = lines.out();
        long flow = ovs.path(OvsJson.FLOW).asLong();
        if (flow == 0) {
            out.append("flow miss mask ").append(ovs.path(OvsJson.N_MASK_HIT).asLong())
                    .append(" cache ").append(ovs.path(OvsJson.N_CACHE_HIT).asLong());
            return;
        }
        out.append("flow hit ufid ").append(ufid(ovs.path(OvsJson.UFID)))
                .append(" mask ").append(ovs.path(OvsJson.N_MASK_HIT).asLong())
                .append(" cache ").append(ovs.path(OvsJson.N_CACHE_HIT).asLong())
                .append(" flow ").append(Long.toHexString(flow))
                .append(" sf_acts ").append(Long.toHexString(ovs.path(OvsJson.SF_ACTS).asLong()));
        String dpflow = ovs.path(OvsJson.DPFLOW).asText("");
        if (!dpflow.isEmpty()) {
            lines.breakLine(0).append("odpflow ").append(dpflow);
        }
        if (!ovs.path(OvsJson.OFPFLOWS).isEmpty()) {
            lines.breakLine(0).append("openflow");
            for (JsonNode ofpflow : ovs.path(OvsJson.OFPFLOWS)) {
                lines.breakLine(2).append(ofpflow.asText());
            }
        }
    }

    /** {@code %08x-%04x-%04x-%04x-%04x%08x} from four 32-bit words. */
    private static String ufid(JsonNode words) {
        long a = words.path(0).asLong();
        long b = words.path(1).asLong();
        long c = words.path(2).asLong();
        long d = words.path(3).asLong();
        return "%08x-%04x-%04x-%04x-%04x%08x".formatted(a, b >>> 16, b & 0xffff, c >>> 16, c & 0xffff, d);
    }

    private static String unsigned(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isBigInteger() ? value.bigIntegerValue().toString() : Long.toUnsignedString(value.asLong());
    }
}
