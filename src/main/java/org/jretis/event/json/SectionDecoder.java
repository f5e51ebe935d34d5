package org.jretis.event.json;

import static org.jretis.event.json.EventJson.*;
import static org.jretis.event.json.JsonValues.*;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbDropSection;
import org.jretis.event.SkbSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.TrackingSection;
import org.jretis.event.UserspaceSection;

/**
 * Reads the modelled sections in their current shape; each parser is on the section's opening
 * brace. A field it does not know throws {@link SectionShapeException}, so that
 * {@link EventDecoder} keeps the section raw; a bad value is a {@link MalformedEventException}.
 */
final class SectionDecoder {
    private SectionDecoder() {}

    static CommonSection common(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long timestamp = null;
        Integer smpId = null;
        CommonSection.Task task = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "timestamp" -> timestamp = u64(p, "common.timestamp");
                case "smp_id" -> smpId = u32(p, "common.smp_id");
                case "task" -> task = task(object(p, "common.task"));
                default -> throw new SectionShapeException(COMMON);
            }
        }
        return new CommonSection(required(timestamp, COMMON), smpId, task);
    }

    private static CommonSection.Task task(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Integer pid = null;
        Integer tgid = null;
        String comm = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "pid" -> pid = i32(p, "common.task.pid");
                case "tgid" -> tgid = i32(p, "common.task.tgid");
                case "comm" -> comm = string(p, "common.task.comm");
                default -> throw new SectionShapeException(COMMON);
            }
        }
        return new CommonSection.Task(required(pid, COMMON), required(tgid, COMMON), required(comm, COMMON));
    }

    static KernelSection kernel(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        String symbol = null;
        String probeType = null;
        List<String> stack = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "symbol" -> symbol = string(p, "kernel.symbol");
                case "probe_type" -> probeType = string(p, "kernel.probe_type");
                case "stack_trace" -> stack = strings(p, "kernel.stack_trace");
                default -> throw new SectionShapeException(KERNEL);
            }
        }
        return new KernelSection(required(symbol, KERNEL), required(probeType, KERNEL), stack);
    }

    private static List<String> strings(JsonParser p, String path) throws IOException, MalformedEventException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new MalformedEventException(path + ": expected an array");
        }
        List<String> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            values.add(string(p, path));
        }
        return List.copyOf(values);
    }

    static UserspaceSection userspace(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        String probeType = null;
        String symbol = null;
        Long ip = null;
        String path = null;
        Integer pid = null;
        Integer tid = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "probe_type" -> probeType = string(p, "userspace.probe_type");
                case "symbol" -> symbol = string(p, "userspace.symbol");
                case "ip" -> ip = u64(p, "userspace.ip");
                case "path" -> path = string(p, "userspace.path");
                case "pid" -> pid = i32(p, "userspace.pid");
                case "tid" -> tid = i32(p, "userspace.tid");
                default -> throw new SectionShapeException(USERSPACE);
            }
        }
        return new UserspaceSection(required(probeType, USERSPACE), required(symbol, USERSPACE),
                required(ip, USERSPACE), required(path, USERSPACE), required(pid, USERSPACE), required(tid, USERSPACE));
    }

    static TrackingSection tracking(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        SkbTrackingSection skb = null;
        Integer idx = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "skb" -> skb = skbTracking(object(p, "tracking.skb"), TRACKING);
                case "idx" -> idx = u32(p, "tracking.idx");
                default -> throw new SectionShapeException(TRACKING);
            }
        }
        return new TrackingSection(required(skb, TRACKING), required(idx, TRACKING));
    }

    /** Also the {@code skb} of {@code tracking}: {@code section} is the enclosing section. */
    static SkbTrackingSection skbTracking(JsonParser p, String section)
            throws IOException, MalformedEventException, SectionShapeException {
        Long origHead = null;
        Long timestamp = null;
        Long skb = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "orig_head" -> origHead = u64(p, section + ".orig_head");
                case "timestamp" -> timestamp = u64(p, section + ".timestamp");
                case "skb" -> skb = u64(p, section + ".skb");
                default -> throw new SectionShapeException(section);
            }
        }
        return new SkbTrackingSection(required(origHead, section), required(timestamp, section), required(skb, section));
    }

    static SkbDropSection skbDrop(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        String subsys = null;
        String reason = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "subsys" -> subsys = string(p, "skb-drop.subsys");
                case "drop_reason" -> reason = string(p, "skb-drop.drop_reason");
                default -> throw new SectionShapeException(SKB_DROP);
            }
        }
        return new SkbDropSection(subsys, required(reason, SKB_DROP));
    }

    /** {@code dataField} is {@code data}, or {@code packet} in v1.5's {@code skb.packet}. */
    static PacketSection packet(JsonParser p, String section, String dataField)
            throws IOException, MalformedEventException, SectionShapeException {
        Integer len = null;
        Integer captureLen = null;
        byte[] data = null;
        String f;
        while ((f = nextField(p)) != null) {
            if (f.equals("len")) {
                len = u32(p, section + ".len");
            } else if (f.equals("capture_len")) {
                captureLen = u32(p, section + ".capture_len");
            } else if (f.equals(dataField)) {
                data = base64(p, section + "." + dataField);
            } else {
                throw new SectionShapeException(section);
            }
        }
        return new PacketSection(required(len, section), required(captureLen, section), required(data, section));
    }

    private static byte[] base64(JsonParser p, String path) throws IOException, MalformedEventException {
        string(p, path);
        try {
            return p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
        } catch (StreamReadException e) {
            throw new MalformedEventException(path + ": invalid base64");
        }
    }

    static SkbSection skb(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        SkbSection.VlanAccel vlan = null;
        SkbSection.Meta meta = null;
        SkbSection.DataRef dataRef = null;
        SkbSection.Gso gso = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "vlan_accel" -> vlan = SkbDecoder.vlanAccel(object(p, "skb.vlan_accel"));
                case "meta" -> meta = SkbDecoder.meta(object(p, "skb.meta"));
                case "data_ref" -> dataRef = SkbDecoder.dataRef(object(p, "skb.data_ref"));
                case "gso" -> gso = SkbDecoder.gso(object(p, "skb.gso"));
                default -> throw new SectionShapeException(SKB);
            }
        }
        return new SkbSection(vlan, meta, dataRef, gso);
    }

    static NetnsSection netns(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long cookie = null;
        Long inum = null;
        String name = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "cookie" -> cookie = u64(p, "netns.cookie");
                case "inum" -> inum = unsigned(p, "netns.inum", 32);
                case "name" -> name = string(p, "netns.name");
                default -> throw new SectionShapeException(NETNS);
            }
        }
        return new NetnsSection(cookie, required(inum, NETNS), name);
    }

    static DevSection dev(JsonParser p, String section) throws IOException, MalformedEventException, SectionShapeException {
        String name = null;
        Integer ifindex = null;
        Integer rxIfindex = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "name" -> name = string(p, section + ".name");
                case "ifindex" -> ifindex = u32(p, section + ".ifindex");
                case "rx_ifindex" -> rxIfindex = u32(p, section + ".rx_ifindex");
                default -> throw new SectionShapeException(section);
            }
        }
        return new DevSection(required(name, section), required(ifindex, section), rxIfindex);
    }
}
