package org.jretis.collect;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.json.EventWriter;
import org.jretis.ring.RingBuffer;
import org.jretis.sink.PcapSink;
import org.jretis.text.EventFormatter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The capture's hot path, one event at a time (scores are events/s; run with {@code -prof gc}
 * for bytes allocated per event): reading a ring holding records like a UDP flood's, decoding
 * them, and turning events into JSON lines, text and pcap-ng.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class HotPathBenchmark {
    static final int RECORDS = 1024;
    /** A ring record's header (length and page offset), then the record, 8-byte aligned. */
    private static final int HEADER = 8;
    /** Bytes of a flood record: the fixed part and a 106-byte frame, as probes send it. */
    private static final int RECORD = RawEventLayout.DATA + 106;
    private static final int RECORD_SPACE = (HEADER + RECORD + 7) & ~7;

    private final Arena arena = Arena.ofAuto();
    private MemorySegment consumer;
    private MemorySegment producer;
    private RingBuffer ring;
    private RawEventDecoder decoder;
    private RawJsonEncoder rawJson;
    private Event event;
    private EventWriter json;
    private EventFormatter text;
    private StringBuilder textOut;
    private PcapSink pcap;
    private Path run;

    @Setup
    public void setUp() throws IOException {
        long size = Long.highestOneBit((long) RECORDS * RECORD_SPACE) * 2;
        consumer = arena.allocate(4096, 4096);
        producer = arena.allocate(4096, 4096);
        MemorySegment data = arena.allocate(2 * size, 4096);
        // The flood's two ends, each in a namespace named as ip netns names it: a file whose
        // inode number stands for the namespace's.
        run = Files.createTempDirectory("jmh-netns");
        long[] inums = {inode(Files.createFile(run.resolve("flooda"))), inode(Files.createFile(run.resolve("floodb")))};
        NetnsNames names = new NetnsNames(run, run.resolve("no-proc"));
        names.scan();
        for (int i = 0; i < RECORDS; i++) {
            long at = (long) i * RECORD_SPACE;
            data.set(JAVA_INT, at, RECORD);
            floodRecord(data, at + HEADER, i, inums[i & 1]);
        }
        ring = RingBuffer.over(consumer, producer, data);
        List<KernelSection> probes = List.of(new KernelSection("net:netif_receive_skb", "raw_tracepoint", null),
                new KernelSection("net:net_dev_start_xmit", "raw_tracepoint", null));
        decoder = new RawEventDecoder(probes, new DropReasons(Map.of(), Map.of()), null, names, List.of());
        rawJson = decoder.jsonEncoder();
        event = decoder.decode(data, HEADER, RECORD);
        json = new EventWriter(OutputStream.nullOutputStream());
        text = new EventFormatter(EventFormatter.Format.MULTI_LINE, false, false);
        textOut = new StringBuilder(1024);
        pcap = new PcapSink(OutputStream.nullOutputStream());
    }

    @TearDown
    public void tearDown() throws IOException {
        try (var files = Files.list(run)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(run);
    }

    /** Drain a ring of {@link #RECORDS} records, decoding each into an {@link Event}. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void ringReadDecode(Blackhole bh) {
        refill();
        ring.drain((record, offset, length) -> bh.consume(decoder.decode(record, offset, length)));
    }

    /** Drain a ring of {@link #RECORDS} records straight to JSON lines, as a capture to a file does. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void ringReadRawJson(Blackhole bh) {
        refill();
        ring.drain((record, offset, length) -> bh.consume(rawJson.encode(record, offset, length)));
    }

    @Benchmark
    public void jsonEncode() throws IOException {
        json.write(event);
    }

    @Benchmark
    public void textFormat(Blackhole bh) {
        textOut.setLength(0);
        bh.consume(text.format(event, textOut));
    }

    @Benchmark
    public void pcapngEncode() throws IOException {
        pcap.accept(event);
    }

    /** Makes every record unread again: they stay committed in memory. */
    private void refill() {
        consumer.set(JAVA_LONG, 0, 0);
        producer.set(JAVA_LONG, 0, (long) RECORDS * RECORD_SPACE);
    }

    /** A record as the probes write for a 64-byte UDP datagram on a veth. */
    private static void floodRecord(MemorySegment r, long at, int i, long inum) {
        r.set(JAVA_LONG_UNALIGNED, at + RawEventLayout.TIMESTAMP, 1_234_567_890_123L + i * 1000L);
        r.set(JAVA_LONG_UNALIGNED, at + RawEventLayout.SKB, 0xffff8881_0a2b_3c00L + i * 256L);
        r.set(JAVA_LONG_UNALIGNED, at + RawEventLayout.ORIG_HEAD, 0xffff8881_0b00_0000L + i * 1024L);
        r.set(JAVA_LONG_UNALIGNED, at + RawEventLayout.TRACK_TS, 1_234_567_880_000L + i * 1000L);
        r.set(JAVA_LONG_UNALIGNED, at + RawEventLayout.NETNS_COOKIE, 4097);
        r.set(JAVA_LONG_UNALIGNED, at + RawEventLayout.PID_TGID, (4242L << 32) | 4242);
        r.set(JAVA_INT_UNALIGNED, at + RawEventLayout.NETNS_INUM, (int) inum);
        r.set(JAVA_INT_UNALIGNED, at + RawEventLayout.PROBE_ID, i & 1);
        r.set(JAVA_INT_UNALIGNED, at + RawEventLayout.CPU, 1);
        r.set(JAVA_INT_UNALIGNED, at + RawEventLayout.IFINDEX, 2);
        r.set(JAVA_INT_UNALIGNED, at + RawEventLayout.PKT_LEN, 106);
        r.set(JAVA_SHORT_UNALIGNED, at + RawEventLayout.CAP_LEN, (short) 106);
        r.set(JAVA_SHORT_UNALIGNED, at + RawEventLayout.FLAGS, (short) (RawEventLayout.HAS_TASK
                | RawEventLayout.HAS_TRACKING | RawEventLayout.HAS_PACKET | RawEventLayout.HAS_DEV
                | RawEventLayout.HAS_NETNS | RawEventLayout.HAS_COOKIE));
        byte[] comm = "flood".getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(comm, 0, r, JAVA_BYTE, at + RawEventLayout.COMM, comm.length);
        byte[] ifname = "fa1234".getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(ifname, 0, r, JAVA_BYTE, at + RawEventLayout.IFNAME, ifname.length);
        byte[] frame = udpFrame(i);
        MemorySegment.copy(frame, 0, r, JAVA_BYTE, at + RawEventLayout.DATA, frame.length);
    }

    private static long inode(Path file) throws IOException {
        return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
    }

    /** Ethernet + IPv4 + UDP headers and a 64-byte payload: 106 bytes. */
    private static byte[] udpFrame(int i) {
        byte[] f = new byte[106];
        f[12] = 0x08; // IPv4
        f[14] = 0x45;
        f[16] = 0;
        f[17] = 92; // total length
        f[22] = 64; // TTL
        f[23] = 17; // UDP
        f[26] = (byte) 198; f[27] = 18; f[28] = 1; f[29] = 1;
        f[30] = (byte) 198; f[31] = 18; f[32] = 1; f[33] = 2;
        f[34] = (byte) (i >> 8); f[35] = (byte) i; // source port
        f[36] = 0x27; f[37] = 0x0f; // 9999
        f[38] = 0; f[39] = 72; // UDP length
        return f;
    }
}
