package org.jretis.event.json;

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
    private static final String COMMON = CommonJson.SECTION;
    private static final String KERNEL = KernelJson.SECTION;
    private static final String USERSPACE = UserspaceJson.SECTION;
    private static final String TRACKING = TrackingJson.SECTION;
    private static final String SKB_DROP = SkbDropJson.SECTION;
    private static final String SKB = SkbJson.SECTION;
    private static final String NETNS = NetnsJson.SECTION;

    private SectionDecoder() {}

    static CommonSection common(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long timestamp = null;
        Integer smpId = null;
        CommonSection.Task task = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case CommonJson.TIMESTAMP -> timestamp = u64(p, COMMON + "." + CommonJson.TIMESTAMP);
                case CommonJson.SMP_ID -> smpId = u32(p, COMMON + "." + CommonJson.SMP_ID);
                case CommonJson.TASK -> task = task(object(p, COMMON + "." + CommonJson.TASK));
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
                case CommonJson.TASK_PID -> pid = i32(p, COMMON + "." + CommonJson.TASK + "." + CommonJson.TASK_PID);
                case CommonJson.TASK_TGID -> tgid = i32(p, COMMON + "." + CommonJson.TASK + "." + CommonJson.TASK_TGID);
                case CommonJson.TASK_COMM -> comm = string(p, COMMON + "." + CommonJson.TASK + "." + CommonJson.TASK_COMM);
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
                case KernelJson.SYMBOL -> symbol = string(p, KERNEL + "." + KernelJson.SYMBOL);
                case KernelJson.PROBE_TYPE -> probeType = string(p, KERNEL + "." + KernelJson.PROBE_TYPE);
                case KernelJson.STACK_TRACE -> stack = strings(p, KERNEL + "." + KernelJson.STACK_TRACE);
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
                case UserspaceJson.PROBE_TYPE -> probeType = string(p, USERSPACE + "." + UserspaceJson.PROBE_TYPE);
                case UserspaceJson.SYMBOL -> symbol = string(p, USERSPACE + "." + UserspaceJson.SYMBOL);
                case UserspaceJson.IP -> ip = u64(p, USERSPACE + "." + UserspaceJson.IP);
                case UserspaceJson.PATH -> path = string(p, USERSPACE + "." + UserspaceJson.PATH);
                case UserspaceJson.PID -> pid = i32(p, USERSPACE + "." + UserspaceJson.PID);
                case UserspaceJson.TID -> tid = i32(p, USERSPACE + "." + UserspaceJson.TID);
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
                case TrackingJson.SKB -> skb = skbTracking(object(p, TRACKING + "." + TrackingJson.SKB), TRACKING);
                case TrackingJson.IDX -> idx = u32(p, TRACKING + "." + TrackingJson.IDX);
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
                case SkbTrackingJson.ORIG_HEAD -> origHead = u64(p, section + "." + SkbTrackingJson.ORIG_HEAD);
                case SkbTrackingJson.TIMESTAMP -> timestamp = u64(p, section + "." + SkbTrackingJson.TIMESTAMP);
                case SkbTrackingJson.SKB -> skb = u64(p, section + "." + SkbTrackingJson.SKB);
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
                case SkbDropJson.SUBSYS -> subsys = string(p, SKB_DROP + "." + SkbDropJson.SUBSYS);
                case SkbDropJson.DROP_REASON -> reason = string(p, SKB_DROP + "." + SkbDropJson.DROP_REASON);
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
            if (f.equals(PacketJson.LEN)) {
                len = u32(p, section + "." + PacketJson.LEN);
            } else if (f.equals(PacketJson.CAPTURE_LEN)) {
                captureLen = u32(p, section + "." + PacketJson.CAPTURE_LEN);
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
                case SkbJson.VLAN_ACCEL -> vlan = SkbDecoder.vlanAccel(object(p, SKB + "." + SkbJson.VLAN_ACCEL));
                case SkbJson.META -> meta = SkbDecoder.meta(object(p, SKB + "." + SkbJson.META));
                case SkbJson.DATA_REF -> dataRef = SkbDecoder.dataRef(object(p, SKB + "." + SkbJson.DATA_REF));
                case SkbJson.GSO -> gso = SkbDecoder.gso(object(p, SKB + "." + SkbJson.GSO));
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
                case NetnsJson.COOKIE -> cookie = u64(p, NETNS + "." + NetnsJson.COOKIE);
                case NetnsJson.INUM -> inum = unsigned(p, NETNS + "." + NetnsJson.INUM, 32);
                case NetnsJson.NAME -> name = string(p, NETNS + "." + NetnsJson.NAME);
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
                case DevJson.NAME -> name = string(p, section + "." + DevJson.NAME);
                case DevJson.IFINDEX -> ifindex = u32(p, section + "." + DevJson.IFINDEX);
                case DevJson.RX_IFINDEX -> rxIfindex = u32(p, section + "." + DevJson.RX_IFINDEX);
                default -> throw new SectionShapeException(section);
            }
        }
        return new DevSection(required(name, section), required(ifindex, section), rxIfindex);
    }
}
