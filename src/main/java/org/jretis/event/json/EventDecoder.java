package org.jretis.event.json;

import static org.jretis.event.json.EventJson.*;
import static org.jretis.event.json.JsonValues.*;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbDropSection;
import org.jretis.event.SkbSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.TrackingSection;
import org.jretis.event.UserspaceSection;

/**
 * Reads one line of an events file (an event) or of a sorted file (a series) into {@link Event}s,
 * streaming through the modelled sections. A modelled section in another shape (old layouts)
 * makes the line be read again with that section kept raw, so nothing is lost; older layouts get
 * Retis' compatibility fixups first.
 */
final class EventDecoder {
    private final FormatVersion version;
    /** The fast path for lines in the current layout; null for older layouts. */
    private final FastEventScanner scanner;

    EventDecoder(FormatVersion version) {
        this.version = version;
        this.scanner = version == FormatVersion.CURRENT ? new FastEventScanner() : null;
    }

    Event decodeEvent(byte[] line, int length) throws MalformedEventException {
        Event fast = scanner == null ? null : scanner.scan(line, length);
        return fast != null ? fast : decode(line, length, false).getFirst();
    }

    /** See {@link FastEventScanner#canonicalJsonWithoutPacket()}; null for older layouts. */
    byte[] canonicalJsonWithoutPacket() {
        return scanner == null ? null : scanner.canonicalJsonWithoutPacket();
    }

    List<Event> decodeSeries(byte[] line, int length) throws MalformedEventException {
        return decode(line, length, true);
    }

