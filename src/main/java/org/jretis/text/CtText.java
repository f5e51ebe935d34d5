package org.jretis.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The {@code ct} section: state, then the connection (status, both tuples, zone, mark, labels),
 * then the parent connection if any.
 */
final class CtText {

    private CtText() {}

    static void append(JsonNode ct, Lines lines) {
        StringBuilder out = lines.out();
        out.append("ct_state ").append(ct.path("state").asText().toUpperCase(Locale.ROOT)).append(' ');
        appendConnection(ct, out);
        JsonNode parent = ct.get("parent");
        if (parent != null && !parent.isNull()) {
            appendConnection(parent, lines.breakLine(0).append("parent ["));
            out.append(']');
        }
    }

    /** Retis' connection text; its odd spacing (a double space when there is no zone) is kept. */
    private static void appendConnection(JsonNode conn, StringBuilder out) {
        out.append("status 0x").append(Long.toHexString(conn.path("ct_status").asLong())).append(' ');
        JsonNode orig = conn.path("orig");
        JsonNode reply = conn.path("reply");
        String protocol = protocolOf(orig);
        if (protocol != null && protocol.equals(protocolOf(reply))) {
            out.append(protocol);
            if (protocol.equals("tcp") || protocol.equals("sctp")) {
                out.append(" (").append(conn.path("proto_state").asText("UNKNOWN")).append(')');
            }
            appendTuple(orig, protocol, out.append(" orig ["));
            appendTuple(reply, protocol, out.append("] reply ["));
            out.append("] ");
        }
        int zone = conn.path("zone_id").asInt();
        switch (conn.path("zone_dir").asText()) {
            case "Original" -> out.append("orig-zone ").append(zone);
            case "Reply" -> out.append("reply-zone ").append(zone);
            case "Default" -> out.append("zone ").append(zone);
            default -> { }
        }
        if (conn.hasNonNull("mark")) {
            out.append(" mark ").append(conn.get("mark").asLong());
        }
        JsonNode labels = conn.get("labels");
        if (labels != null && !labels.isNull()) {
            BigInteger value = unsigned(labels.path("hi")).shiftLeft(64).or(unsigned(labels.path("lo")));
            out.append(" labels 0x").append(value.toString(16));
        }
    }

    private static String protocolOf(JsonNode tuple) {
        JsonNode proto = tuple.path("proto");
        return proto.isObject() && proto.size() == 1 ? proto.fieldNames().next() : null;
    }

    private static void appendTuple(JsonNode tuple, String protocol, StringBuilder out) {
        JsonNode ip = tuple.path("ip");
        JsonNode fields = tuple.path("proto").path(protocol);
        if (protocol.equals("icmp")) {
            out.append(ip.path("src").asText()).append(" > ").append(ip.path("dst").asText())
                    .append(" type ").append(fields.path("type").asInt())
                    .append(" code ").append(fields.path("code").asInt())
                    .append(" id ").append(fields.path("id").asInt());
            return;
        }
        out.append(ip.path("src").asText()).append('.').append(fields.path("sport").asInt())
                .append(" > ").append(ip.path("dst").asText()).append('.').append(fields.path("dport").asInt());
        if (protocol.equals("sctp")) {
            out.append(" vtag 0x").append(Long.toHexString(fields.path("vtag").asLong()));
        }
    }

    private static BigInteger unsigned(JsonNode number) {
        return number.isBigInteger() ? number.bigIntegerValue() : new BigInteger(Long.toUnsignedString(number.asLong()));
    }
}
