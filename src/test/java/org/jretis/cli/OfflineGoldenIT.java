package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * print, sort and stats run as users run them, on Retis' own files, compared with golden files
 * under {@code src/test/resources/golden/cli/}. Run with {@code -Dgolden.update=true} to rewrite
 * the golden files after a deliberate change, then review their diff.
 */
class OfflineGoldenIT {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/cli");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("print-packets", List.of("print", "test_events_packets.json")),
                Arguments.of("print-packets-single-line", List.of("print", "--format", "single-line", "test_events_packets.json")),
                Arguments.of("print-packets-utc", List.of("print", "--utc", "test_events_packets.json")),
                Arguments.of("print-packets-link-layer", List.of("print", "-e", "test_events_packets.json")),
                Arguments.of("print-packets-all-options", List.of("print", "--format", "single-line", "--utc", "-e", "test_events_packets.json")),
                Arguments.of("print-invalid-ct", List.of("print", "test_events_packets_invalid_ct.json")),
                Arguments.of("print-v1.5", List.of("print", "test_events.json")),
                Arguments.of("print-sorted", List.of("print", "test_events_sorted.json")),
                Arguments.of("print-sorted-single-line-utc", List.of("print", "--format", "single-line", "--utc", "test_events_sorted.json")),
                Arguments.of("sort-packets", List.of("sort", "test_events_packets.json")),
                Arguments.of("sort-packets-single-line-utc", List.of("sort", "--format", "single-line", "--utc", "test_events_packets.json")),
                Arguments.of("sort-packets-link-layer", List.of("sort", "-e", "test_events_packets.json")),
                Arguments.of("sort-packets-small-buffer", List.of("sort", "--max-buffer", "2", "test_events_packets.json")),
                Arguments.of("stats-packets", List.of("stats", "test_events_packets.json")),
                Arguments.of("stats-invalid-ct", List.of("stats", "test_events_packets_invalid_ct.json")),
                Arguments.of("stats-v1.5", List.of("stats", "test_events.json")),
                Arguments.of("stats-sorted", List.of("stats", "test_events_sorted.json")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGolden(String name, List<String> args) throws Exception {
        RetisJar.Result run = RetisJar.run(RetisJar.FIXTURES, args.toArray(String[]::new));
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertGolden(name, run.stdout());
    }

    @Test
    void sortingASortedFileSaysSoAndPrintsNothing() throws Exception {
        RetisJar.Result run = RetisJar.run(RetisJar.FIXTURES, "sort", "test_events_sorted.json");
        assertThat(run.status()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("File already sorted\n");
    }

    @Test
    void sortedFileHoldsOneSeriesPerLineAndPrintsAsSortPrinted() throws Exception {
        Path copy = dir.resolve("packets.json");
        Files.writeString(copy, Files.readString(RetisJar.FIXTURES.resolve("test_events_packets.json"))
                .replace("\"retis_version\":\"v1.6.0\"", "\"retis_version\":\"v1.7.0\""));
        RetisJar.Result sort = RetisJar.run(dir, "sort", "packets.json", "-o", "sorted.json", "--print");
        assertThat(sort.status()).as(sort.stderr()).isZero();
        String sortedText = sort.stdout();

        List<String> lines = Files.readAllLines(dir.resolve("sorted.json"), StandardCharsets.UTF_8);
        ObjectMapper strict = StrictJson.mapper();
        int events = 0;
        for (String line : lines) {
            JsonNode series = strict.readTree(line);
            assertThat(series.isArray()).as(line).isTrue();
            events += series.size();
        }
        assertThat(strict.readTree(lines.getFirst()).get(0).has("startup")).isTrue();
        assertThat(events).isEqualTo(27);

        RetisJar.Result print = RetisJar.run(dir, "print", "sorted.json");
        assertThat(print.status()).as(print.stderr()).isZero();
        assertThat(print.stdout()).isEqualTo(sortedText);
        assertGolden("sort-packets-from-v1.7", sortedText);
    }

    @Test
    void packetFilterKeepsOnlyTheMatchingSavedEvents() throws Exception {
        String requests = "icmp[icmptype] == icmp-echo";
        RetisJar.Result all = RetisJar.run(RetisJar.FIXTURES, "print", "--format", "single-line", "test_events_packets.json");
        RetisJar.Result kept = RetisJar.run(RetisJar.FIXTURES, "print", "--format", "single-line", "-f", requests,
                "test_events_packets.json");
        assertThat(kept.status()).isZero();
        // The startup event carries no packet and is kept as the file's header.
        List<String> packets = kept.stdout().lines().filter(l -> !l.isBlank() && !l.contains("collected with")).toList();
        // The packet's own text, not the ct section's (which names the request in replies too).
        String request = "proto ICMP (1) type 8 code 0";
        assertThat(packets).isNotEmpty().allMatch(l -> l.contains(request));
        assertThat(all.stdout().lines().filter(l -> l.contains(request)).count()).isEqualTo(packets.size());
        assertThat(all.stdout().lines().filter(l -> l.contains("proto ICMP (1) type 0 code 0")).count()).isPositive();
        RetisJar.Result bad = RetisJar.run(RetisJar.FIXTURES, "print", "-f", "tcp port", "test_events_packets.json");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.stderr().strip()).startsWith("Error: ").contains("tcp port");
    }

    private static void assertGolden(String name, String actual) throws Exception {
        Path golden = GOLDEN.resolve(name + ".txt");
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
