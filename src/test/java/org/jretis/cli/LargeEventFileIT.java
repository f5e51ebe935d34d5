package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file far larger than the heap goes through print, sort (bounded buffer) and pcap in a JVM of
 * 64 MB: nothing holds the whole file. Each run reports its events per second (JVM start included).
 */
class LargeEventFileIT {
    private static final List<String> SMALL_HEAP = List.of("-Xmx64m");
    /** About 830 bytes a line: some 250 MB. */
    private static final int ROUNDS = 12_000;

    @TempDir
    static Path dir;
    private static long events;

    /** Retis' ping capture repeated, each round later and with tracking ids of its own. */
    @BeforeAll
    static void writeLargeFile() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(RetisJar.FIXTURES.resolve("test_events_packets.json"));
        List<ObjectNode> templates = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            templates.add((ObjectNode) mapper.readTree(line));
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("large.data"), StandardCharsets.UTF_8)) {
            out.write(lines.getFirst().replace("\"retis_version\":\"v1.6.0\"", "\"retis_version\":\"v1.7.0\""));
            out.write('\n');
            for (int round = 0; round < ROUNDS; round++) {
                long shift = round * 10_000_000L;
                for (ObjectNode template : templates) {
                    ObjectNode event = template.deepCopy();
                    shift((ObjectNode) event.get("common"), shift);
                    if (event.has("skb-tracking")) {
                        shift((ObjectNode) event.get("skb-tracking"), shift);
                    }
                    out.write(mapper.writeValueAsString(event));
                    out.write('\n');
                    events++;
                }
            }
        }
    }

    private static void shift(ObjectNode section, long by) {
        section.put("timestamp", section.get("timestamp").asLong() + by);
    }

    @Test
    void fileIsLargerThanTheHeapAllowed() throws Exception {
        assertThat(Files.size(dir.resolve("large.data"))).isGreaterThan(200_000_000L);
    }

    @Test
    void printsInBoundedMemory() throws Exception {
        assertThat(timed("print", "large.data").stderr()).isEmpty();
    }

    @Test
    void sortsInBoundedMemory() throws Exception {
        assertThat(timed("sort", "--max-buffer", "1000", "large.data").stderr()).isEmpty();
    }

    @Test
    void convertsToPcapInBoundedMemory() throws Exception {
        RetisJar.Result pcap = timed("pcap", "large.data", "-o", "large.pcapng");
        assertThat(pcap.stderr()).isEqualTo(events + " event(s) were processed\n");
        assertThat(Files.size(dir.resolve("large.pcapng"))).isGreaterThan(events * 98);
    }

    /** One line of 200 MB is skipped unread, named by the limit, and the lines around it are read. */
    @Test
    void skipsAHugeLineInBoundedMemory() throws Exception {
        Path file = dir.resolve("huge-line.data");
        List<String> lines = Files.readAllLines(RetisJar.FIXTURES.resolve("test_events_packets.json"));
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(lines.get(0).replace("\"retis_version\":\"v1.6.0\"", "\"retis_version\":\"v1.7.0\""));
            out.write("\n{\"common\":{\"timestamp\":1},\"ovs\":\"");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'a');
            for (int mb = 0; mb < 200; mb++) {
                out.write(chunk);
            }
            out.write("\"}\n");
            out.write(lines.get(1));
            out.write('\n');
        }
        RetisJar.Result print = RetisJar.runDiscardingStdout(dir, SMALL_HEAP, "print", "huge-line.data");
        assertThat(print.status()).as(print.stderr()).isEqualTo(1);
        assertThat(print.stderr()).isEqualTo("WARN  huge-line.data:2: line longer than 16 MiB, the longest line read\n");
    }

    /** Sorting with no limit on held events runs out of a small heap: the error names the limit. */
    @Test
    void sortWithoutABufferLimitNamesItWhenMemoryRunsOut() throws Exception {
        RetisJar.Result sort = RetisJar.runDiscardingStdout(dir, List.of("-Xmx32m"), "sort", "--max-buffer", "0",
                "large.data");
        assertThat(sort.status()).isEqualTo(1);
        assertThat(sort.stderr()).matches("Error: Out of memory with \\d+ events held for sorting"
                + " \\(--max-buffer 0: no limit\\): use a smaller --max-buffer\n");
    }

    @Test
    void showsProgressOnATerminalStderr() throws Exception {
        String print = RetisJar.javaCommandLine(SMALL_HEAP, "print", "large.data");
        RetisJar.Result terminal = RetisJar.onTerminal(dir, print + " >/dev/null");
        assertThat(terminal.status()).isZero();
        // One line rewritten in place, about once a second, erased at the end.
        assertThat(terminal.stdout()).containsPattern("\\r\\033\\[K\\d+ events, \\d+ events/s, \\d+% of large.data \\(2\\d\\d\\.\\d MB\\)")
                .endsWith("\r\033[K").doesNotContain("\n");
    }

    private static RetisJar.Result timed(String... args) throws Exception {
        long start = System.nanoTime();
        RetisJar.Result run = RetisJar.runDiscardingStdout(dir, SMALL_HEAP, args);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(run.status()).as(run.stderr()).isZero();
        System.out.printf(Locale.ROOT, "%s: %d events in %.1f s, %.0f events/s with -Xmx64m%n",
                String.join(" ", args), events, seconds, events / seconds);
        return run;
    }
}
