package org.jretis.text;

import com.fasterxml.jackson.databind.JsonNode;

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
        switch (ovs.path("event_type").asText()) {
            case "upcall" -> out.append("upcall (").append(command(ovs)).append(") port ")
                    .append(ovs.path("port").asLong()).append(" cpu ").append(ovs.path("cpu").asLong());
            case "upcall_enqueue" -> out.append("upcall_enqueue (").append(command(ovs)).append(") (")
                    .append(ovs.path("upcall_cpu").asLong()).append('/').append(unsigned(ovs, "upcall_ts"))
                    .append(") q ").append(ovs.path("queue_id").asLong()).append(" ret ").append(ovs.path("ret").asInt());
            case "upcall_return" -> out.append("upcall_ret (").append(ovs.path("upcall_cpu").asLong()).append('/')
                    .append(unsigned(ovs, "upcall_ts")).append(") ret ").append(ovs.path("ret").asInt());
            case "recv_upcall" -> out.append("upcall_recv q ").append(ovs.path("queue_id").asLong())
                    .append(" pkt_size ").append(ovs.path("pkt_size").asLong());
            case "flow_operation" -> out.append("flow_").append(ovs.path("op_type").asText())
                    .append(" q ").append(ovs.path("queue_id").asLong())
                    .append(" ts ").append(unsigned(ovs, "batch_ts"))
                    .append(" (").append(ovs.path("batch_idx").asInt()).append(')');
            case "action_execute" -> appendAction(ovs, out);
            case "flow_lookup" -> appendLookup(ovs, lines);
            default -> out.append("unknown ovs event ").append(ovs.path("event_type").asText());
        }
    }

    static void appendDetrace(JsonNode detrace, Lines lines) {
        lines.out().append("ufid:").append(ufid(detrace.path("ufid"))).append(' ').append(detrace.path("dpflow").asText());
        lines.breakLine(0).append("openflow:");
        for (JsonNode flow : detrace.path("ofpflows")) {
            lines.breakLine(2).append(flow.asText());
        }
    }

    private static String command(JsonNode ovs) {
        int cmd = ovs.path("cmd").asInt();
        return switch (cmd) {
            case 0 -> "unspec";
            case 1 -> "miss";
            case 2 -> "action";
            case 3 -> "exec";
            default -> Integer.toString(cmd);
        };
    }

    private static void appendAction(JsonNode ovs, StringBuilder out) {
        long recirc = ovs.path("recirc_id").asLong();
        if (recirc != 0) {
            out.append("[recirc_id 0x").append(Long.toHexString(recirc)).append("] ");
        }
        out.append("exec");
        String action = ovs.path("action").asText(null);
        switch (action == null ? "unspec" : action) {
            case "output" -> out.append(" oport ").append(ovs.path("port").asLong());
            case "recirc" -> out.append(" recirc 0x").append(Long.toHexString(ovs.path("id").asLong()));
            case "ct" -> appendCtAction(ovs, out);
            case "drop" -> out.append(" drop ").append(ovs.path("reason").asLong());
            case "set" -> out.append(" tunnel_set");
            default -> out.append(' ').append(action == null ? "unspec" : action);
        }
        if (ovs.hasNonNull("queue_id")) {
            out.append(" q ").append(ovs.get("queue_id").asLong());
        }
    }

    private static void appendCtAction(JsonNode ovs, StringBuilder out) {
        out.append(" ct zone ").append(ovs.path("zone_id").asInt());
        JsonNode nat = ovs.get("nat");
        if (nat != null && !nat.isNull()) {
            out.append(" nat(").append(nat.path("dir").asText(""));
            if (nat.hasNonNull("min_addr")) {
                out.append('=').append(nat.get("min_addr").asText());
                if (nat.hasNonNull("max_addr")) {
                    out.append('-').append(nat.get("max_addr").asText());
                }
            }
            if (nat.hasNonNull("min_port")) {
                out.append(':').append(nat.get("min_port").asInt());
                if (nat.hasNonNull("max_port")) {
                    out.append('-').append(nat.get("max_port").asInt());
                }
            }
            out.append(')');
        }
        long flags = ovs.path("flags").asLong();
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
        long flow = ovs.path("flow").asLong();
        if (flow == 0) {
            out.append("flow miss mask ").append(ovs.path("n_mask_hit").asLong())
                    .append(" cache ").append(ovs.path("n_cache_hit").asLong());
            return;
        }
        out.append("flow hit ufid ").append(ufid(ovs.path("ufid")))
                .append(" mask ").append(ovs.path("n_mask_hit").asLong())
                .append(" cache ").append(ovs.path("n_cache_hit").asLong())
                .append(" flow ").append(Long.toHexString(flow))
                .append(" sf_acts ").append(Long.toHexString(ovs.path("sf_acts").asLong()));
        String dpflow = ovs.path("dpflow").asText("");
        if (!dpflow.isEmpty()) {
            lines.breakLine(0).append("odpflow ").append(dpflow);
        }
        if (!ovs.path("ofpflows").isEmpty()) {
            lines.breakLine(0).append("openflow");
            for (JsonNode ofpflow : ovs.path("ofpflows")) {
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
