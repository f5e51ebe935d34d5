package org.jretis.event.json;

import static org.jretis.event.json.EventJson.*;

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
        for (String name : SECTION_ORDER) {
            if (!writeTyped(name, e, g)) {
                JsonNode raw = e.others.get(name);
                if (raw != null) {
                    g.writeFieldName(name);
                    g.writeTree(raw);
                }
            }
        }
        for (Map.Entry<String, JsonNode> other : e.others.entrySet()) {
            if (!SECTION_ORDER.contains(other.getKey())) {
                g.writeFieldName(other.getKey());
                g.writeTree(other.getValue());
            }
        }
        g.writeEndObject();
    }

    /** Writes the typed section {@code name} if the event has it. */
    private static boolean writeTyped(String name, Event e, JsonGenerator g) throws IOException {
        switch (name) {
            case COMMON -> { if (e.common == null) return false; g.writeFieldName(name); common(e.common, g); }
            case KERNEL -> { if (e.kernel == null) return false; g.writeFieldName(name); kernel(e.kernel, g); }
            case USERSPACE -> { if (e.userspace == null) return false; g.writeFieldName(name); userspace(e.userspace, g); }
            case TRACKING -> { if (e.tracking == null) return false; g.writeFieldName(name); tracking(e.tracking, g); }
            case SKB_TRACKING -> { if (e.skbTracking == null) return false; g.writeFieldName(name); skbTracking(e.skbTracking, g); }
            case SKB_DROP -> { if (e.skbDrop == null) return false; g.writeFieldName(name); skbDrop(e.skbDrop, g); }
            case PACKET -> { if (e.packet == null) return false; g.writeFieldName(name); packet(e.packet, g); }
            case SKB -> { if (e.skb == null) return false; g.writeFieldName(name); skb(e.skb, g); }
            case NETNS -> { if (e.netns == null) return false; g.writeFieldName(name); netns(e.netns, g); }
            case DEV -> { if (e.dev == null) return false; g.writeFieldName(name); dev(e.dev, g); }
            case STARTUP -> { if (e.startup == null) return false; g.writeFieldName(name); startup(e.startup, g); }
            default -> { return false; }
        }
        return true;
    }

    private static void common(CommonSection c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        u64(g, "timestamp", c.timestamp());
        if (c.smpId() != null) {
            u32(g, "smp_id", c.smpId());
        }
        if (c.task() != null) {
            g.writeObjectFieldStart("task");
            g.writeNumberField("pid", c.task().pid());
            g.writeNumberField("tgid", c.task().tgid());
            g.writeStringField("comm", c.task().comm());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void kernel(KernelSection k, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("symbol", k.symbol());
        g.writeStringField("probe_type", k.probeType());
        if (k.stackTrace() != null) {
            g.writeArrayFieldStart("stack_trace");
            for (String frame : k.stackTrace()) {
                g.writeString(frame);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void userspace(UserspaceSection u, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("probe_type", u.probeType());
        g.writeStringField("symbol", u.symbol());
        u64(g, "ip", u.ip());
        g.writeStringField("path", u.path());
        g.writeNumberField("pid", u.pid());
        g.writeNumberField("tid", u.tid());
        g.writeEndObject();
    }

    private static void tracking(TrackingSection t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName("skb");
        skbTracking(t.skb(), g);
        u32(g, "idx", t.idx());
        g.writeEndObject();
    }

    private static void skbTracking(SkbTrackingSection s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        u64(g, "orig_head", s.origHead());
        u64(g, "timestamp", s.timestamp());
        u64(g, "skb", s.skb());
        g.writeEndObject();
    }

    private static void skbDrop(SkbDropSection d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (d.subsys() != null) {
            g.writeStringField("subsys", d.subsys());
        }
        g.writeStringField("drop_reason", d.dropReason());
        g.writeEndObject();
    }

    private static void packet(PacketSection p, JsonGenerator g) throws IOException {
        g.writeStartObject();
        u32(g, "len", p.len());
        u32(g, "capture_len", p.captureLen());
        g.writeFieldName("data");
        // MIME_NO_LINEFEEDS is the standard alphabet with padding and no line breaks.
        g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, p.data(), 0, p.data().length);
        g.writeEndObject();
    }

    private static void skb(SkbSection s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (s.vlanAccel() != null) {
            SkbSection.VlanAccel v = s.vlanAccel();
            g.writeObjectFieldStart("vlan_accel");
            g.writeNumberField("proto", v.proto());
            g.writeNumberField("pcp", v.pcp());
            g.writeBooleanField("dei", v.dei());
            g.writeNumberField("vid", v.vid());
            g.writeEndObject();
        }
        if (s.meta() != null) {
            SkbSection.Meta m = s.meta();
            g.writeObjectFieldStart("meta");
            g.writeNumberField("len", m.len());
            g.writeNumberField("data_len", m.dataLen());
            g.writeNumberField("hash", m.hash());
            g.writeNumberField("ip_summed", m.ipSummed());
            g.writeNumberField("csum", m.csum());
            g.writeNumberField("csum_level", m.csumLevel());
            g.writeNumberField("priority", m.priority());
            g.writeEndObject();
        }
        if (s.dataRef() != null) {
            SkbSection.DataRef d = s.dataRef();
            g.writeObjectFieldStart("data_ref");
            g.writeBooleanField("nohdr", d.nohdr());
            g.writeBooleanField("cloned", d.cloned());
            g.writeNumberField("fclone", d.fclone());
            g.writeNumberField("users", d.users());
            g.writeNumberField("dataref", d.dataref());
            g.writeEndObject();
        }
        if (s.gso() != null) {
            SkbSection.Gso o = s.gso();
            g.writeObjectFieldStart("gso");
            g.writeNumberField("flags", o.flags());
            g.writeNumberField("frags", o.frags());
            g.writeNumberField("size", o.size());
            g.writeNumberField("segs", o.segs());
            g.writeNumberField("type", o.type());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void netns(NetnsSection n, JsonGenerator g) throws IOException {
        g.writeStartObject();
        if (n.cookie() != null) {
            u64(g, "cookie", n.cookie());
        }
        g.writeNumberField("inum", n.inum());
        if (n.name() != null) {
            g.writeStringField("name", n.name());
        }
        g.writeEndObject();
    }

    private static void dev(DevSection d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", d.name());
        u32(g, "ifindex", d.ifindex());
        if (d.rxIfindex() != null) {
            u32(g, "rx_ifindex", d.rxIfindex());
        }
        g.writeEndObject();
    }

    private static void startup(StartupSection s, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("retis_version", s.retisVersion());
        if (s.cmdline() != null) {
            g.writeStringField("cmdline", s.cmdline());
        }
        if (s.offset() != null) {
            g.writeObjectFieldStart("clock_monotonic_offset");
            g.writeNumberField("sec", s.offset().sec());
            g.writeNumberField("nsec", s.offset().nsec());
            g.writeEndObject();
        }
        if (s.machine() != null) {
            g.writeObjectFieldStart("machine");
            g.writeStringField("kernel_release", s.machine().kernelRelease());
            g.writeStringField("kernel_version", s.machine().kernelVersion());
            g.writeStringField("hardware_name", s.machine().hardwareName());
            g.writeEndObject();
        }
        if (s.splitFile() != null) {
            g.writeObjectFieldStart("split_file");
            u32(g, "id", s.splitFile().id());
            g.writeObjectFieldStart("policy");
            g.writeStringField("kind", "size");
            u64(g, "limit", s.splitFile().limit());
            g.writeEndObject();
            g.writeEndObject();
        }
        if (s.initNetnsInum() != null) {
            u64(g, "init_netns_inum", s.initNetnsInum());
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
