package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.jretis.collect.JsonBytes.ascii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jretis.collector.Unit;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.SkbSection;
import org.jretis.event.json.EventWriter;

/**
 * Writes a ring record ({@link RawEventLayout}) as its event's JSON line without building the
 * {@link Event}: the same bytes {@link RawEventDecoder} then {@link EventWriter} give, at a
 * fraction of the cost, for the events file of a live capture. Sections that are the same for
 * many events (a probe's {@code kernel}, a drop reason) are encoded once by the codec itself.
 * Collector units' sections are written from the trees their part decoders make. Records it does
 * not handle (stack traces, names JSON would escape) are left to the decoder.
 */
final class RawJsonEncoder {
    private static final byte[] COMMON = ascii("{\"common\":{\"timestamp\":");
    private static final byte[] SMP_ID = ascii(",\"smp_id\":");
    private static final byte[] TASK = ascii(",\"task\":{\"pid\":");
    private static final byte[] TGID = ascii(",\"tgid\":");
    private static final byte[] COMM = ascii(",\"comm\":");
    private static final byte[] SKB_TRACKING = ascii(",\"skb-tracking\":{\"orig_head\":");
    private static final byte[] TIMESTAMP = ascii(",\"timestamp\":");
    private static final byte[] SKB_ADDRESS = ascii(",\"skb\":");
    private static final byte[] PACKET = ascii(",\"packet\":{\"len\":");
    private static final byte[] CAPTURE_LEN = ascii(",\"capture_len\":");
    private static final byte[] DATA = ascii(",\"data\":");
    private static final byte[] SKB = ascii(",\"skb\":{");
    private static final byte[] VLAN = ascii("\"vlan_accel\":{\"proto\":");
    private static final byte[] PCP = ascii(",\"pcp\":");
    private static final byte[] DEI = ascii(",\"dei\":");
    private static final byte[] VID = ascii(",\"vid\":");
    private static final byte[] META = ascii("\"meta\":{\"len\":");
    private static final byte[] DATA_LEN = ascii(",\"data_len\":");
    private static final byte[] HASH = ascii(",\"hash\":");
    private static final byte[] IP_SUMMED = ascii(",\"ip_summed\":");
    private static final byte[] CSUM = ascii(",\"csum\":");
    private static final byte[] CSUM_LEVEL = ascii(",\"csum_level\":");
    private static final byte[] PRIORITY = ascii(",\"priority\":");
    private static final byte[] DATA_REF = ascii("\"data_ref\":{\"nohdr\":");
    private static final byte[] CLONED = ascii(",\"cloned\":");
    private static final byte[] FCLONE = ascii(",\"fclone\":");
    private static final byte[] USERS = ascii(",\"users\":");
    private static final byte[] DATAREF = ascii(",\"dataref\":");
    private static final byte[] GSO = ascii("\"gso\":{\"flags\":");
    private static final byte[] FRAGS = ascii(",\"frags\":");
    private static final byte[] SIZE = ascii(",\"size\":");
    private static final byte[] SEGS = ascii(",\"segs\":");
    private static final byte[] TYPE = ascii(",\"type\":");
    private static final byte[] NETNS = ascii(",\"netns\":{");
    private static final byte[] COOKIE = ascii("\"cookie\":");
    private static final byte[] INUM = ascii("\"inum\":");
    private static final byte[] DEV = ascii(",\"dev\":{\"name\":");
    private static final byte[] IFINDEX = ascii(",\"ifindex\":");
    private static final byte[] RX_IFINDEX = ascii(",\"rx_ifindex\":");
    /** The name field of a namespace without a name: nothing. */
    private static final byte[] UNNAMED = new byte[0];
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SKB_PARTS = RawEventLayout.HAS_VLAN | RawEventLayout.HAS_META
            | RawEventLayout.HAS_DATAREF | RawEventLayout.HAS_GSO;

    /** {@code ,"kernel":{...}} of each probe, by probe id. */
    private final byte[][] kernels;
    private final DropReasons dropReasons;
    /** {@code ,"skb-drop":{...}} by drop reason value. */
    private final Map<Integer, byte[]> drops = new HashMap<>();
    private final NetnsNames netnsNames;
    /** {@code ,"name":"..."} of each named namespace, by inode number. */
    private final Map<Long, byte[]> netnsNameFields = new HashMap<>();
    private long lastInum = -1;
    private byte[] lastNameField;
    private final JsonBytes line = new JsonBytes();
    /** The record being encoded. */
    private final byte[] r = new byte[RawEventLayout.SIZE];

