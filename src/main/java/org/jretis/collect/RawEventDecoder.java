package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.jretis.collector.RecordPart;
import org.jretis.collector.Unit;
import org.jretis.event.CommonSection;
import org.jretis.event.DevSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.NetnsSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbDropSection;
import org.jretis.event.SkbSection;
import org.jretis.event.SkbTrackingSection;

/**
 * Turns one ring record ({@link RawEventLayout}) into an {@link Event}, naming its probe, its drop
 * reason and its stack frames with what user space knows.
 */
final class RawEventDecoder {
    private static final int ETH_P_8021Q = 0x8100;

    private final List<KernelSection> probes;
    private final DropReasons dropReasons;
    private final StackResolver stacks;
    private final NetnsNames netnsNames;
    private final List<UnitPart> parts;

    /** A running collector unit and its record part's decoder. */
    record UnitPart(Unit unit, RecordPart part) {}

    /**
     * @param probes      the kernel section of each probe, indexed by probe id
     * @param dropReasons names of drop reason values
     * @param stacks      symbolises stack ids, or null when no probe collects stacks
     * @param netnsNames  names of network namespaces
     * @param parts       the record parts of the running collector units, in {@code Units.ALL} order
     */
    RawEventDecoder(List<KernelSection> probes, DropReasons dropReasons, StackResolver stacks, NetnsNames netnsNames,
            List<UnitPart> parts) {
        this.parts = parts;
        this.probes = probes;
        this.dropReasons = dropReasons;
        this.stacks = stacks;
        this.netnsNames = netnsNames;
    }

    /** An encoder writing records as this decoder then the JSON codec would. */
    RawJsonEncoder jsonEncoder() {
        return new RawJsonEncoder(probes, dropReasons, netnsNames, this);
    }

