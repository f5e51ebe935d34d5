package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jretis.collector.Unit;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.SkbSection;
import org.jretis.event.json.EventWriter;
import org.jretis.event.json.FastEventWriter;

/**
 * Writes a ring record ({@link RawEventLayout}) as its event's JSON line without building the
 * {@link Event}: the same bytes {@link RawEventDecoder} then {@link EventWriter} give, at a
 * fraction of the cost, for the events file of a live capture. Sections that are the same for
 * many events (a probe's {@code kernel}, a drop reason) are encoded once by the codec itself;
 * runs of them that repeat between events (a task on a CPU at a probe, a device in a namespace)
 * are written once and then copied ({@link SectionMemo}), so that per event only what changes
 * (timestamps, addresses, lengths, the packet) is written as digits and base64.
 * Collector units' sections are written from the trees their part decoders make. Records it does
 * not handle (stack traces, names JSON would escape) are left to the decoder.
 */
final class RawJsonEncoder {
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
    private final FastEventWriter line = new FastEventWriter();
    /** From {@code smp_id} to the end of {@code kernel}, by task, CPU and probe. */
    private final SectionMemo cpuTaskKernel = new SectionMemo();
    /** {@code netns} and {@code dev}, by namespace and device. */
    private final SectionMemo netnsDev = new SectionMemo();
    /** The record being encoded. */
    private final byte[] r = new byte[RawEventLayout.SIZE];

    /** Reads the collector units' parts of a record. */
    private final RawEventDecoder units;
    /** {@link #unitSection}, made once: a method reference per record would be an allocation per record. */
    private final BiConsumer<Unit, JsonNode> unitSection = this::unitSection;

    RawJsonEncoder(List<KernelSection> probes, DropReasons dropReasons, NetnsNames netnsNames, RawEventDecoder units) {
        this.units = units;
        this.kernels = new byte[probes.size()][];
        for (int id = 0; id < kernels.length; id++) {
            Event kernel = new Event();
            kernel.kernel = probes.get(id);
            kernels[id] = FastEventWriter.member(kernel);
        }
        this.dropReasons = dropReasons;
        this.netnsNames = netnsNames;
    }

    /** The line {@link #encode} wrote last: {@code length()} bytes of {@code bytes()}, no newline. */
    FastEventWriter line() {
        return line;
    }

    /**
     * Writes the JSON of the {@code length}-byte record at {@code at} into {@link #line()};
     * false if the record needs the decoder. The lookups of kept sections are written out here
     * rather than in methods of their own: past 325 bytes of bytecode (C2's FreqInlineSize) this
     * method is compiled on its own and never inlined into the ring's drain loop, which otherwise
     * compiled the whole encoder two or three times over (OSR, the loop, then encode itself).
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
        line.common(i64(RawEventLayout.TIMESTAMP));
        // From smp_id to the end of kernel: the same for every event of one task on one CPU at one probe.
        boolean hasTask = (flags & RawEventLayout.HAS_TASK) != 0;
        long pidTgid = hasTask ? i64(RawEventLayout.PID_TGID) : 0;
        long comm = hasTask ? i64(RawEventLayout.COMM) : 0;
        long commEnd = hasTask ? i64(RawEventLayout.COMM + Long.BYTES) : 0;
        long where = (long) probe << 32 | u32(RawEventLayout.CPU);
        byte[] known = cpuTaskKernel.get(pidTgid, comm, commEnd, where, flags & RawEventLayout.HAS_TASK);
        if (known != null) {
            line.member(known);
        } else if (!newCpuTaskAndKernel(flags, pidTgid, comm, commEnd, where)) {
            return false;
        }
        if ((flags & RawEventLayout.HAS_TRACKING) != 0) {
            line.skbTracking(i64(RawEventLayout.ORIG_HEAD), i64(RawEventLayout.TRACK_TS), i64(RawEventLayout.SKB));
        }
        if ((flags & RawEventLayout.HAS_DROP) != 0) {
            line.member(drop(i32(RawEventLayout.DROP_REASON)));
        }
        if ((flags & RawEventLayout.HAS_PACKET) != 0) {
            int captured = RawEventDecoder.capturedBytes(u16(RawEventLayout.CAP_LEN), size);
            line.packet(u32(RawEventLayout.PKT_LEN), captured, r, RawEventLayout.DATA);
        }
        if ((flags & SKB_PARTS) != 0) {
            skb(flags);
        }
        // netns then dev, those the record has: the same for every event of one device in one namespace.
        int parts = flags & (RawEventLayout.HAS_NETNS | RawEventLayout.HAS_COOKIE | RawEventLayout.HAS_DEV);
        if ((parts & (RawEventLayout.HAS_NETNS | RawEventLayout.HAS_DEV)) != 0) {
            boolean netns = (parts & RawEventLayout.HAS_NETNS) != 0;
            boolean dev = (parts & RawEventLayout.HAS_DEV) != 0;
            long cookie = netns && (parts & RawEventLayout.HAS_COOKIE) != 0 ? i64(RawEventLayout.NETNS_COOKIE) : 0;
            long which = (long) parts << 32 | (netns ? u32(RawEventLayout.NETNS_INUM) : 0);
            long ifindexes = dev ? i64(RawEventLayout.IFINDEX) : 0; // ifindex, then rx_ifindex
            long name = dev ? i64(RawEventLayout.IFNAME) : 0;
            long nameEnd = dev ? i64(RawEventLayout.IFNAME + Long.BYTES) : 0;
            known = netnsDev.get(cookie, which, ifindexes, name, nameEnd);
            if (known != null) {
                line.member(known);
            } else if (!newNetnsAndDev(cookie, which, ifindexes, name, nameEnd)) {
                return false;
            }
        }
        units.unitSections(record, at, length, flags, unitSection);
        line.end();
        return true;
    }

    /**
     * Writes and keeps the run from {@code smp_id} to the end of {@code kernel} that
     * {@link #encode} found no copy of; false for a task name the line cannot hold. Out of line:
     * a capture calls it a few times, and the JIT then leaves it out of the hot path's code.
     */
    private boolean newCpuTaskAndKernel(int flags, long pidTgid, long comm, long commEnd, long where) {
        int from = line.length();
        line.smpId(where & 0xffff_ffffL);
        if ((flags & RawEventLayout.HAS_TASK) != 0
                && !line.task((int) (pidTgid >>> 32), (int) pidTgid, r, RawEventLayout.COMM, RawEventLayout.NAME_LEN)) {
            return false;
        }
        line.endCommon().member(kernels[(int) (where >>> 32)]);
        cpuTaskKernel.put(pidTgid, comm, commEnd, where, flags & RawEventLayout.HAS_TASK, line.since(from));
        return true;
    }