    /** Reads the collector units' parts of a record. */
    private final RawEventDecoder units;
    /** Writes a unit's section tree as the codec writes it. */
    private final ObjectMapper trees = new ObjectMapper();
    /** {@link #unitSection}, made once: a method reference per record would be an allocation per record. */
    private final BiConsumer<Unit, JsonNode> unitSection = this::unitSection;

    RawJsonEncoder(List<KernelSection> probes, DropReasons dropReasons, NetnsNames netnsNames, RawEventDecoder units) {
        this.units = units;
        this.kernels = new byte[probes.size()][];
        for (int id = 0; id < kernels.length; id++) {
            Event kernel = new Event();
            kernel.kernel = probes.get(id);
            kernels[id] = section(kernel);
        }
        this.dropReasons = dropReasons;
        this.netnsNames = netnsNames;
    }

    /** The line {@link #encode} wrote last: {@code length()} bytes of {@code bytes()}, no newline. */
    JsonBytes line() {
        return line;
    }

    /**
     * Writes the JSON of the {@code length}-byte record at {@code at} into {@link #line()};
     * false if the record needs the decoder.
     */
    boolean encode(MemorySegment record, long at, int length) {
        // One bulk copy, then plain array reads: cheaper than a bounds-checked native read per field and byte.
        int size = Math.max(0, Math.min(length, RawEventLayout.SIZE));
        MemorySegment.copy(record, JAVA_BYTE, at, r, 0, size);
        if (size < RawEventLayout.DATA) {
            Arrays.fill(r, size, RawEventLayout.DATA, (byte) 0); // a short record reads as padded with zeros
        }
        int flags = u16(RawEventLayout.FLAGS);
        int probe = i32(RawEventLayout.PROBE_ID);
        if ((flags & RawEventLayout.HAS_STACK) != 0 || probe < 0 || probe >= kernels.length) {
            return false;
        }
        line.clear();
        line.append(COMMON).unsigned(i64(RawEventLayout.TIMESTAMP));
        line.append(SMP_ID).unsigned(u32(RawEventLayout.CPU));
        if ((flags & RawEventLayout.HAS_TASK) != 0) {
            long pidTgid = i64(RawEventLayout.PID_TGID);
            line.append(TASK).number((int) (pidTgid >>> 32)).append(TGID).number((int) pidTgid).append(COMM);
            if (!line.cString(r, RawEventLayout.COMM, RawEventLayout.NAME_LEN)) {
                return false;
            }
            line.append('}');
        }
        line.append('}').append(kernels[probe]);
        if ((flags & RawEventLayout.HAS_TRACKING) != 0) {
            line.append(SKB_TRACKING).unsigned(i64(RawEventLayout.ORIG_HEAD))
                    .append(TIMESTAMP).unsigned(i64(RawEventLayout.TRACK_TS))
                    .append(SKB_ADDRESS).unsigned(i64(RawEventLayout.SKB)).append('}');
        }
        if ((flags & RawEventLayout.HAS_DROP) != 0) {
            line.append(drop(i32(RawEventLayout.DROP_REASON)));
        }
        if ((flags & RawEventLayout.HAS_PACKET) != 0) {
            int captured = RawEventDecoder.capturedBytes(u16(RawEventLayout.CAP_LEN), size);
            line.append(PACKET).unsigned(u32(RawEventLayout.PKT_LEN))
                    .append(CAPTURE_LEN).unsigned(captured)
                    .append(DATA).base64(r, RawEventLayout.DATA, captured).append('}');
        }
        if ((flags & SKB_PARTS) != 0) {
            skb(flags);
        }
        if ((flags & RawEventLayout.HAS_NETNS) != 0) {
            line.append(NETNS);
            if ((flags & RawEventLayout.HAS_COOKIE) != 0) {
                line.append(COOKIE).unsigned(i64(RawEventLayout.NETNS_COOKIE)).append(',');
            }
            long inum = u32(RawEventLayout.NETNS_INUM);
            line.append(INUM).unsigned(inum).append(netnsName(inum)).append('}');
        }
        if ((flags & RawEventLayout.HAS_DEV) != 0) {
            line.append(DEV);
            if (!line.cString(r, RawEventLayout.IFNAME, RawEventLayout.NAME_LEN)) {
                return false;
            }
            line.append(IFINDEX).unsigned(u32(RawEventLayout.IFINDEX));
            int rx = i32(RawEventLayout.RX_IFINDEX);
            if (rx > 0) {
                line.append(RX_IFINDEX).unsigned(rx);
            }
            line.append('}');
        }
        units.unitSections(record, at, length, flags, unitSection);
        line.append('}');
        return true;
    }