    /**
     * The event of the {@code length}-byte record at {@code at}; null for a record no probe of
     * ours wrote (an unknown probe id). A record shorter than its fixed part reads as if padded
     * with zeros, as {@link RawJsonEncoder} reads it.
     */
    Event decode(MemorySegment record, long at, int length) {
        if (length < RawEventLayout.DATA) {
            MemorySegment padded = MemorySegment.ofArray(new byte[RawEventLayout.DATA]);
            MemorySegment.copy(record, at, padded, 0, Math.max(0, length));
            return decode(padded, 0, RawEventLayout.DATA);
        }
        int probe = probeId(record, at);
        if (probe < 0 || probe >= probes.size()) {
            return null;
        }
        int flags = Short.toUnsignedInt(record.get(JAVA_SHORT_UNALIGNED, at + RawEventLayout.FLAGS));
        Event event = new Event();
        event.common = common(record, at, flags);
        event.kernel = kernel(record, at, probe, flags);
        if ((flags & RawEventLayout.HAS_TRACKING) != 0) {
            event.skbTracking = new SkbTrackingSection(
                    record.get(JAVA_LONG_UNALIGNED, at + RawEventLayout.ORIG_HEAD),
                    record.get(JAVA_LONG_UNALIGNED, at + RawEventLayout.TRACK_TS),
                    record.get(JAVA_LONG_UNALIGNED, at + RawEventLayout.SKB));
        }
        if ((flags & RawEventLayout.HAS_DROP) != 0) {
            event.skbDrop = dropReasons.section(record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.DROP_REASON));
        }
        if ((flags & RawEventLayout.HAS_PACKET) != 0) {
            int captured = capturedBytes(Short.toUnsignedInt(record.get(JAVA_SHORT_UNALIGNED, at + RawEventLayout.CAP_LEN)),
                    length);
            byte[] data = new byte[captured];
            MemorySegment.copy(record, JAVA_BYTE, at + RawEventLayout.DATA, data, 0, captured);
            event.packet = new PacketSection(record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.PKT_LEN), captured, data);
        }
        event.skb = skb(record, at, flags);
        if ((flags & RawEventLayout.HAS_NETNS) != 0) {
            Long cookie = (flags & RawEventLayout.HAS_COOKIE) != 0
                    ? record.get(JAVA_LONG_UNALIGNED, at + RawEventLayout.NETNS_COOKIE) : null;
            long inum = Integer.toUnsignedLong(record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.NETNS_INUM));
            event.netns = new NetnsSection(cookie, inum, netnsNames.name(inum));
        }
        if ((flags & RawEventLayout.HAS_DEV) != 0) {
            int rx = record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.RX_IFINDEX);
            event.dev = new DevSection(cString(record, at + RawEventLayout.IFNAME),
                    record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.IFINDEX), rx > 0 ? rx : null);
        }
        unitSections(record, at, length, flags, (unit, section) -> event.others.put(unit.section(), section));
        return event;
    }

    /**
     * Hands over the section of each unit whose part the record carries: the parts follow its
     * packet bytes, each 8-byte aligned, in {@code Units.ALL} order. A part cut off by the
     * record's end is a probe bug: it fails loudly rather than reading past the record.
     */
    void unitSections(MemorySegment record, long at, int length, int flags, BiConsumer<Unit, JsonNode> section) {
        if (parts.isEmpty()) {
            return;
        }
        int capLen = Short.toUnsignedInt(record.get(JAVA_SHORT_UNALIGNED, at + RawEventLayout.CAP_LEN));
        int partAt = RawEventLayout.DATA + ((capLen + 7) & ~7);
        for (UnitPart p : parts) {
            if ((flags & p.unit().recordFlag()) == 0) {
                continue;
            }
            if (partAt + p.part().size() > length) {
                throw new IllegalStateException("a " + length + "-byte record cuts its " + p.unit().section() + " part off");
            }
            section.accept(p.unit(), p.part().decode(record, at + partAt));
            partAt += p.part().size();
        }
    }

    /** The probe id of a record, to count or select events without decoding them. */
    static int probeId(MemorySegment record, long at) {
        return record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.PROBE_ID);
    }

    /**
     * How many packet bytes a record of {@code length} bytes holds: its cap_len, as far as the
     * record goes (probes send the fixed part and the captured bytes only).
     */
    static int capturedBytes(int capLen, int length) {
        return Math.max(0, Math.min(capLen, Math.min(length, RawEventLayout.SIZE) - RawEventLayout.DATA));
    }

    /** The hardware-accelerated VLAN tag of a record that has one, from its vlan_tci and vlan_proto fields. */
    static SkbSection.VlanAccel vlan(int tci, int protoField) {
        int proto = Short.toUnsignedInt(Short.reverseBytes((short) protoField));
        return new SkbSection.VlanAccel(proto == 0 ? ETH_P_8021Q : proto, tci >>> 13, (tci & 0x1000) != 0, tci & 0xfff);
    }

    private static CommonSection common(MemorySegment record, long at, int flags) {
        CommonSection.Task task = null;
        if ((flags & RawEventLayout.HAS_TASK) != 0) {
            long pidTgid = record.get(JAVA_LONG_UNALIGNED, at + RawEventLayout.PID_TGID);
            // Retis' JSON: "pid" is the process (kernel tgid, upper half), "tgid" the thread.
            task = new CommonSection.Task((int) (pidTgid >>> 32), (int) pidTgid, cString(record, at + RawEventLayout.COMM));
        }
        return new CommonSection(record.get(JAVA_LONG_UNALIGNED, at + RawEventLayout.TIMESTAMP),
                record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.CPU), task);
    }

    private KernelSection kernel(MemorySegment record, long at, int probeId, int flags) {
        KernelSection probe = probes.get(probeId);
        if ((flags & RawEventLayout.HAS_STACK) == 0 || stacks == null) {
            return probe;
        }
        List<String> frames = stacks.frames(record.get(JAVA_INT_UNALIGNED, at + RawEventLayout.STACK_ID));
        return frames.isEmpty() ? probe : new KernelSection(probe.symbol(), probe.probeType(), frames);
    }

    private static SkbSection skb(MemorySegment record, long at, int flags) {
        SkbSection.VlanAccel vlan = (flags & RawEventLayout.HAS_VLAN) == 0 ? null
                : vlan(Short.toUnsignedInt(record.get(JAVA_SHORT_UNALIGNED, at + RawEventLayout.VLAN_TCI)),
                        Short.toUnsignedInt(record.get(JAVA_SHORT_UNALIGNED, at + RawEventLayout.VLAN_PROTO)));
        SkbSection.Meta meta = null;
        if ((flags & RawEventLayout.HAS_META) != 0) {
            meta = new SkbSection.Meta(u32(record, at + RawEventLayout.META_LEN), u32(record, at + RawEventLayout.DATA_LEN),
                    u32(record, at + RawEventLayout.HASH), u8(record, at + RawEventLayout.IP_SUMMED),
                    u32(record, at + RawEventLayout.CSUM), u8(record, at + RawEventLayout.CSUM_LEVEL),
                    u32(record, at + RawEventLayout.PRIORITY));
        }
        SkbSection.DataRef dataRef = null;
        if ((flags & RawEventLayout.HAS_DATAREF) != 0) {
            dataRef = new SkbSection.DataRef(u8(record, at + RawEventLayout.NOHDR) != 0,
                    u8(record, at + RawEventLayout.CLONED) != 0, u8(record, at + RawEventLayout.FCLONE),
                    u8(record, at + RawEventLayout.USERS), u8(record, at + RawEventLayout.DATAREF));
        }
        SkbSection.Gso gso = null;
        if ((flags & RawEventLayout.HAS_GSO) != 0) {
            gso = new SkbSection.Gso(u8(record, at + RawEventLayout.GSO_FLAGS), u8(record, at + RawEventLayout.GSO_FRAGS),
                    u32(record, at + RawEventLayout.GSO_SIZE), u32(record, at + RawEventLayout.GSO_SEGS),
                    u32(record, at + RawEventLayout.GSO_TYPE));
        }
        SkbSection skb = new SkbSection(vlan, meta, dataRef, gso);
        return skb.isEmpty() ? null : skb;
    }

    private static long u32(MemorySegment record, long at) {
        return Integer.toUnsignedLong(record.get(JAVA_INT_UNALIGNED, at));
    }

    private static int u8(MemorySegment record, long at) {
        return Byte.toUnsignedInt(record.get(JAVA_BYTE, at));
    }

    private static String cString(MemorySegment record, long at) {
        int len = 0;
        while (len < RawEventLayout.NAME_LEN && record.get(JAVA_BYTE, at + len) != 0) {
            len++;
        }
        byte[] bytes = new byte[len];
        MemorySegment.copy(record, JAVA_BYTE, at, bytes, 0, len);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
