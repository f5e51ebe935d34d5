package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jretis.btf.Btf;
import org.jretis.collector.RecordPart;
import org.jretis.collector.TextOut;
import org.jretis.collector.Unit;
import org.jretis.event.KernelSection;
import org.jretis.event.json.EventWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fast path must write exactly what decoding then the JSON codec write. */
class RawJsonEncoderTest {
    private static final List<KernelSection> PROBES = List.of(
            new KernelSection("net:netif_receive_skb", "raw_tracepoint", null),
            new KernelSection("net:net_dev_start_xmit", "raw_tracepoint", null),
            new KernelSection("skb:kfree_skb", "raw_tracepoint", null));
    private static final DropReasons DROPS = new DropReasons(Map.of(2, "NOT_SPECIFIED", 5, "NO_SOCKET"),
            Map.of(1, "mac80211_unusable"));
    private static final int SIZE = RawEventLayout.SIZE + 8;

    private final RawEventDecoder decoder = new RawEventDecoder(PROBES, DROPS, null, NetnsNames.none(), List.of());
    private final RawJsonEncoder encoder = decoder.jsonEncoder();
    private final Arena arena = Arena.ofAuto();

    @Test
    void writesWhatTheCodecWritesForRandomRecords() {
        Random random = new Random(42);
        int encoded = 0;
        for (int i = 0; i < 5000; i++) {
            MemorySegment record = randomRecord(random);
            // Probes send the fixed part and the captured bytes; what lies past that is not the record's.
            int length = random.nextBoolean() ? RawEventLayout.SIZE : RawEventLayout.DATA + random.nextInt(256);
            if (encoder.encode(record, 8, length)) {
                encoded++;
                assertThat(line()).isEqualTo(EventWriter.toJson(decoder.decode(record, 8, length)));
            }
        }
        assertThat(encoded).isGreaterThan(4000);
    }