    private List<Event> decode(byte[] line, int length, boolean series) throws MalformedEventException {
        Set<String> rawSections = new HashSet<>();
        while (true) {
            try (JsonParser p = MAPPER.createParser(line, 0, length)) {
                List<Event> events = new ArrayList<>(series ? 4 : 1);
                p.nextToken();
                if (series) {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        throw new MalformedEventException("expected a series (a JSON array of events)");
                    }
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        events.add(event(p, rawSections));
                    }
                } else {
                    events.add(event(p, rawSections));
                }
                if (p.nextToken() != null) {
                    throw new MalformedEventException("unexpected data after the " + (series ? "series" : "event"));
                }
                return events;
            } catch (SectionShapeException e) {
                if (!rawSections.add(e.section)) {
                    throw new MalformedEventException(e.section + ": unreadable section"); // never loop
                }
            } catch (StreamReadException e) {
                throw new MalformedEventException("invalid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new MalformedEventException(e.getMessage()); // reading a byte array: only parse errors
            }
        }
    }

    private Event event(JsonParser p, Set<String> rawSections)
            throws IOException, MalformedEventException, SectionShapeException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedEventException("expected an event (a JSON object)");
        }
        Event e = new Event();
        String name;
        while ((name = nextField(p)) != null) {
            if (version == FormatVersion.V1_5 && name.equals(SKB)) {
                skbV15(readTree(p), e, rawSections.contains(SKB));
            } else if (rawSections.contains(name)) {
                e.others.put(name, readTree(p));
            } else {
                section(name, p, e);
            }
        }
        return e;
    }

    private void section(String name, JsonParser p, Event e)
            throws IOException, MalformedEventException, SectionShapeException {
        switch (name) {
            case COMMON -> e.common = common(object(p, name));
            case KERNEL -> e.kernel = kernel(object(p, name));
            case USERSPACE -> e.userspace = userspace(object(p, name));
            case TRACKING -> e.tracking = tracking(object(p, name));
            case SKB_TRACKING -> e.skbTracking = skbTracking(object(p, name), SKB_TRACKING);
            case SKB_DROP -> e.skbDrop = skbDrop(object(p, name));
            case PACKET -> e.packet = packet(object(p, name), PACKET, "data");
            case SKB -> e.skb = skb(object(p, name));
            case NETNS -> e.netns = netns(object(p, name));
            case DEV -> e.dev = dev(object(p, name), DEV);
            case STARTUP -> e.startup = StartupDecoder.startup(object(p, name));
            case CT -> e.others.put(name, ctCompat(readTree(p)));
            default -> e.others.put(name, readTree(p));
        }
    }

    private static JsonNode readTree(JsonParser p) throws IOException {
        return MAPPER.readTree(p);
    }

    private static CommonSection common(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
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

    private static KernelSection kernel(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
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

    private static UserspaceSection userspace(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
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

    private static TrackingSection tracking(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
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
    private static SkbTrackingSection skbTracking(JsonParser p, String section)
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

    private static SkbDropSection skbDrop(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
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
    private static PacketSection packet(JsonParser p, String section, String dataField)
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

    private static SkbSection skb(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
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

    private static NetnsSection netns(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long cookie = null;
        Long inum = null;
        String f;
        while ((f = nextField(p)) != null) {
            switch (f) {
                case "cookie" -> cookie = u64(p, "netns.cookie");
                case "inum" -> inum = unsigned(p, "netns.inum", 32);
                default -> throw new SectionShapeException(NETNS);
            }
        }
        return new NetnsSection(cookie, required(inum, NETNS));
    }

    private static DevSection dev(JsonParser p, String section) throws IOException, MalformedEventException, SectionShapeException {
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

    /**
     * v1.5 nested packet, dev and netns in {@code skb}: they become sections of their own, as
     * Retis' compat does. What is left stays {@code skb}, typed if it has the current shape.
     */
    private void skbV15(JsonNode tree, Event e, boolean keepRaw) throws IOException, MalformedEventException {
        if (!(tree instanceof ObjectNode skb)) {
            throw new MalformedEventException("skb: expected an object");
        }
        PacketSection packet = fromTree(skb, "packet", p -> packet(p, "skb.packet", "packet"));
        if (packet != null) {
            e.packet = packet;
        }
        DevSection dev = fromTree(skb, "dev", p -> dev(p, "skb.dev"));
        if (dev != null) {
            e.dev = dev;
        }
        NetnsSection netns = fromTree(skb, "ns", EventDecoder::netnsV15);
        if (netns != null) {
            e.netns = netns;
        }
        if (skb.isEmpty()) {
            return;
        }
        if (!keepRaw) {
            try (JsonParser p = skb.traverse(MAPPER)) {
                p.nextToken();
                e.skb = skb(p);
                return;
            } catch (SectionShapeException shape) {
                // kept raw below
            }
        }
        e.others.put(SKB, skb);
    }

    private static NetnsSection netnsV15(JsonParser p) throws IOException, MalformedEventException, SectionShapeException {
        Long inum = null;
        String f;
        while ((f = nextField(p)) != null) {
            if (!f.equals("netns")) {
                throw new SectionShapeException("skb.ns");
            }
            inum = unsigned(p, "skb.ns.netns", 32);
        }
        return new NetnsSection(null, required(inum, "skb.ns"));
    }

    private interface PartReader<T> {
        T read(JsonParser p) throws IOException, MalformedEventException, SectionShapeException;
    }

    /** Reads and removes {@code skb.<field>}; null (and left in place) if absent or of another shape. */
    private static <T> T fromTree(ObjectNode skb, String field, PartReader<T> reader)
            throws IOException, MalformedEventException {
        JsonNode part = skb.get(field);
        if (part == null || !part.isObject()) {
            return null;
        }
        try (JsonParser p = part.traverse(MAPPER)) {
            p.nextToken();
            T value = reader.read(p);
            skb.remove(field);
            return value;
        } catch (SectionShapeException shape) {
            return null;
        }
    }

    /** v1.5 and v1.6 named {@code ct.proto_state} {@code tcp_state}, in {@code ct.parent} too. */
    private JsonNode ctCompat(JsonNode ct) {
        if (version != FormatVersion.CURRENT && ct instanceof ObjectNode conn) {
            renameTcpState(conn);
            if (conn.get("parent") instanceof ObjectNode parent) {
                renameTcpState(parent);
            }
        }
        return ct;
    }

    private static void renameTcpState(ObjectNode conn) {
        JsonNode state = conn.remove("tcp_state");
        if (state != null) {
            conn.set("proto_state", state);
        }
    }
}
