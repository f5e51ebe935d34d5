package org.jretis.collector.ct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.collector.RecordPart;
import org.jretis.collector.TextOut;
import org.jretis.collector.Unit;
import org.jretis.log.Log;

/**
 * The {@code ct} collector: the packet's conntrack entry ({@code skb->_nfct}) at every probe.
 * BPF part: src/main/bpf/ct.h; record: {@link CtRecord}; names: {@link CtJson}; text:
 * {@link CtText}; schema: schema.json beside this class.
 */
public final class Ct implements Unit {
    public static final Ct UNIT = new Ct();
    /** Present when conntrack is built in (it has parameters) or its module is loaded. */
    private static final Path CONNTRACK = Path.of("/sys/module/nf_conntrack");
    /** SEC_CT and EV_HAS_CT of event.h. */
    private static final int SEC_CT = 1 << 8;
    private static final int EV_HAS_CT = 1 << 13;

    private Ct() {}

    @Override
    public String section() {
        return "ct";
    }

    @Override
    public String collector() {
        return "ct";
    }

    @Override
    public String cannotRun() {
        return Files.isDirectory(CONNTRACK) ? null
                : "This kernel does not support connection tracking (nf_conntrack neither built in nor loaded)";
    }

    @Override
    public int probeBit() {
        return SEC_CT;
    }

    @Override
    public int recordFlag() {
        return EV_HAS_CT;
    }

    @Override
    public RecordPart recordPart(Btf kernel) {
        return new CtRecord(states(kernel, "tcp_conntrack", "TCP_CONNTRACK_"),
                states(kernel, "sctp_conntrack", "SCTP_CONNTRACK_"));
    }

    /** Retis 1.6 called proto_state tcp_state. */
    @Override
    public JsonNode upgrade(JsonNode section) {
        if (section instanceof ObjectNode ct) {
            renameTcpState(ct);
            if (ct.get(CtJson.PARENT) instanceof ObjectNode parent) {
                renameTcpState(parent);
            }
        }
        return section;
    }

    private static void renameTcpState(ObjectNode conn) {
        JsonNode state = conn.remove(CtJson.TCP_STATE_V16);
        if (state != null) {
            conn.set(CtJson.PROTO_STATE, state);
        }
    }

    @Override
    public void appendText(JsonNode section, TextOut out) {
        CtText.append(section, out);
    }

    @Override
    public String schemaResource() {
        return "/org/jretis/collector/ct/schema.json";
    }

    /** An enum's names without their prefix, by value; none when the kernel lacks the enum. */
    private static Map<Long, String> states(Btf kernel, String name, String prefix) {
        Map<Long, String> states = new HashMap<>();
        try {
            kernel.enumValues(name).forEach((v, n) -> states.put(v, n.startsWith(prefix) ? n.substring(prefix.length()) : n));
        } catch (BtfException e) {
            Log.debug("no enum " + name + " in BTF: ct states are shown as numbers");
        }
        return states;
    }
}