    /** Sections written once and copied afterwards (a task's, a device's) must stay those of each record. */
    @Test
    void writesWhatTheCodecWritesWhenSectionsRepeat() {
        Random random = new Random(7);
        int[] flagSets = {
            RawEventLayout.HAS_TASK | RawEventLayout.HAS_TRACKING | RawEventLayout.HAS_PACKET | RawEventLayout.HAS_DEV
                    | RawEventLayout.HAS_NETNS | RawEventLayout.HAS_COOKIE,
            RawEventLayout.HAS_TRACKING | RawEventLayout.HAS_PACKET | RawEventLayout.HAS_DEV | RawEventLayout.HAS_NETNS,
            RawEventLayout.HAS_TASK | RawEventLayout.HAS_DEV | RawEventLayout.HAS_DROP,
            RawEventLayout.HAS_NETNS | RawEventLayout.HAS_COOKIE | RawEventLayout.HAS_META,
        };
        for (int i = 0; i < 3000; i++) {
            MemorySegment record = record(flagSets[random.nextInt(flagSets.length)]);
            record.set(JAVA_LONG_UNALIGNED, 8 + RawEventLayout.TIMESTAMP, random.nextLong());
            record.set(JAVA_LONG_UNALIGNED, 8 + RawEventLayout.SKB, random.nextLong());
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.PROBE_ID, random.nextInt(PROBES.size()));
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.CPU, random.nextInt(2));
            int task = random.nextInt(3);
            record.set(JAVA_LONG_UNALIGNED, 8 + RawEventLayout.PID_TGID, (100L + task << 32) | 100 + task);
            putString(record, RawEventLayout.COMM, task == 2 ? "0123456789abcdef" : "task" + task);
            int place = random.nextInt(4);
            record.set(JAVA_LONG_UNALIGNED, 8 + RawEventLayout.NETNS_COOKIE, 4096 + place % 2);
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.NETNS_INUM, 0xf000_0000 + place % 3);
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.IFINDEX, place);
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.RX_IFINDEX, place == 3 ? 9 : 0);
            putString(record, RawEventLayout.IFNAME, "veth" + place % 2);
            record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.CAP_LEN, (short) random.nextInt(100));
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.DROP_REASON, 2 + 3 * random.nextInt(2));
            assertThat(encoder.encode(record, 8, RawEventLayout.SIZE)).isTrue();
            assertThat(line()).isEqualTo(EventWriter.toJson(decoder.decode(record, 8, RawEventLayout.SIZE)));
        }
    }

    @Test
    void leavesNamesJsonWouldEscapeToTheDecoder() {
        MemorySegment record = record(RawEventLayout.HAS_TASK | RawEventLayout.HAS_DEV);
        putString(record, RawEventLayout.COMM, "a\"b");
        putString(record, RawEventLayout.IFNAME, "eth0");
        assertThat(encoder.encode(record, 8, RawEventLayout.SIZE)).isFalse();
        putString(record, RawEventLayout.COMM, "ping");
        putString(record, RawEventLayout.IFNAME, "é0");
        assertThat(encoder.encode(record, 8, RawEventLayout.SIZE)).isFalse();
        putString(record, RawEventLayout.IFNAME, "eth0");
        assertThat(encoder.encode(record, 8, RawEventLayout.SIZE)).isTrue();
    }

    @Test
    void leavesStackTracesToTheDecoder() {
        assertThat(encoder.encode(record(RawEventLayout.HAS_STACK), 8, RawEventLayout.SIZE)).isFalse();
    }

    @Test
    void writesAFullRecordAsTheCodecDoes() {
        MemorySegment record = record(RawEventLayout.HAS_TASK | RawEventLayout.HAS_TRACKING | RawEventLayout.HAS_PACKET
                | RawEventLayout.HAS_DEV | RawEventLayout.HAS_NETNS | RawEventLayout.HAS_COOKIE | RawEventLayout.HAS_VLAN
                | RawEventLayout.HAS_META | RawEventLayout.HAS_DATAREF | RawEventLayout.HAS_GSO | RawEventLayout.HAS_DROP);
        record.set(JAVA_LONG_UNALIGNED, 8 + RawEventLayout.TIMESTAMP, -1L);
        record.set(JAVA_LONG_UNALIGNED, 8 + RawEventLayout.PID_TGID, (1234L << 32) | 1235);
        putString(record, RawEventLayout.COMM, "flood");
        putString(record, RawEventLayout.IFNAME, "veth0");
        record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.CAP_LEN, (short) 106);
        record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.PKT_LEN, 106);
        record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.DROP_REASON, 5);
        record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.RX_IFINDEX, 7);
        record.set(JAVA_LONG_UNALIGNED, 8 + RawEventLayout.SKB, 10_000_000_000_000_007L); // zeros inside digit groups
        assertThat(encoder.encode(record, 8, RawEventLayout.SIZE)).isTrue();
        assertThat(line()).isEqualTo(EventWriter.toJson(decoder.decode(record, 8, RawEventLayout.SIZE)))
                .contains("\"skb-drop\":{\"drop_reason\":\"NO_SOCKET\"}", "\"timestamp\":18446744073709551615",
                        "\"skb\":10000000000000007}");
    }

    @Test
    void writesNamespaceNamesAsTheCodecDoes(@TempDir Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("proc"));
        Path blue = Files.createFile(run.resolve("blue \"\u00e9\""));
        long inum = ((Number) Files.getAttribute(blue, "unix:ino")).longValue();
        NetnsNames names = new NetnsNames(run, dir.resolve("proc"));
        names.scan();
        RawEventDecoder named = new RawEventDecoder(PROBES, DROPS, null, names, List.of());
        RawJsonEncoder namedEncoder = named.jsonEncoder();
        MemorySegment record = record(RawEventLayout.HAS_NETNS);
        for (long netns : new long[] {inum, 12345, inum}) {
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.NETNS_INUM, (int) netns);
            assertThat(namedEncoder.encode(record, 8, RawEventLayout.SIZE)).isTrue();
            String line = new String(namedEncoder.line().bytes(), 0, namedEncoder.line().length(), StandardCharsets.UTF_8);
            assertThat(line).isEqualTo(EventWriter.toJson(named.decode(record, 8, RawEventLayout.SIZE)));
            assertThat(line.contains("\"name\":\"blue \\\"\u00e9\\\"\"")).isEqualTo(netns == inum);
        }
    }

    @Test
    void readsPacketBytesOnlyAsFarAsTheRecordGoes() {
        MemorySegment record = record(RawEventLayout.HAS_PACKET);
        record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.CAP_LEN, (short) 6);
        record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.PKT_LEN, 60);
        for (int i = 0; i < 6; i++) {
            record.set(JAVA_BYTE, 8 + RawEventLayout.DATA + i, (byte) (i + 1));
        }
        assertThat(encoder.encode(record, 8, RawEventLayout.DATA + 3)).isTrue();
        assertThat(line()).contains("\"packet\":{\"len\":60,\"capture_len\":3,\"data\":\"AQID\"}")
                .isEqualTo(EventWriter.toJson(decoder.decode(record, 8, RawEventLayout.DATA + 3)));
    }

    @Test
    void writesUnitSectionsAfterTheCoreOnesAsTheCodecDoes() {
        Unit unit = new TreeUnit();
        RawEventDecoder withUnit = new RawEventDecoder(PROBES, DROPS, null, NetnsNames.none(),
                List.of(new RawEventDecoder.UnitPart(unit, new TreePart())));
        RawJsonEncoder fast = withUnit.jsonEncoder();
        MemorySegment record = arena.allocate(RawEventLayout.SIZE + 64);
        record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.FLAGS, (short) (RawEventLayout.HAS_PACKET | unit.recordFlag()));
        record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.CAP_LEN, (short) 13);
        int length = RawEventLayout.DATA + 16 + TreePart.SIZE; // 13 packet bytes, aligned to 16, then the part
        assertThat(fast.encode(record, 8, length)).isTrue();
        String json = new String(fast.line().bytes(), 0, fast.line().length(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(EventWriter.toJson(withUnit.decode(record, 8, length)))
                .endsWith(",\"tree\":{\"big\":18446744073709551615,\"at\":" + (8 + RawEventLayout.DATA + 16) + "}}");
    }

    /** A unit whose section says where its part was read. */
    private static final class TreeUnit implements Unit {
        public String section() { return "tree"; }
        public String collector() { return "tree"; }
        public String cannotRun() { return null; }
        public int probeBit() { return 1 << 8; }
        public int recordFlag() { return 1 << 13; }
        public RecordPart recordPart(Btf kernel) { return new TreePart(); }
        public JsonNode upgrade(JsonNode section) { return section; }
        public void appendText(JsonNode section, TextOut out) { }
        public String schemaResource() { return null; }
    }

    private static final class TreePart implements RecordPart {
        static final int SIZE = 8;

        public int size() { return SIZE; }

        public JsonNode decode(MemorySegment record, long at) {
            ObjectNode tree = JsonNodeFactory.instance.objectNode();
            tree.put("big", new BigInteger("18446744073709551615"));
            tree.put("at", at);
            return tree;
        }
    }

    private String line() {
        return new String(encoder.line().bytes(), 0, encoder.line().length(), StandardCharsets.UTF_8);
    }

    /** A record at offset 8 of a segment, as in a ring after its header, with only its flags set. */
    private MemorySegment record(int flags) {
        MemorySegment record = arena.allocate(SIZE);
        record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.FLAGS, (short) flags);
        return record;
    }

    private MemorySegment randomRecord(Random random) {
        MemorySegment record = arena.allocate(SIZE);
        for (long i = 8; i < SIZE; i++) {
            record.set(JAVA_BYTE, i, (byte) random.nextInt());
        }
        // Small and large values both: digits and the unsigned range are where encoders differ.
        for (int field : new int[] {RawEventLayout.TIMESTAMP, RawEventLayout.SKB, RawEventLayout.ORIG_HEAD,
                RawEventLayout.NETNS_COOKIE, RawEventLayout.PID_TGID}) {
            if (random.nextBoolean()) {
                record.set(JAVA_LONG_UNALIGNED, 8 + field, random.nextInt(1000));
            }
        }
        int flags = random.nextInt(1 << 11); // everything but stacks
        record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.FLAGS, (short) flags);
        record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.PROBE_ID, random.nextInt(PROBES.size()));
        record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.DROP_REASON, random.nextInt(4) << (random.nextBoolean() ? 0 : 16));
        record.set(JAVA_SHORT_UNALIGNED, 8 + RawEventLayout.CAP_LEN, (short) random.nextInt(300));
        if (random.nextBoolean()) {
            record.set(JAVA_INT_UNALIGNED, 8 + RawEventLayout.RX_IFINDEX, random.nextInt(3) - 1);
        }
        putString(record, RawEventLayout.COMM, random.nextInt(10) == 0 ? "0123456789abcdefXYZ" : "comm" + random.nextInt(99));
        putString(record, RawEventLayout.IFNAME, random.nextInt(10) == 0 ? "tab\there" : "if" + random.nextInt(99));
        return record;
    }

    /** Up to 16 bytes; a NUL ends a shorter string. */
    private static void putString(MemorySegment record, int field, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < RawEventLayout.NAME_LEN; i++) {
            record.set(JAVA_BYTE, 8 + field + i, i < bytes.length ? bytes[i] : 0);
        }
    }
}