    /** {@code ,"<section>":<tree>}: a unit's section, whose tree its part decoder made. */
    private void unitSection(Unit unit, JsonNode section) {
        try {
            line.append(',').append('"').append(JsonBytes.ascii(unit.section())).append('"').append(':')
                    .append(trees.writeValueAsBytes(section));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the " + unit.section() + " section", e);
        }
    }

    /**
     * The namespace's name field, encoded once per namespace. An unnamed one (but the initial
     * namespace) is looked up again, as the lookup limits its own rate, so that a name appearing
     * later is used from then on.
     */
    private byte[] netnsName(long inum) {
        if (inum == lastInum && (lastNameField != UNNAMED || netnsNames.isInitial(inum))) {
            return lastNameField;
        }
        byte[] field = netnsNameFields.get(inum);
        if (field == null) {
            String name = netnsNames.name(inum);
            field = name == null ? UNNAMED : nameField(name);
            if (name != null) {
                netnsNameFields.put(inum, field);
            }
        }
        lastInum = inum;
        lastNameField = field;
        return field;
    }

    private static byte[] nameField(String name) {
        Event named = new Event();
        named.netns = new NetnsSection(null, 0, name);
        String json = EventWriter.toJson(named);
        // {"netns":{"inum":0,"name":"..."}} -> ,"name":"..."
        return json.substring(json.indexOf(",\"name\""), json.length() - 2).getBytes(StandardCharsets.UTF_8);
    }

    private void skb(int flags) {
        line.append(SKB);
        boolean first = true;
        if ((flags & RawEventLayout.HAS_VLAN) != 0) {
            SkbSection.VlanAccel vlan = RawEventDecoder.vlan(u16(RawEventLayout.VLAN_TCI), u16(RawEventLayout.VLAN_PROTO));
            line.append(VLAN).number(vlan.proto()).append(PCP).number(vlan.pcp())
                    .append(DEI).bool(vlan.dei()).append(VID).number(vlan.vid()).append('}');
            first = false;
        }
        if ((flags & RawEventLayout.HAS_META) != 0) {
            separate(first).append(META).unsigned(u32(RawEventLayout.META_LEN))
                    .append(DATA_LEN).unsigned(u32(RawEventLayout.DATA_LEN))
                    .append(HASH).unsigned(u32(RawEventLayout.HASH))
                    .append(IP_SUMMED).number(u8(RawEventLayout.IP_SUMMED))
                    .append(CSUM).unsigned(u32(RawEventLayout.CSUM))
                    .append(CSUM_LEVEL).number(u8(RawEventLayout.CSUM_LEVEL))
                    .append(PRIORITY).unsigned(u32(RawEventLayout.PRIORITY)).append('}');
            first = false;
        }
        if ((flags & RawEventLayout.HAS_DATAREF) != 0) {
            separate(first).append(DATA_REF).bool(u8(RawEventLayout.NOHDR) != 0)
                    .append(CLONED).bool(u8(RawEventLayout.CLONED) != 0)
                    .append(FCLONE).number(u8(RawEventLayout.FCLONE))
                    .append(USERS).number(u8(RawEventLayout.USERS))
                    .append(DATAREF).number(u8(RawEventLayout.DATAREF)).append('}');
            first = false;
        }
        if ((flags & RawEventLayout.HAS_GSO) != 0) {
            separate(first).append(GSO).number(u8(RawEventLayout.GSO_FLAGS))
                    .append(FRAGS).number(u8(RawEventLayout.GSO_FRAGS))
                    .append(SIZE).unsigned(u32(RawEventLayout.GSO_SIZE))
                    .append(SEGS).unsigned(u32(RawEventLayout.GSO_SEGS))
                    .append(TYPE).unsigned(u32(RawEventLayout.GSO_TYPE)).append('}');
        }
        line.append('}');
    }

    private JsonBytes separate(boolean first) {
        return first ? line : line.append(',');
    }

    private byte[] drop(int reason) {
        return drops.computeIfAbsent(reason, r -> {
            Event drop = new Event();
            drop.skbDrop = dropReasons.section(r);
            return section(drop);
        });
    }

    /** {@code ,"name":{...}}: the codec's JSON of an event holding one section, without its braces. */
    private static byte[] section(Event event) {
        String json = EventWriter.toJson(event);
        return ("," + json.substring(1, json.length() - 1)).getBytes(StandardCharsets.UTF_8);
    }

    private long i64(int offset) {
        return (long) LONG.get(r, offset);
    }

    private int i32(int offset) {
        return (int) INT.get(r, offset);
    }

    private long u32(int offset) {
        return Integer.toUnsignedLong(i32(offset));
    }

    private int u16(int offset) {
        return Short.toUnsignedInt((short) SHORT.get(r, offset));
    }

    private int u8(int offset) {
        return Byte.toUnsignedInt(r[offset]);
    }
}
