package org.jretis.event.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jretis.event.Event;
import org.jretis.event.StartupSection;
import org.jretis.event.PacketSection;
import org.jretis.event.SkbTrackingSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"test_events.json", "test_events_bench.json", "test_events_packets.json",
            "test_events_packets_invalid_ct.json"})
    void writingRetisEventsGivesBackTheSameJson(String fixture) throws IOException {
        List<String> original = Files.readAllLines(Fixtures.file(fixture));
        List<Event> events = readAll(Fixtures.file(fixture));
        assertThat(events).hasSize(original.size());

        List<String> written = lines(write(events, false));
        assertThat(written).hasSize(original.size());
        for (int i = 0; i < original.size(); i++) {
            assertThat(tree(written.get(i))).as("line %d", i + 1).isEqualTo(tree(original.get(i)));
            assertThat(sectionNames(written.get(i))).as("line %d", i + 1).isEqualTo(retisOrder(original.get(i)));
        }
    }

    @Test
    void writingASortedFileGivesBackTheSameJson() throws IOException {
        Path fixture = Fixtures.file("test_events_sorted.json");
        List<List<Event>> series = new ArrayList<>();
        try (EventFileReader reader = EventFileReader.open(new InputSpec(fixture, false), this::noWarning)) {
            assertThat(reader.kind()).isEqualTo(EventFileReader.Kind.SORTED);
            for (List<Event> s; (s = reader.nextSeries()) != null; ) {
                series.add(s);
            }
        }
        assertThat(series).extracting(List::size).containsExactly(1, 1, 2, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EventWriter writer = new EventWriter(out)) {
            for (List<Event> s : series) {
                writer.writeSeries(s);
            }
        }
        List<String> original = Files.readAllLines(fixture);
        List<String> written = lines(out.toString(StandardCharsets.UTF_8));
        for (int i = 0; i < original.size(); i++) {
            assertThat(tree(written.get(i))).isEqualTo(tree(original.get(i)));
        }
        assertThat(series.get(2).get(1).tracking.idx()).isEqualTo(1);
    }

    @Test
    void modelledSectionsAreTypedAndUnsignedValuesKept() throws IOException {
        List<Event> events = readAll(Fixtures.file("test_events_packets.json"));
        Event startup = events.getFirst();
        assertThat(startup.startup.retisVersion()).isEqualTo("v1.6.0");
        assertThat(startup.startup.offset().sec()).isEqualTo(1742309146L);

        Event first = events.get(1);
        assertThat(first.common.task().comm()).isEqualTo("ping");
        assertThat(first.kernel.symbol()).isEqualTo("net:net_dev_start_xmit");
        assertThat(Long.toUnsignedString(first.skbTracking.origHead())).isEqualTo("18446619372617628672");
        assertThat(first.packet.len()).isEqualTo(98);
        assertThat(first.packet.data()).hasSize(98);
        assertThat(first.packet.data()[12]).isEqualTo((byte) 0x08); // IPv4 ethertype
        assertThat(first.skb.meta().csum()).isEqualTo(2770033380L);
        assertThat(first.netns.cookie()).isEqualTo(3L);
        assertThat(first.dev.name()).isEqualTo("veth-ns01");
        assertThat(first.others).containsOnlyKeys("ct");
    }

    @Test
    void theOldFlatSkbIsKeptRawAndTheRestTyped() throws IOException {
        Event tcp = readAll(Fixtures.file("test_events.json")).get(1);
        assertThat(tcp.skb).isNull();
        assertThat(tcp.others.get("skb").get("daddr").asText()).isEqualTo("192.168.0.136");
        assertThat(tcp.kernel.probeType()).isEqualTo("kprobe");
        assertThat(tcp.skbTracking).isNotNull();
    }

    @Test
    void u64AboveTwoToThe63RoundTrips() throws Exception {
        Event e = new Event();
        e.skbTracking = new SkbTrackingSection(-1L, Long.MIN_VALUE, 0x8000_0000_0000_0001L);
        String json = EventWriter.toJson(e);
        assertThat(json).isEqualTo("{\"skb-tracking\":{\"orig_head\":18446744073709551615,"
                + "\"timestamp\":9223372036854775808,\"skb\":9223372036854775809}}");
        Event back = new EventDecoder(FormatVersion.CURRENT).decodeEvent(bytes(json), bytes(json).length);
        assertThat(back.skbTracking).isEqualTo(e.skbTracking);
    }

    @Test
    void theInitialNamespaceRecordedAtStartupRoundTrips() throws Exception {
        Event e = new Event();
        e.startup = new StartupSection("1.7.0", null, null, null, null, 0xEFFFFFF9L);
        String json = EventWriter.toJson(e);
        assertThat(json).isEqualTo("{\"startup\":{\"retis_version\":\"1.7.0\",\"init_netns_inum\":4026531833}}");
        Event back = new EventDecoder(FormatVersion.CURRENT).decodeEvent(bytes(json), bytes(json).length);
        assertThat(back.startup).isEqualTo(e.startup);
    }

    @Test
    void packetDataIsPaddedStandardBase64() {
        Event e = new Event();
        e.packet = new PacketSection(3, 2, new byte[] {(byte) 0xfb, (byte) 0xff});
        assertThat(EventWriter.toJson(e)).isEqualTo("{\"packet\":{\"len\":3,\"capture_len\":2,\"data\":\"+/8=\"}}");
    }

    @Test
    void unknownSectionsGoLastInReadOrderAndRawModelledOnesAtTheirPlace() throws IOException {
        Path file = file("v.json",
                "{\"common\":{\"timestamp\":1},\"startup\":{\"retis_version\":\"1.7.0\"}}",
                "{\"zeta\":{\"a\":[1,2.50,{\"b\":null}]},\"nft\":{\"x\":1},\"alpha\":true,"
                        + "\"dev\":{\"name\":\"eth0\",\"ifindex\":2,\"future\":1},\"common\":{\"timestamp\":5}}");
        Event e = readAll(file).get(1);
        assertThat(e.dev).isNull();
        String json = EventWriter.toJson(e);
        assertThat(json).isEqualTo("{\"common\":{\"timestamp\":5},\"dev\":{\"name\":\"eth0\",\"ifindex\":2,\"future\":1},"
                + "\"nft\":{\"x\":1},\"zeta\":{\"a\":[1,2.50,{\"b\":null}]},\"alpha\":true}");
    }

    @Test
    void v15NestedSectionsAreLiftedOut() throws IOException {
        Path file = file("v15.json",
                "{\"common\":{\"timestamp\":1},\"startup\":{\"retis_version\":\"v1.5.2\"}}",
                "{\"common\":{\"timestamp\":7},\"skb\":{\"packet\":{\"len\":60,\"capture_len\":2,\"packet\":\"AAE=\"},"
                        + "\"dev\":{\"name\":\"lo\",\"ifindex\":1},\"ns\":{\"netns\":4026531840},"
                        + "\"meta\":{\"len\":60,\"data_len\":0,\"hash\":0,\"ip_summed\":0,\"csum\":0,\"csum_level\":0,\"priority\":0}}}",
                "{\"common\":{\"timestamp\":8},\"skb\":{\"ip\":{\"ttl\":64},\"ns\":{\"netns\":4026531841}}}");
        List<Event> events;
        try (EventFileReader reader = EventFileReader.open(new InputSpec(file, false), this::noWarning)) {
            assertThat(reader.version()).isEqualTo(FormatVersion.V1_5);
            events = drain(reader);
        }
        Event lifted = events.get(1);
        assertThat(lifted.packet.data()).containsExactly(0, 1);
        assertThat(lifted.dev.name()).isEqualTo("lo");
        assertThat(lifted.netns.inum()).isEqualTo(4026531840L);
        assertThat(lifted.netns.cookie()).isNull();
        assertThat(lifted.skb.meta().len()).isEqualTo(60);
        Event partly = events.get(2);
        assertThat(partly.netns.inum()).isEqualTo(4026531841L);
        assertThat(partly.others.get("skb").toString()).isEqualTo("{\"ip\":{\"ttl\":64}}");

        // Written in the current layout, read back as current: the same events.
        Path rewritten = tmp.resolve("rewritten.json");
        Files.writeString(rewritten, write(events, false).replace("v1.5.2", "1.7.0"));
        List<Event> again = readAll(rewritten);
        for (int i = 1; i < events.size(); i++) {
            assertThat(EventWriter.toJson(again.get(i))).isEqualTo(EventWriter.toJson(events.get(i)));
        }
    }

    @Test
    void v16ConntrackTcpStateBecomesProtoState() throws IOException {
        Path file = file("v16.json",
                "{\"common\":{\"timestamp\":1},\"startup\":{\"retis_version\":\"1.6.3-rc1\"}}",
                "{\"common\":{\"timestamp\":2},\"ct\":{\"state\":\"new\",\"tcp_state\":\"SYN_SENT\","
                        + "\"parent\":{\"tcp_state\":\"ESTABLISHED\"}}}");
        Event e = readAll(file).get(1);
        assertThat(e.others.get("ct").toString()).isEqualTo(
                "{\"state\":\"new\",\"parent\":{\"proto_state\":\"ESTABLISHED\"},\"proto_state\":\"SYN_SENT\"}");
    }

    @Test
    void versionsAreMappedAsRetisDoes() {
        assertThat(FormatVersion.of("v1.5.0")).isEqualTo(FormatVersion.V1_5);
        assertThat(FormatVersion.of("1.6.4")).isEqualTo(FormatVersion.V1_6);
        assertThat(FormatVersion.of("v1.7.0+jretis-0.1.0")).isEqualTo(FormatVersion.CURRENT);
        assertThat(FormatVersion.of("1.8.2-dev")).isEqualTo(FormatVersion.CURRENT);
        assertThat(EventWriter.retisVersion("0.1.0")).isEqualTo("1.7.0+jretis-0.1.0");
        assertThatThrownBy(() -> FormatVersion.of("v2.0.0"))
                .hasMessage("Unsupported Retis version v2.0.0 (files from Retis 1.5.0 to 1.x can be read)");
    }

    private void noWarning(String warning) {
        throw new AssertionError("unexpected warning: " + warning);
    }

    private List<Event> readAll(Path file) throws IOException {
        try (EventFileReader reader = EventFileReader.open(new InputSpec(file, false), this::noWarning)) {
            return drain(reader);
        }
    }

    private static List<Event> drain(EventFileReader reader) throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event e; (e = reader.nextEvent()) != null; ) {
            events.add(e);
        }
        return events;
    }

    private Path file(String name, String... lines) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private static String write(List<Event> events, boolean series) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EventWriter writer = new EventWriter(out)) {
            for (Event e : events) {
                writer.write(e);
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return text;
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String json) throws IOException {
        return EventJson.mapper().readTree(json);
    }

    private static List<String> sectionNames(String json) throws IOException {
        List<String> names = new ArrayList<>();
        tree(json).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The original's sections sorted in Retis' serialisation order. */
    private static List<String> retisOrder(String json) throws IOException {
        List<String> names = sectionNames(json);
        names.sort((a, b) -> Integer.compare(EventJson.SECTION_ORDER.indexOf(a), EventJson.SECTION_ORDER.indexOf(b)));
        return names;
    }
}
