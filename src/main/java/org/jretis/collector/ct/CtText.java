package org.jretis.collector.ct;

import static org.jretis.collector.ct.CtJson.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Locale;
import org.jretis.collector.TextOut;

/**
 * The {@code ct} section's text, as Retis prints it: state, then the connection (status, both
 * tuples, zone, mark, labels), then the parent connection if any.
 */
final class CtText {

    private CtText() {}

    static void append(JsonNode ct, TextOut lines) {
        StringBuilder out = lines.out();
        out.append("ct_state ").append(ct.path(STATE).asText().toUpperCase(Locale.ROOT)).append(' ');
        appendConnection(ct, out);
        JsonNode parent = ct.get(PARENT);
        if (parent != null && !parent.isNull()) {
            appendConnection(parent, lines.breakLine(0).append("parent ["));
            out.append(']');
        }
    }

    /** Retis' connection text; its odd spacing (a double space when there is no zone) is kept. */
    private static void appendConnection(JsonNode conn, StringBuilder out) {
        out.append("status 0x").append(Long.toHexString(conn.path(STATUS).asLong())).append(' ');
        JsonNode orig = conn.path(ORIG);
        JsonNode reply = conn.path(REPLY);
        String protocol = protocolOf(orig);
        if (protocol != null && protocol.equals(protocolOf(reply))) {
            out.append(protocol);
            if (protocol.equals(TCP) || protocol.equals(SCTP)) {
                out.append(" (").append(conn.path(PROTO_STATE).asText("UNKNOWN")).append(')');
            }
            appendTuple(orig, protocol, out.append(" orig ["));
            appendTuple(reply, protocol, out.append("] reply ["));
            out.append("] ");
        }
        int zone = conn.path(ZONE_ID).asInt();
        switch (conn.path(ZONE_DIR).asText()) {
            case ZONE_ORIGINAL -> out.append("orig-zone ").append(zone);
            case ZONE_REPLY -> out.append("reply-zone ").append(zone);
            case ZONE_DEFAULT -> out.append("zone ").append(zone);
            default -> { }
        }
        if (conn.hasNonNull(MARK)) {
            out.append(" mark ").append(conn.get(MARK).asLong());
        }
        JsonNode labels = conn.get(LABELS);
        if (labels != null && !labels.isNull()) {
            BigInteger value = unsigned(labels.path(HI)).shiftLeft(64).or(unsigned(labels.path(LO)));
            out.append(" labels 0x").append(value.toString(16));
        }
    }

    private static String protocolOf(JsonNode tuple) {
        JsonNode proto = tuple.path(PROTO);
        return proto.isObject() && proto.size() == 1 ? proto.fieldNames().next() : null;
    }

    private static void appendTuple(JsonNode tuple, String protocol, StringBuilder out) {
        JsonNode ip = tuple.path(IP);
        JsonNode fields = tuple.path(PROTO).path(protocol);
        if (protocol.equals(ICMP)) {
            out.append(ip.path(SRC).asText()).append(" > ").append(ip.path(DST).asText())
                    .append(" type ").append(fields.path(TYPE).asInt())
                    .append(" code ").append(fields.path(CODE).asInt())
                    .append(" id ").append(fields.path(ID).asInt());
            return;
        }
        out.append(ip.path(SRC).asText()).append('.').append(fields.path(SPORT).asInt())
                .append(" > ").append(ip.path(DST).asText()).append('.').append(fields.path(DPORT).asInt());
        if (protocol.equals(SCTP)) {
            out.append(" vtag 0x").append(Long.toHexString(fields.path(VTAG).asLong()));
        }
    }

    private static BigInteger unsigned(JsonNode number) {
        return number.isBigInteger() ? number.bigIntegerValue() : new BigInteger(Long.toUnsignedString(number.asLong()));
    }
}
