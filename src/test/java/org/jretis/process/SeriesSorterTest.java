package org.jretis.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jretis.event.CommonSection;
import org.jretis.event.Event;
import org.jretis.event.KernelSection;
import org.jretis.event.SkbTrackingSection;
import org.jretis.event.StartupSection;
import org.jretis.event.json.EventFileReader;
import org.jretis.event.json.EventWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesSorterTest {
    @TempDir
    Path tmp;

    @Test
    void sortingRetisBenchEventsGivesRetisSortedFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EventWriter writer = new EventWriter(out)) {
            SeriesSorter sorter = new SeriesSorter(SeriesSorter.DEFAULT_MAX_BUFFER, writer::writeSeries);
            for (Event e : ProcessFixtures.events(ProcessFixtures.FIXTURES.resolve("test_events_bench.json"))) {
                sorter.add(e);
            }
            sorter.finish();
        }
        ObjectMapper json = new ObjectMapper();
        List<String> expected = Files.readAllLines(ProcessFixtures.FIXTURES.resolve("test_events_sorted.json"));
        List<String> actual = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = json.readTree(expected.get(i));
            assertThat(json.readTree(actual.get(i))).as("series %d", i).isEqualTo(want);
        }
    }

    @Test
    void sortingRetisPacketsMatchesGolden() throws IOException {
        List<List<Event>> series = sort(ProcessFixtures.events(ProcessFixtures.FIXTURES.resolve("test_events_packets.json")),
                SeriesSorter.DEFAULT_MAX_BUFFER);
        assertThat(describe(series)).isEqualTo(ProcessFixtures.golden("sort_test_events_packets.txt"));
    }

    @Test
    void interleavedPacketsBecomeSeriesOrderedByFirstSeen() throws IOException {
        List<Event> input = new ArrayList<>();
        input.add(startup(1));
        input.add(tracked(10, 10, 0xA));
        input.add(tracked(11, 11, 0xB));
        input.add(untracked(12));
        input.add(tracked(13, 10, 0xA));
        input.add(tracked(14, 14, 0xC));
        input.add(tracked(15, 11, 0xB));
        input.add(tracked(16, 10, 0xA));
        input.add(tracked(17, 14, 0xC));

        assertThat(describe(sort(input, 0))).isEqualTo("""
                1
                10:a/0 13:a/1 16:a/2
                11:b/0 15:b/1
                12
                14:c/0 17:c/1
                """);
    }

    @Test
    void aFullBufferEmitsTheOldestSeriesAndIndexesContinue() throws IOException {
        List<Event> input = List.of(startup(1), tracked(10, 10, 0xA), tracked(11, 11, 0xB), tracked(12, 10, 0xA),
                tracked(13, 11, 0xB), tracked(14, 10, 0xA));
        // A packet's late events sort by its first-seen time: they come out before younger packets.
        assertThat(describe(sort(input, 2))).isEqualTo("""
                1
                10:a/0
                12:a/1
                11:b/0 13:b/1
                14:a/2
                """);
    }

    @Test
    void ovsUserspaceEventsJoinTheUpcallSeries() throws IOException {
        Event upcall = tracked(10, 10, 0xA);
        upcall.others.put("ovs", ovs("{\"event_type\":\"upcall\",\"cmd\":1,\"port\":1,\"cpu\":3}"));
        Event enqueue = tracked(11, 10, 0xA);
        enqueue.others.put("ovs", ovs("{\"event_type\":\"upcall_enqueue\",\"ret\":0,\"cmd\":1,\"port\":1,"
                + "\"upcall_ts\":10,\"upcall_cpu\":3,\"queue_id\":77}"));
        Event recv = untracked(12);
        recv.others.put("ovs", ovs("{\"event_type\":\"recv_upcall\",\"type\":0,\"pkt_size\":98,\"key_size\":1,"
                + "\"queue_id\":77,\"batch_ts\":5,\"batch_idx\":0}"));
        Event other = tracked(13, 13, 0xD);
        Event execute = tracked(14, 14, 0xE);
        execute.others.put("ovs", ovs("{\"event_type\":\"action_execute\",\"action\":\"output\",\"port\":2,"
                + "\"recirc_id\":0,\"queue_id\":77}"));
        Event afterExecute = tracked(15, 14, 0xE);

        assertThat(describe(sort(List.of(startup(1), upcall, enqueue, recv, other, execute, afterExecute), 0)))
                .isEqualTo("""
                        1
                        10:a/0 11:a/1 12:a/2 14:a/3 15:a/4
                        13:d/0
                        """);
    }

    @Test
    void aLargeFileStreamsThroughReaderAndSorterInBoundedMemory() throws IOException {
        int packets = 50_000;
        int eventsPerPacket = 4;
        Path file = tmp.resolve("large.data");
        try (OutputStream out = Files.newOutputStream(file); EventWriter writer = new EventWriter(out)) {
            writer.write(startup(1));
            // Packets overlap by a few events, as on a busy host.
            for (int i = 0; i < packets; i++) {
                for (int step = 0; step < eventsPerPacket; step++) {
                    int packet = i - step;
                    if (packet >= 0) {
                        writer.write(tracked(1000L + 10L * i + step, 1000L + 10L * packet, 0xffff_0000_0000_0000L + packet));
                    }
                }
            }
        }
        int[] seen = new int[2];
        long[] lastFirstSeen = {0};
        SeriesSorter sorter = new SeriesSorter(1000, series -> {
            seen[0]++;
            seen[1] += series.size();
            Event first = series.getFirst();
            if (first.tracking != null) {
                assertThat(first.tracking.idx()).isZero();
                assertThat(first.tracking.skb().timestamp()).isGreaterThan(lastFirstSeen[0]);
                lastFirstSeen[0] = first.tracking.skb().timestamp();
            }
        });
        try (EventFileReader reader = ProcessFixtures.open(file)) {
            int max = 0;
            for (Event e; (e = reader.nextEvent()) != null; ) {
                sorter.add(e);
                max = Math.max(max, sorter.bufferedEvents());
            }
            assertThat(max).isLessThan(1000);
        }
        sorter.finish();
        int written = packets * eventsPerPacket - (eventsPerPacket * (eventsPerPacket - 1) / 2);
        assertThat(seen[1]).isEqualTo(written + 1);
        assertThat(seen[0]).isEqualTo(packets - (eventsPerPacket - 1) + 1 + (eventsPerPacket - 1));
    }

    private static List<List<Event>> sort(List<Event> events, int maxBuffer) throws IOException {
        List<List<Event>> series = new ArrayList<>();
        SeriesSorter sorter = new SeriesSorter(maxBuffer, series::add);
        for (Event e : events) {
            sorter.add(e);
        }
        sorter.finish();
        return series;
    }

    /** One line per series: {@code timestamp[:head/idx]} per event. */
    private static String describe(List<List<Event>> series) {
        StringBuilder text = new StringBuilder();
        for (List<Event> s : series) {
            text.append(s.stream().map(e -> e.tracking == null ? Long.toString(e.common.timestamp())
                            : e.common.timestamp() + ":" + Long.toHexString(e.tracking.skb().origHead()) + "/" + e.tracking.idx())
                    .collect(Collectors.joining(" "))).append('\n');
        }
        return text.toString();
    }

    private static Event startup(long timestamp) {
        Event e = new Event();
        e.common = new CommonSection(timestamp, null, null);
        e.startup = new StartupSection("1.7.0", "retis collect", new StartupSection.ClockOffset(0, 0), null, null);
        return e;
    }

    private static Event untracked(long timestamp) {
        Event e = new Event();
        e.common = new CommonSection(timestamp, 0, new CommonSection.Task(1, 1, "t"));
        e.kernel = new KernelSection("net:netif_receive_skb", "raw_tracepoint", null);
        return e;
    }

    private static Event tracked(long timestamp, long firstSeen, long head) {
        Event e = untracked(timestamp);
        e.skbTracking = new SkbTrackingSection(head, firstSeen, head + 0x100);
        return e;
    }

    private static JsonNode ovs(String json) throws IOException {
        return new ObjectMapper().readTree(json);
    }
}
