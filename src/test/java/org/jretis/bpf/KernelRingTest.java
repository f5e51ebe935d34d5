package org.jretis.bpf;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jretis.ring.RingBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loads the test program into the running kernel, attaches it to netif_receive_skb, sends
 * packets on the loopback of a namespace of its own and reads them back through the ring buffer
 * and the per-CPU counter. Needs root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN) and ip(8).
 */
@Tag("kernel")
@Tag("matrix")
class KernelRingTest {
    private static final int RING_SIZE = 1 << 14;
    private static final int LOOPBACK = 1;
    /** A 1-byte UDP datagram at netif_receive_skb (Ethernet pulled): IP 20 + UDP 8 + 1. */
    private static final int UDP_LEN = 29;
    /** The port-unreachable answer, quoting the datagram: IP 20 + ICMP 8 + 29. */
    private static final int ICMP_LEN = 57;

    record Seen(int magic, int len, int ifindex, long netns) {}

    @Test
    void readsRecordsAndCountersWrittenByTheKernel() throws Exception {
        assumeTrue(Capabilities.ofThisProcess().canLoadTracingPrograms(),
                "loading BPF programs needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN (run as root)");
        String namespace = "jretis-ffm-" + ProcessHandle.current().pid();
        run("ip", "netns", "add", namespace);
        try {
            run("ip", "-n", namespace, "link", "set", "lo", "up");
            long inum = (Long) Files.getAttribute(Path.of("/run/netns", namespace), "unix:ino");
            try (BpfObject object = BpfObject.openResource(BpfObjectTest.OBJECT)) {
                object.setRodata("target_netns", inum);
                object.map("events").setMaxEntries(RING_SIZE);
                object.load();
                assertThatThrownBy(() -> object.setRodata("magic", 1)).isInstanceOf(IllegalStateException.class);

                BpfProgram program = object.program("on_receive");
                assertThatThrownBy(() -> program.attachRawTracepoint("jretis_no_such_tracepoint"))
                        .isInstanceOf(BpfException.class)
                        .hasMessage("cannot attach to raw tracepoint jretis_no_such_tracepoint program "
                                + "'on_receive': ENOENT (No such file or directory)");
                // Attach by section, detach, then attach by name: both paths work and clean up.
                program.attach().close();
                BpfLink link = program.attachRawTracepoint("netif_receive_skb");
                assertThat(link.program()).isEqualTo("on_receive");

                try (RingBuffer ring = RingBuffer.of(object.map("events"))) {
                    assertThat(ring.size()).isEqualTo(RING_SIZE);
                    run("ip", "netns", "exec", namespace, "bash", "-c",
                            "for i in 1 2 3; do printf x > /dev/udp/127.0.0.1/9; done");
                    List<Seen> seen = drainUntil(ring, 6);

                    assertThat(seen).hasSize(6).allSatisfy(s -> {
                        assertThat(s.magic()).isEqualTo(0x6a726574);
                        assertThat(s.ifindex()).isEqualTo(LOOPBACK);
                        assertThat(s.netns()).isEqualTo(inum);
                    });
                    assertThat(seen).extracting(Seen::len)
                            .containsExactlyInAnyOrder(UDP_LEN, UDP_LEN, UDP_LEN, ICMP_LEN, ICMP_LEN, ICMP_LEN);
                }
                long[] hits = object.map("hits").perCpuLongs(0);
                assertThat(hits).hasSize(BpfMap.possibleCpus());
                assertThat(Arrays.stream(hits).sum()).isEqualTo(6);
            }
        } finally {
            run("ip", "netns", "del", namespace);
        }
    }

    @Test
    void twoObjectsShareAMapThroughReuseFd() throws Exception {
        assumeTrue(Capabilities.ofThisProcess().canLoadTracingPrograms(),
                "loading BPF programs needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN (run as root)");
        try (BpfObject first = BpfObject.openResource(BpfObjectTest.OBJECT);
             BpfObject second = BpfObject.openResource(BpfObjectTest.OBJECT)) {
            first.load();
            second.map("hits").reuseFd(first.map("hits").fd());
            second.load();

            BpfMap shared = second.map("hits");
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment values = arena.allocate(shared.lookupSize(), Long.BYTES);
                values.fill((byte) 0);
                values.set(JAVA_LONG, 0, 42);
                shared.update(arena.allocateFrom(JAVA_INT, 0), values, BpfMap.ANY);
            }
            assertThat(first.map("hits").perCpuLongs(0)[0]).isEqualTo(42);
        }
    }

    @Test
    void aRejectedProgramFailsTheLoadWithTheVerifiersReason() throws Exception {
        assumeTrue(Capabilities.ofThisProcess().canLoadTracingPrograms(),
                "loading BPF programs needs CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN (run as root)");
        List<String> debug = new ArrayList<>();
        BpfLog.setHandler((level, message) -> {
            if (level == System.Logger.Level.DEBUG) {
                debug.add(message);
            }
        });
        try (BpfObject object = BpfObject.openResource(BpfObjectTest.OBJECT)) {
            object.program("rejected").setAutoload(true);
            assertThatThrownBy(object::load)
                    .isInstanceOf(BpfException.class)
                    .hasMessageStartingWith("cannot load BPF object 'ringtest': EACCES (Permission denied): "
                            + "prog 'rejected': BPF program load failed: Permission denied")
                    .hasMessageContaining("(verifier: ")
                    .hasMessageNotContaining("\n");
            assertThat(object.isLoaded()).isFalse();
            assertThat(debug).anyMatch(m -> m.contains("-- BEGIN PROG LOAD LOG --"));
        } finally {
            BpfLog.setHandler(System.getLogger("libbpf")::log);
        }
    }

    private static List<Seen> drainUntil(RingBuffer ring, int wanted) throws BpfException {
        List<Seen> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (seen.size() < wanted && System.nanoTime() < deadline) {
            if (ring.awaitData(100)) {
                ring.drain((data, offset, length) -> {
                    assertThat(length).isEqualTo(20);
                    seen.add(new Seen(data.get(JAVA_INT, offset), data.get(JAVA_INT, offset + 4),
                            data.get(JAVA_INT, offset + 8), Integer.toUnsignedLong(data.get(JAVA_INT, offset + 12))));
                });
            }
        }
        // Anything more would be a record from outside the namespace.
        ring.awaitData(200);
        ring.drain((data, offset, length) -> seen.add(new Seen(0, length, 0, 0)));
        return seen;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }
}
