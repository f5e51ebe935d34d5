package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.SkbSection;
import org.junit.jupiter.api.Test;

class RawEventDecoderTest {
    private static final long AT = 8; // records follow an 8-byte ring header

    private final List<KernelSection> probes = List.of(
            new KernelSection("net:netif_receive_skb", "raw_tracepoint", null),
            new KernelSection("skb:kfree_skb", "raw_tracepoint", null));

    @Test
    void decodesEveryFilledSection() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment record = arena.allocate(AT + RawEventLayout.SIZE);
            int flags = RawEventLayout.HAS_TASK | RawEventLayout.HAS_TRACKING | RawEventLayout.HAS_PACKET
                    | RawEventLayout.HAS_DEV | RawEventLayout.HAS_NETNS | RawEventLayout.HAS_COOKIE
                    | RawEventLayout.HAS_DROP | RawEventLayout.HAS_VLAN | RawEventLayout.HAS_DATAREF;
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.TIMESTAMP, 7129250251406L);
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.SKB, 0xffff8f67919c2b00L);
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.ORIG_HEAD, 0xffff8f67ed249b80L);
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.TRACK_TS, 0x67be86dc28eL);
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.NETNS_COOKIE, 0x1063);
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.PID_TGID, (23561L << 32) | 23562L);
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.NETNS_INUM, (int) 4026532177L);
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.PROBE_ID, 1);
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.CPU, 5);
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.IFINDEX, 4);
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.RX_IFINDEX, 4);
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.PKT_LEN, 1514);
            record.set(JAVA_SHORT_UNALIGNED, AT + RawEventLayout.CAP_LEN, (short) 3);
            record.set(JAVA_SHORT_UNALIGNED, AT + RawEventLayout.FLAGS, (short) flags);
            record.set(JAVA_SHORT_UNALIGNED, AT + RawEventLayout.VLAN_TCI, (short) ((6 << 13) | 0x1000 | 123));
            record.set(JAVA_SHORT_UNALIGNED, AT + RawEventLayout.VLAN_PROTO, Short.reverseBytes((short) 0x88a8));
            putString(record, AT + RawEventLayout.COMM, "ping");
            putString(record, AT + RawEventLayout.IFNAME, "wlp82s0");
            record.set(JAVA_BYTE, AT + RawEventLayout.CLONED, (byte) 1);
            record.set(JAVA_BYTE, AT + RawEventLayout.USERS, (byte) 1);
            record.set(JAVA_BYTE, AT + RawEventLayout.DATAREF, (byte) 2);
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.DROP_REASON, 3);
            record.asSlice(AT + RawEventLayout.DATA, 3).copyFrom(MemorySegment.ofArray(new byte[] {1, 2, 3}));

            DropReasons reasons = new DropReasons(Map.of(3, "NO_SOCKET"), Map.of());
            Event event = new RawEventDecoder(probes, reasons, null, NetnsNames.none(), List.of()).decode(record, AT, RawEventLayout.SIZE);

            assertThat(event.common.timestamp()).isEqualTo(7129250251406L);
            assertThat(event.common.smpId()).isEqualTo(5);
            assertThat(event.common.task().pid()).isEqualTo(23561);
            assertThat(event.common.task().tgid()).isEqualTo(23562);
            assertThat(event.common.task().comm()).isEqualTo("ping");
            assertThat(event.kernel).isEqualTo(probes.get(1));
            assertThat(event.skbTracking.idHex()).isEqualTo("67be86dc28effff8f67ed249b80");
            assertThat(Long.toHexString(event.skbTracking.skb())).isEqualTo("ffff8f67919c2b00");
            assertThat(event.skbDrop.dropReason()).isEqualTo("NO_SOCKET");
            assertThat(event.skbDrop.subsys()).isNull();
            assertThat(event.packet.len()).isEqualTo(1514);
            assertThat(event.packet.data()).containsExactly(1, 2, 3);
            assertThat(event.dev.name()).isEqualTo("wlp82s0");
            assertThat(event.dev.ifindex()).isEqualTo(4);
            assertThat(event.dev.rxIfindex()).isEqualTo(4);
            assertThat(event.netns.cookie()).isEqualTo(0x1063L);
            assertThat(event.netns.inum()).isEqualTo(4026532177L);
            assertThat(event.skb.vlanAccel()).isEqualTo(new SkbSection.VlanAccel(0x88a8, 6, true, 123));
            assertThat(event.skb.dataRef()).isEqualTo(new SkbSection.DataRef(false, true, 0, 1, 2));
            assertThat(event.skb.meta()).isNull();
        }
    }

    @Test
    void leavesOutWhatTheProbeDidNotFill() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment record = arena.allocate(AT + RawEventLayout.SIZE);
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.TIMESTAMP, 42);
            Event event = new RawEventDecoder(probes, DropReasons.none(), null, NetnsNames.none(), List.of()).decode(record, AT, RawEventLayout.SIZE);
            assertThat(event.common.task()).isNull();
            assertThat(event.kernel.symbol()).isEqualTo("net:netif_receive_skb");
            assertThat(event.skbTracking).isNull();
            assertThat(event.packet).isNull();
            assertThat(event.dev).isNull();
            assertThat(event.netns).isNull();
            assertThat(event.skb).isNull();
            assertThat(event.skbDrop).isNull();
        }
    }

    @Test
    void namesSubsystemDropReasons() {
        DropReasons reasons = new DropReasons(Map.of(), Map.of(3, "openvswitch"));
        assertThat(reasons.section((3 << 16) | 2).subsys()).isEqualTo("openvswitch");
        // Not named (no enum in BTF): the full value, as Retis prints it.
        assertThat(reasons.section((3 << 16) | 2).dropReason()).isEqualTo("196610");
        assertThat(reasons.section(77).dropReason()).isEqualTo("77");
    }

    private static void putString(MemorySegment record, long at, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        record.asSlice(at, bytes.length).copyFrom(MemorySegment.ofArray(bytes));
    }

    /** Found by fuzzing: a record from no probe of ours is refused, a short one reads as zero-padded. */
    @Test
    void refusesUnknownProbesAndPadsShortRecords() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment record = arena.allocate(AT + RawEventLayout.SIZE);
            RawEventDecoder decoder = new RawEventDecoder(probes, DropReasons.none(), null, NetnsNames.none(), List.of());
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.PROBE_ID, probes.size());
            assertThat(decoder.decode(record, AT, RawEventLayout.SIZE)).isNull();
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.PROBE_ID, -1);
            assertThat(decoder.decode(record, AT, RawEventLayout.SIZE)).isNull();
            record.set(JAVA_INT_UNALIGNED, AT + RawEventLayout.PROBE_ID, 0);
            record.set(JAVA_LONG_UNALIGNED, AT + RawEventLayout.TIMESTAMP, 42);
            record.set(JAVA_SHORT_UNALIGNED, AT + RawEventLayout.FLAGS, (short) RawEventLayout.HAS_DEV);
            putString(record, AT + RawEventLayout.IFNAME, "eth0");
            Event event = decoder.decode(record, AT, RawEventLayout.IFNAME);
            assertThat(event.common.timestamp()).isEqualTo(42);
            assertThat(event.dev.name()).isEmpty(); // past the record's end: zeros
        }
    }
}