    /**
     * Writes {@code netns} and {@code dev} that {@link #encode} found no copy of, and keeps them
     * unless the namespace has no name yet (one may come: it is looked up again); false for a
     * device name the line cannot hold. Out of line, as {@link #newCpuTaskAndKernel}.
     */
    private boolean newNetnsAndDev(long cookie, long which, long ifindexes, long name, long nameEnd) {
        int parts = (int) (which >>> 32);
        long inum = which & 0xffff_ffffL;
        int from = line.length();
        boolean lasting = true;
        if ((parts & RawEventLayout.HAS_NETNS) != 0) {
            byte[] nameField = netnsName(inum);
            lasting = nameField != UNNAMED || netnsNames.isInitial(inum);
            line.netns((parts & RawEventLayout.HAS_COOKIE) != 0, cookie, inum, nameField);
        }
        if ((parts & RawEventLayout.HAS_DEV) != 0 && !line.dev(r, RawEventLayout.IFNAME, RawEventLayout.NAME_LEN,
                ifindexes & 0xffff_ffffL, (int) (ifindexes >>> 32))) {
            return false;
        }
        if (lasting) {
            netnsDev.put(cookie, which, ifindexes, name, nameEnd, line.since(from));
        }
        return true;
    }

    private void unitSection(Unit unit, JsonNode section) {
        line.unitSection(unit.section(), section);
    }

    /**
     * The namespace's name field, encoded once per namespace. Called only when {@link #netnsDev}
     * has no copy; an unnamed namespace is looked up again each time (the lookup limits its own
     * rate), so that a name appearing later is used from then on.
     */
    private byte[] netnsName(long inum) {
        byte[] field = netnsNameFields.get(inum);
        if (field != null) {
            return field;
        }
        String name = netnsNames.name(inum);
        if (name == null) {
            return UNNAMED;
        }
        field = FastEventWriter.netnsName(name);
        netnsNameFields.put(inum, field);
        return field;
    }

    private void skb(int flags) {
        line.skb();
        if ((flags & RawEventLayout.HAS_VLAN) != 0) {
            SkbSection.VlanAccel vlan = RawEventDecoder.vlan(u16(RawEventLayout.VLAN_TCI), u16(RawEventLayout.VLAN_PROTO));
            line.vlanAccel(vlan.proto(), vlan.pcp(), vlan.dei(), vlan.vid());
        }
        if ((flags & RawEventLayout.HAS_META) != 0) {
            line.meta(u32(RawEventLayout.META_LEN), u32(RawEventLayout.DATA_LEN), u32(RawEventLayout.HASH),
                    u8(RawEventLayout.IP_SUMMED), u32(RawEventLayout.CSUM), u8(RawEventLayout.CSUM_LEVEL),
                    u32(RawEventLayout.PRIORITY));
        }
        if ((flags & RawEventLayout.HAS_DATAREF) != 0) {
            line.dataRef(u8(RawEventLayout.NOHDR) != 0, u8(RawEventLayout.CLONED) != 0, u8(RawEventLayout.FCLONE),
                    u8(RawEventLayout.USERS), u8(RawEventLayout.DATAREF));
        }
        if ((flags & RawEventLayout.HAS_GSO) != 0) {
            line.gso(u8(RawEventLayout.GSO_FLAGS), u8(RawEventLayout.GSO_FRAGS), u32(RawEventLayout.GSO_SIZE),
                    u32(RawEventLayout.GSO_SEGS), u32(RawEventLayout.GSO_TYPE));
        }
        line.endSkb();
    }

    private byte[] drop(int reason) {
        return drops.computeIfAbsent(reason, r -> {
            Event drop = new Event();
            drop.skbDrop = dropReasons.section(r);
            return FastEventWriter.member(drop);
        });
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
