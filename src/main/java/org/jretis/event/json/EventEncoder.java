package org.jretis.event.json;

import static org.jretis.event.json.EventJson.*;
import static org.jretis.event.json.EventMapper.MAPPER;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbDropSection;
import org.jretis.event.SkbSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.StartupSection;
import org.jretis.event.TrackingSection;
import org.jretis.event.UserspaceSection;

/**
 * Writes an {@link Event} as one JSON object in Retis' v1.7 layout: sections and fields in Retis'
 * order, absent fields omitted, u64 values as unsigned integers, packet bytes as padded base64.
 */
final class EventEncoder {

    private EventEncoder() {}

    static void write(Event e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < SECTION_ORDER.size(); i++) {
            CoreSection<?> typed = TYPED_IN_ORDER.get(i);
            if (typed == null || !typed.write(e, g)) {
                String name = SECTION_ORDER.get(i);
                JsonNode raw = e.others.get(name);
                if (raw != null) {
                    g.writeFieldName(name);
                    MAPPER.writeTree(g, raw);
                }
            }
        }
        for (Map.Entry<String, JsonNode> other : e.others.entrySet()) {
            if (!SECTION_ORDER.contains(other.getKey())) {
                g.writeFieldName(other.getKey());
                MAPPER.writeTree(g, other.getValue());
            }
        }
        g.writeEndObject();
    }

    static void common(CommonSection c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        u64(g, CommonJson.TIMESTAMP, c.timestamp());
        if (c.smpId() != null) {
            u32(g, CommonJson.SMP_ID, c.smpId());
        }
        if (c.task() != null) {
            g.writeObjectFieldStart(CommonJson.TASK);
            g.writeNumberField(CommonJson.TASK_PID, c.task().pid());
            g.writeNumberField(CommonJson.TASK_TGID, c.task().tgid());
            g.writeStringField(CommonJson.TASK_COMM, c.task().comm());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void kernel(KernelSection k, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(KernelJson.SYMBOL, k.symbol());
        g.writeStringField(KernelJson.PROBE_TYPE, k.probeType());
        if (k.stackTrace() != null) {
            g.writeArrayFieldStart(KernelJson.STACK_TRACE);
            for (String frame : k.stackTrace()) {
                g.writeString(frame);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    static void userspace(UserspaceSection u, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(UserspaceJson.PROBE_TYPE, u.probeType());
        g.writeStringField(UserspaceJson.SYMBOL, u.symbol());
        u64(g, UserspaceJson.IP, u.ip());
        g.writeStringField(UserspaceJson.PATH, u.path());
        g.writeNumberField(UserspaceJson.PID, u.pid());
        g.writeNumberField(UserspaceJson.TID, u.tid());
        g.writeEndObject();
    }

    static void tracking(TrackingSection t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName(TrackingJson.SKB);
        skbTracking(t.skb(), g);
        u32(g, TrackingJson.IDX, t.idx());
        g.writeEndObject();
    }

    static void skbTracking(SkbTrackingSection s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        u64(g, SkbTrackingJson.ORIG_HEAD, s.origHead());
        u64(g, SkbTrackingJson.TIMESTAMP, s.timestamp());
        u64(g, SkbTrackingJson.SKB, s.skb());
        g.writeEndObject();
    }

    static void skbDrop(SkbDropSection d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (d.subsys() != null) {
            g.writeStringField(SkbDropJson.SUBSYS, d.subsys());
        }
        g.writeStringField(SkbDropJson.DROP_REASON, d.dropReason());
        g.writeEndObject();
    }

    static void packet(PacketSection p, JsonGenerator g) throws IOException {
        g.writeStartObject();
        u32(g, PacketJson.LEN, p.len());
        u32(g, PacketJson.CAPTURE_LEN, p.captureLen());
        g.writeFieldName(PacketJson.DATA);
        // MIME_NO_LINEFEEDS is the standard alphabet with padding and no line breaks.
        g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, p.data(), 0, p.data().length);
        g.writeEndObject();
    }

    /** One of skb's flat sub-objects: its name, and its fields in Retis' order. */
    private record SkbPart(String name, SkbField... fields) {}

    /** A field of an {@link SkbPart}: a number, or a boolean ({@code flag}). */
    private record SkbField(String name, boolean flag) {}

    private static final SkbPart VLAN_ACCEL = new SkbPart(SkbJson.VLAN_ACCEL, number(SkbJson.VLAN_PROTO),
            number(SkbJson.VLAN_PCP), flag(SkbJson.VLAN_DEI), number(SkbJson.VLAN_VID));
    private static final SkbPart META = new SkbPart(SkbJson.META, number(SkbJson.META_LEN),
            number(SkbJson.META_DATA_LEN), number(SkbJson.META_HASH), number(SkbJson.META_IP_SUMMED),
            number(SkbJson.META_CSUM), number(SkbJson.META_CSUM_LEVEL), number(SkbJson.META_PRIORITY));
    private static final SkbPart DATA_REF = new SkbPart(SkbJson.DATA_REF, flag(SkbJson.DATA_REF_NOHDR),
            flag(SkbJson.DATA_REF_CLONED), number(SkbJson.DATA_REF_FCLONE), number(SkbJson.DATA_REF_USERS),
            number(SkbJson.DATA_REF_DATAREF));
    private static final SkbPart GSO = new SkbPart(SkbJson.GSO, number(SkbJson.GSO_FLAGS),
            number(SkbJson.GSO_FRAGS), number(SkbJson.GSO_SIZE), number(SkbJson.GSO_SEGS), number(SkbJson.GSO_TYPE));

    static void skb(SkbSection s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (s.vlanAccel() instanceof SkbSection.VlanAccel v) {
            skbPart(g, VLAN_ACCEL, v.proto(), v.pcp(), bit(v.dei()), v.vid());
        }
        if (s.meta() instanceof SkbSection.Meta m) {
            skbPart(g, META, m.len(), m.dataLen(), m.hash(), m.ipSummed(), m.csum(), m.csumLevel(), m.priority());
        }
        if (s.dataRef() instanceof SkbSection.DataRef d) {
            skbPart(g, DATA_REF, bit(d.nohdr()), bit(d.cloned()), d.fclone(), d.users(), d.dataref());
        }
        if (s.gso() instanceof SkbSection.Gso o) {
            skbPart(g, GSO, o.flags(), o.frags(), o.size(), o.segs(), o.type());
        }
        g.writeEndObject();
    }

    /** Writes {@code part} with {@code values}, one per field (a flag's as 0 or 1). */
    private static void skbPart(JsonGenerator g, SkbPart part, long... values) throws IOException {
        g.writeObjectFieldStart(part.name());
        for (int i = 0; i < values.length; i++) {
            SkbField field = part.fields()[i];
            if (field.flag()) {
                g.writeBooleanField(field.name(), values[i] != 0);
            } else {
                g.writeNumberField(field.name(), values[i]);
            }
        }
        g.writeEndObject();
    }

    private static SkbField number(String name) {
        return new SkbField(name, false);
    }

    private static SkbField flag(String name) {
        return new SkbField(name, true);
    }

    private static long bit(boolean flag) {
        return flag ? 1 : 0;
    }

    static void netns(NetnsSection n, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (n.cookie() != null) {
            u64(g, NetnsJson.COOKIE, n.cookie());
        }
        g.writeNumberField(NetnsJson.INUM, n.inum());
        if (n.name() != null) {
            g.writeStringField(NetnsJson.NAME, n.name());
        }
        g.writeEndObject();
    }

    static void dev(DevSection d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(DevJson.NAME, d.name());
        u32(g, DevJson.IFINDEX, d.ifindex());
        if (d.rxIfindex() != null) {
            u32(g, DevJson.RX_IFINDEX, d.rxIfindex());
        }
        g.writeEndObject();
    }

    static void startup(StartupSection s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField(StartupJson.RETIS_VERSION, s.retisVersion());
        if (s.cmdline() != null) {
            g.writeStringField(StartupJson.CMDLINE, s.cmdline());
        }
        if (s.offset() != null) {
            g.writeObjectFieldStart(StartupJson.CLOCK_OFFSET);
            g.writeNumberField(StartupJson.CLOCK_OFFSET_SEC, s.offset().sec());
            g.writeNumberField(StartupJson.CLOCK_OFFSET_NSEC, s.offset().nsec());
            g.writeEndObject();
        }
        if (s.machine() != null) {
            g.writeObjectFieldStart(StartupJson.MACHINE);
            g.writeStringField(StartupJson.MACHINE_KERNEL_RELEASE, s.machine().kernelRelease());
            g.writeStringField(StartupJson.MACHINE_KERNEL_VERSION, s.machine().kernelVersion());
            g.writeStringField(StartupJson.MACHINE_HARDWARE_NAME, s.machine().hardwareName());
            g.writeEndObject();
        }
        if (s.splitFile() != null) {
            g.writeObjectFieldStart(StartupJson.SPLIT_FILE);
            u32(g, StartupJson.SPLIT_FILE_ID, s.splitFile().id());
            g.writeObjectFieldStart(StartupJson.SPLIT_FILE_POLICY);
            g.writeStringField(StartupJson.POLICY_KIND, StartupJson.POLICY_KIND_SIZE);
            u64(g, StartupJson.POLICY_LIMIT, s.splitFile().limit());
            g.writeEndObject();
            g.writeEndObject();
        }
        if (s.initNetnsInum() != null) {
            u64(g, StartupJson.INIT_NETNS_INUM, s.initNetnsInum());
        }
        g.writeEndObject();
    }

    private static void u64(JsonGenerator g, String field, long value) throws IOException {
        g.writeFieldName(field);
        if (value >= 0) {
            g.writeNumber(value);
        } else {
            g.writeNumber(Long.toUnsignedString(value));
        }
    }

    private static void u32(JsonGenerator g, String field, int value) throws IOException {
        g.writeNumberField(field, Integer.toUnsignedLong(value));
    }
}
