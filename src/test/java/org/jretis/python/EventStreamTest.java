package org.jretis.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jretis.event.json.Fixtures;
import org.jretis.event.json.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void eachEventIsItsJsonLineThenItsText() throws Exception {
        String stream = events(Fixtures.file("test_events_packets.json"));
        assertThat(stream).startsWith("OK events\nE ").endsWith("DONE 0\n");
        assertThat(Pattern.compile("E \\d+ \\d+\n").matcher(stream).results().count()).isEqualTo(27);
        assertThat(stream).contains("\n  collected with Retis v1.6.0E ")
                .contains("}\n30419169061793 (6) [ping] 11330 [tp] net:net_dev_start_xmit #1baa83c42ba1ffff8e95c3b67c00");
    }

    @Test
    void aSortedFileIsSeriesOfEvents() throws Exception {
        String stream = events(Fixtures.file("test_events_sorted.json"));
        assertThat(stream).startsWith("OK sorted\nS 1\nE ");
        assertThat(Pattern.compile("S \\d+\n").matcher(stream).results().map(MatchResult::group))
                .containsExactly("S 1\n", "S 1\n", "S 2\n", "S 1\n");
    }

    @Test
    void aFileThatCannotBeReadIsOneErrLine(@TempDir Path dir) throws Exception {
        assertThat(events(dir.resolve("missing"))).isEqualTo("ERR " + dir.resolve("missing") + ": No such file or directory\n");
    }

    @Test
    void badLinesAreSkippedCountedAndWarnedAbout(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        List<String> lines = Files.readAllLines(Fixtures.file("test_events.json"));
        Files.writeString(file, lines.getFirst() + "\nnot json\n" + lines.get(1) + "\n");
        String stream = events(file);
        assertThat(stream).endsWith("DONE 1\n");
        assertThat(warnings).singleElement().asString().startsWith(file + ":2: ");
    }

    @Test
    void sectionsAreAnsweredWithTheirOwnText(@TempDir Path dir) throws Exception {
        Path requests = dir.resolve("requests");
        Files.writeString(requests, """
                {"common":{"timestamp":0},"startup":{"retis_version":"1.7.0"}}
                {"common":{"timestamp":5,"smp_id":1,"task":{"pid":2,"tgid":2,"comm":"ping"}},"kernel":{"symbol":"net:netif_rx","probe_type":"raw_tracepoint"},"dev":{"name":"eth0","ifindex":3}}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EventStream(out).sections(new InputSpec(requests, false), warnings::add);
        String answers = out.toString(StandardCharsets.UTF_8);
        String second = section("common", "5 (1) [ping] 2") + section("kernel", "[tp] net:netif_rx")
                + section("dev", "if 3 (eth0)");
        String first = section("common", "0") + section("startup", "collected with Retis 1.7.0");
        assertThat(answers).isEqualTo(first.length() + "\n" + first + second.length() + "\n" + second);
        assertThat(warnings).isEmpty();
    }

    private static String section(String name, String text) {
        return name + " " + text.length() + "\n" + text;
    }

    private String events(Path file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EventStream(out).events(new InputSpec(file, false), warnings::add);
        return out.toString(StandardCharsets.UTF_8);
    }
}
