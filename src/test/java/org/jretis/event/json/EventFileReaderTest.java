package org.jretis.event.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jretis.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileReaderTest {
    private static final String STARTUP = "{\"common\":{\"timestamp\":1},\"startup\":{\"retis_version\":\"1.7.0\"}}";
    private static final String EVENT = "{\"common\":{\"timestamp\":%d},\"kernel\":{\"symbol\":\"net:netif_rx\",\"probe_type\":\"raw_tracepoint\"}}";

    @TempDir
    Path tmp;
    private final List<String> warnings = new ArrayList<>();

    @Test
    void everyFixtureReadsWithoutWarnings() throws IOException {
        assertThat(count("test_events.json")).isEqualTo(5);
        assertThat(count("test_events_bench.json")).isEqualTo(5);
        assertThat(count("test_events_packets.json")).isEqualTo(27);
        assertThat(count("test_events_packets_invalid_ct.json")).isEqualTo(17);
        assertThat(count("test_events_sorted.json")).isEqualTo(5);
        assertThat(warnings).isEmpty();
    }

    @Test
    void emptyFile() throws IOException {
        Path f = write("empty", "");
        assertThatThrownBy(() -> open(f)).isInstanceOf(EventFileException.class).hasMessage(f + ": empty file");
    }

    @Test
    void noStartupEvent() throws IOException {
        Path f = write("nostartup", EVENT.formatted(5) + "\n");
        assertThatThrownBy(() -> open(f)).hasMessage(f + ": Cannot find version in startup event");
    }

    @Test
    void unknownVersion() throws IOException {
        Path f = write("old", STARTUP.replace("1.7.0", "v1.4.2") + "\n");
        assertThatThrownBy(() -> open(f)).hasMessage(
                f + ": Unsupported Retis version v1.4.2 (files from Retis 1.5.0 to 1.x can be read)");
        Path g = write("unspec", STARTUP.replace("1.7.0", "unspec") + "\n");
        assertThatThrownBy(() -> open(g)).hasMessage(g + ": Invalid Retis version 'unspec'");
    }

    @Test
    void notAnEventsFile() throws IOException {
        Path f = write("text", "hello\n");
        assertThatThrownBy(() -> open(f)).hasMessage(
                f + ":1: not a Retis events file (the first line is not a JSON object or array)");
        Path g = write("brokenstartup", "{\"common\":{\"timestamp\":\"now\"}}\n");
        assertThatThrownBy(() -> open(g)).hasMessage(g + ":1: common.timestamp: expected an unsigned integer, found a string");
    }

    @Test
    void missingFileAndDirectory() {
        Path missing = tmp.resolve("nope.data");
        assertThatThrownBy(() -> open(missing)).hasMessage(missing + ": No such file or directory");
        assertThatThrownBy(() -> open(tmp)).hasMessage(tmp + ": Is a directory");
    }

    @Test
    void badLinesAreWarnedAndSkipped() throws IOException {
        Path f = write("bad", STARTUP + "\n"
                + EVENT.formatted(2) + "\n"
                + "garbage here\n"
                + "{\"common\":{\"timestamp\":\"3\"}}\n"
                + "{\"common\":{\"timestamp\":-4}}\n"
                + "{\"common\":{\"timestamp\":18446744073709551616}}\n"
                + "\n"
                + EVENT.formatted(7) + "\n"
                + "{\"common\":{\"timestamp\":8},\"kernel\":{\"sym");
        List<Event> events = readAll(f);
        assertThat(events).extracting(e -> e.common.timestamp()).containsExactly(1L, 2L, 7L);
        assertThat(warnings).containsExactly(
                f + ":3: invalid JSON: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                f + ":4: common.timestamp: expected an unsigned integer, found a string",
                f + ":5: common.timestamp: value -4 out of range",
                f + ":6: common.timestamp: value 18446744073709551616 out of range",
                f + ":9: truncated line at end of file (invalid JSON: Unexpected end-of-input in field name)");
    }

    @Test
    void lastLineWithoutNewlineIsFineWhenComplete() throws IOException {
        Path f = write("nonl", STARTUP + "\n" + EVENT.formatted(2));
        assertThat(readAll(f)).hasSize(2);
        assertThat(warnings).isEmpty();
    }

    @Test
    void eventsFileLineInSortedFileIsABadLine() throws IOException {
        Path f = write("mixed", "[" + STARTUP + "]\n" + EVENT.formatted(2) + "\n[" + EVENT.formatted(3) + "]\n");
        assertThat(readAll(f)).hasSize(2);
        assertThat(warnings).containsExactly(f + ":2: expected a series (a JSON array of events)");
    }

    @Test
    void splitFilesAreFollowedOnlyWhenAsked() throws IOException {
        for (int i = 0; i < 3; i++) {
            write("retis.data." + i, STARTUP + "\n" + EVENT.formatted(10 + i) + "\n");
        }
        Path first = tmp.resolve("retis.data.0");
        assertThat(readAll(first)).hasSize(2);
        assertThat(read(InputSpec.parse(first + ".."))).extracting(e -> e.common.timestamp())
                .containsExactly(1L, 10L, 1L, 11L, 1L, 12L);
        assertThat(read(InputSpec.parse("retis.data.1..", tmp))).hasSize(4);
        // No retis.data: the default is retis.data.0 and what follows.
        assertThat(InputSpec.parse(null, tmp)).isEqualTo(new InputSpec(first, true));
        write("retis.data", STARTUP + "\n");
        assertThat(InputSpec.parse(null, tmp)).isEqualTo(new InputSpec(tmp.resolve("retis.data"), false));
    }

    @Test
    void aBadContinuationFileIsAnError() throws IOException {
        write("out.0", STARTUP + "\n");
        Path second = write("out.1", "");
        try (EventFileReader reader = EventFileReader.open(InputSpec.parse("out.0..", tmp), warnings::add)) {
            assertThat(reader.nextEvent()).isNotNull();
            assertThatThrownBy(reader::nextEvent).hasMessage(second + ": empty file");
        }
    }

    /** Found by fuzzing: both escaped the decoder (an exception, or a line written back unreadable). */
    @Test
    void hugeExponentsAndRepeatedNamesAreBadLines() throws IOException {
        Path f = write("odd", STARTUP + "\n{\"common\":{\"timestamp\":2},\"ovs\":{\"x\":1844661e546229617919}}\n"
                + "{\"common\":{\"timestamp\":3},\"ovs\":{},\"ovs\":{}}\n" + EVENT.formatted(5) + "\n");
        assertThat(readAll(f)).hasSize(2);
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).startsWith(f + ":2: invalid number: ");
        assertThat(warnings.get(1)).startsWith(f + ":3: invalid JSON: Duplicate field 'ovs'");
    }

    /** A line past the limit is skipped with a warning naming it, unread: the next lines still count. */
    @Test
    void tooLongLineIsSkippedWithAWarning() throws IOException {
        String huge = "{\"x\":\"" + "a".repeat(LineReader.MAX_LINE) + "\"}";
        Path f = write("long", STARTUP + "\n" + huge + "\n" + EVENT.formatted(5) + "\n" + huge);
        assertThat(readAll(f)).hasSize(2);
        assertThat(warnings).containsExactly(f + ":2: line longer than 16 MiB, the longest line read",
                f + ":4: line longer than 16 MiB, the longest line read");
        Path g = write("longfirst", huge + "\n" + STARTUP + "\n");
        assertThatThrownBy(() -> open(g)).isInstanceOf(EventFileException.class)
                .hasMessage(g + ":1: line longer than 16 MiB, the longest line read");
    }

    /** Just under the limit a line is read whole, its CR dropped; one byte over, it is not held at all. */
    @Test
    void lineReaderKeepsAtMostTheLimit() throws IOException {
        byte[] input = ("abcd\r\nabcde\nabc").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (LineReader lines = new LineReader(new java.io.ByteArrayInputStream(input), 5)) {
            assertThat(lines.next()).isTrue();
            assertThat(lines.tooLong()).isFalse();
            assertThat(new String(lines.bytes(), 0, lines.length(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abcd");
            assertThat(lines.next()).isTrue();
            assertThat(lines.tooLong()).isFalse();
            assertThat(lines.length()).isEqualTo(5);
            assertThat(lines.next()).isTrue();
            assertThat(lines.terminated()).isFalse();
            assertThat(lines.next()).isFalse();
        }
        try (LineReader lines = new LineReader(new java.io.ByteArrayInputStream("abcdef\nab".getBytes()), 5)) {
            assertThat(lines.next()).isTrue();
            assertThat(lines.tooLong()).isTrue();
            assertThat(lines.length()).isZero();
            assertThat(lines.next()).isTrue();
            assertThat(lines.tooLong()).isFalse();
            assertThat(lines.number()).isEqualTo(2);
        }
    }

    /** Reading ahead on a second thread changes nothing: events, warnings and their order, JSON kept. */
    @Test
    void readingAheadGivesTheSameEventsWarningsAndJson() throws IOException {
        StringBuilder many = new StringBuilder(STARTUP + "\n");
        for (int i = 0; i < 2000; i++) {
            many.append(i % 300 == 7 ? "garbage " + i : EVENT.formatted(10 + i)).append('\n');
        }
        write("ahead.0", many.toString());
        write("ahead.1", STARTUP + "\n" + EVENT.formatted(5000) + "\n{\"common\":{\"timestamp\":-1}}\n");
        for (InputSpec spec : List.of(InputSpec.parse(tmp.resolve("ahead.0") + ".."),
                new InputSpec(Fixtures.file("test_events_packets.json"), false),
                new InputSpec(Fixtures.file("test_events_sorted.json"), false))) {
            List<String> inOrder = readDescribed(spec, false);
            List<String> ahead = readDescribed(spec, true);
            assertThat(ahead).isEqualTo(inOrder).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void readingAheadStillReportsABadContinuationFile() throws IOException {
        write("out.0", STARTUP + "\n");
        Path second = write("out.1", "");
        try (EventFileReader reader = EventFileReader.open(InputSpec.parse("out.0..", tmp), warnings::add)) {
            reader.readAhead(false);
            assertThat(reader.nextEvent()).isNotNull();
            assertThatThrownBy(reader::nextEvent).hasMessage(second + ": empty file");
        }
    }

    /** Each event's JSON and the JSON pcap would take from its line, interleaved with the warnings. */
    private List<String> readDescribed(InputSpec spec, boolean ahead) throws IOException {
        List<String> out = new ArrayList<>();
        try (EventFileReader reader = EventFileReader.open(spec, w -> out.add("warning " + w))) {
            if (ahead) {
                reader.readAhead(true);
            }
            for (Event e; (e = reader.nextEvent()) != null; ) {
                Event withoutPacket = e.copy();
                withoutPacket.packet = null;
                byte[] json = reader.canonicalJsonWithoutPacket(withoutPacket);
                out.add(new String(EventWriter.toJsonBytes(e)) + " / " + (json == null ? "-" : new String(json)));
            }
        }
        return out;
    }

    private int count(String fixture) throws IOException {
        return read(new InputSpec(Fixtures.file(fixture), false)).size();
    }

    private EventFileReader open(Path f) throws IOException {
        return EventFileReader.open(new InputSpec(f, false), warnings::add);
    }

    private List<Event> readAll(Path f) throws IOException {
        return read(new InputSpec(f, false));
    }

    private List<Event> read(InputSpec spec) throws IOException {
        List<Event> events = new ArrayList<>();
        try (EventFileReader reader = EventFileReader.open(spec, warnings::add)) {
            for (Event e; (e = reader.nextEvent()) != null; ) {
                events.add(e);
            }
        }
        return events;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }
}
