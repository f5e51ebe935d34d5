package org.jretis.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jretis.event.CommonSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.StartupSection;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.EventWriter;
import org.jretis.event.json.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventStatsTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"test_events.json", "test_events_packets.json", "test_events_sorted.json"})
    void statsOfRetisFilesMatchGolden(String fixture) throws IOException {
        assertThat(stats(new InputSpec(ProcessFixtures.FIXTURES.resolve(fixture), false)))
                .isEqualTo(ProcessFixtures.golden("stats_" + fixture.replace(".json", ".txt")));
    }

    @Test
    void splitFilesGiveOneBlockEach() throws IOException {
        write("out.0", startup(0), event(10_000_001_000L, "net:netif_receive_skb"),
                event(10_000_002_000L, "net:netif_receive_skb"));
        write("out.1", startup(1), event(10_000_005_000L, "net:net_dev_start_xmit"),
                event(10_000_003_000L, "net:netif_receive_skb"), event(10_000_004_000L, "net:net_dev_start_xmit"));
        assertThat(stats(InputSpec.parse("out.0..", tmp))).isEqualTo(ProcessFixtures.golden("stats_split.txt"));
    }

    private static String stats(InputSpec input) throws IOException {
        StringBuilder text = new StringBuilder();
        try (EventFileReader reader = EventFileReader.open(input, w -> {
            throw new AssertionError(w);
        })) {
            EventStats stats = new EventStats(text, reader.kind() == EventFileReader.Kind.SORTED);
            for (List<Event> series; (series = reader.nextSeries()) != null; ) {
                stats.add(series);
            }
            stats.finish();
        }
        return text.toString();
    }

    private void write(String name, Event... events) throws IOException {
        try (OutputStream out = Files.newOutputStream(tmp.resolve(name)); EventWriter writer = new EventWriter(out)) {
            for (Event e : events) {
                writer.write(e);
            }
        }
    }

    private static Event startup(int split) {
        Event e = new Event();
        e.common = new CommonSection(1, null, null);
        e.startup = new StartupSection(EventWriter.retisVersion("0.1.0"), "retis collect -o out --out-rotate 1MB",
                new StartupSection.ClockOffset(0, 0), new StartupSection.Machine("6.18", "#1", "x86_64"),
                new StartupSection.SplitFile(split, 1_000_000));
        return e;
    }

    private static Event event(long timestamp, String tracepoint) {
        Event e = new Event();
        e.common = new CommonSection(timestamp, 0, new CommonSection.Task(1, 1, "t"));
        e.kernel = new KernelSection(tracepoint, "raw_tracepoint", null);
        return e;
    }
}
