package org.jretis.event.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jretis.event.Event;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner either gives up or gives exactly the event the general decoder gives (the
 * general decoder is reached through the series path, which the scanner never takes).
 */
class FastEventScannerTest {
    private static final String JSON_BYTES = " {}[]\":,0123456789-.eE=nA\\x";
    private final DecoderAgreement agreement = new DecoderAgreement();
    private final FastEventScanner scanner = agreement.scanner();

    @Test
    void readsEveryFixtureEventLikeTheGeneralDecoder() throws Exception {
        int scanned = 0;
        for (String line : fixtureEventLines()) {
            if (check(line)) {
                scanned++;
            }
        }
        assertThat(scanned).as("lines the scanner read itself").isGreaterThan(40);
    }

    @Test
    void readsLayoutVariantsLikeTheGeneralDecoder() throws Exception {
        String line = "{\"common\":{\"timestamp\":5,\"smp_id\":1,\"task\":{\"pid\":-3,\"tgid\":4,\"comm\":\"a b\"}},"
                + "\"kernel\":{\"symbol\":\"s\",\"probe_type\":\"kprobe\",\"stack_trace\":[\"f\",\"g\"]},"
                + "\"tracking\":{\"skb\":{\"orig_head\":18446744073709551614,\"timestamp\":1,\"skb\":2},\"idx\":4294967295},"
                + "\"skb-drop\":{\"subsys\":\"ovs\",\"drop_reason\":\"X\"},"
                + "\"packet\":{\"len\":3,\"capture_len\":2,\"data\":\"AAE=\"},"
                + "\"skb\":{\"gso\":{\"flags\":1,\"frags\":2,\"size\":3,\"segs\":4,\"type\":5}},"
                + "\"netns\":{\"inum\":7},\"dev\":{\"name\":\"eth0\",\"ifindex\":1,\"rx_ifindex\":2},"
                + "\"ovs\":{\"x\":[1,-3,4294967296,true,false,null,{\"y\":\"z\"},[]],\"w\":{}}}";
        assertThat(check(line)).isTrue();
        assertThat(check(line.replace(",", " ,\t").replace(":", " : "))).isTrue();
        assertThat(check(line.replace("\"data\":\"AAE=\"", "\"data\":\"AA==\""))).isTrue();
        assertThat(check(line.replace("\"data\":\"AAE=\"", "\"data\":\"\""))).isTrue();
        assertThat(check(line.replace("\"skb\":{\"gso\"", "\"skb\":{},\"x\":{\"gso\""))).isTrue();
        assertThat(check(line.replace("\"inum\":7", "\"cookie\":3,\"inum\":7,\"name\":\"blue\""))).isTrue();
        // Left to the general decoder, which must still read them the same.
        for (String odd : List.of(
                line.replace("\"smp_id\":1", "\"smp_id\":null"),
                line.replace("\"comm\":\"a b\"", "\"comm\":\"a\\u0041\""),
                line.replace("\"comm\":\"a b\"", "\"comm\":\"é\""),
                line.replace("\"ifindex\":1", "\"ifindex\":01"),
                line.replace("\"ifindex\":1", "\"ifindex\":1.0"),
                line.replace("\"ifindex\":1", "\"ifindex\":4294967296"),
                line.replace("\"data\":\"AAE=\"", "\"data\":\"AAF=\""),
                line.replace("\"data\":\"AAE=\"", "\"data\":\"AAE\""),
                line.replace("\"inum\":7", "\"inum\":7,\"inum\":8"),
                line.replace("\"netns\":{\"inum\":7}", "\"netns\":null"),
                line.replace("\"ovs\":", "\"ovs\":1,\"ovs\":"),
                line.replace("{\"x\":[", "{\"x\":1:2,\"v\":["),
                line.replace("{\"x\":[1,", "{\"x\":[2.5,"),
                line.replace("{\"x\":[1,", "{\"x\":[18446744073709551615,"),
                line.replace("\"w\":{}", "\"x\":{}"),
                line + "x")) {
            assertThat(check(odd)).as(odd).isFalse();
        }
    }

    @Test
    void readsStartupLinesLikeTheGeneralDecoder() throws Exception {
        String line = "{\"common\":{\"timestamp\":5},\"startup\":{\"retis_version\":\"1.7.0\",\"cmdline\":\"retis collect\","
                + "\"clock_monotonic_offset\":{\"sec\":1795851209,\"nsec\":970081934},"
                + "\"machine\":{\"kernel_release\":\"6.1\",\"kernel_version\":\"#1 SMP\",\"hardware_name\":\"x86_64\"},"
                + "\"init_netns_inum\":4026531833}}";
        assertThat(check(line)).isTrue();
        assertThat(check(line.replace(",\"init_netns_inum\":4026531833", ""))).isTrue();
        assertThat(check(line.replace("\"cmdline\":\"retis collect\",", ""))).isTrue();
        // Left to the general decoder, which must still read them the same.
        for (String odd : List.of(
                line.replace("\"retis_version\":\"1.7.0\",", ""),
                line.replace("\"sec\":1795851209", "\"sec\":-1"),
                line.replace("\"init_netns_inum\":4026531833", "\"init_netns_inum\":4294967296"),
                line.replace("\"hardware_name\":\"x86_64\"", "\"hardware_name\":null"),
                line.replace("\"init_netns_inum\"", "\"split_file\":{\"id\":1,\"policy\":{\"kind\":\"size\",\"limit\":9}},\"init_netns_inum\""),
                line.replace("\"cmdline\":\"retis collect\"", "\"cmdline\":\"retis \\\"x\\\"\""))) {
            assertThat(check(odd)).as(odd).isFalse();
        }
    }

    @Test
    void givesUpOnDamagedLinesOrReadsThemLikeTheGeneralDecoder() throws Exception {
        Random random = new Random(42);
        List<String> lines = fixtureEventLines();
        for (int i = 0; i < 20_000; i++) {
            byte[] line = lines.get(random.nextInt(lines.size())).getBytes(StandardCharsets.UTF_8);
            int at = random.nextInt(line.length);
            switch (random.nextInt(3)) {
                case 0 -> line[at] = (byte) JSON_BYTES.charAt(random.nextInt(JSON_BYTES.length()));
                case 1 -> line = java.util.Arrays.copyOf(line, at);
                default -> line[at] = (byte) random.nextInt(256);
            }
            check(line);
        }
    }

    private boolean check(String text) {
        return check(text.getBytes(StandardCharsets.UTF_8));
    }

    private boolean check(byte[] line) {
        return agreement.check(line);
    }

    @Test
    void givesEncodedEventsBackWithoutTheirPacketAsTheyWouldBeEncoded() throws Exception {
        int canonical = 0;
        for (String line : fixtureEventLines()) {
            Event event = scanner.scan(line.getBytes(StandardCharsets.UTF_8), line.length());
            if (event == null) {
                continue;
            }
            byte[] encoded = EventWriter.toJsonBytes(event);
            assertThat(check(encoded)).isTrue();
            assertThat(scanner.canonicalJsonWithoutPacket()).as(line).isNotNull();
            canonical++;
            // Not as the encoder writes it: no shortcut.
            String spaced = EventWriter.toJson(event).replaceFirst(",", ", ");
            assertThat(check(spaced)).isTrue();
            assertThat(scanner.canonicalJsonWithoutPacket()).isNull();
        }
        assertThat(canonical).isGreaterThan(40);
        String reordered = "{\"kernel\":{\"symbol\":\"s\",\"probe_type\":\"kprobe\"},\"common\":{\"timestamp\":1}}";
        assertThat(check(reordered)).isTrue();
        assertThat(scanner.canonicalJsonWithoutPacket()).isNull();
        String fieldsReordered = "{\"common\":{\"smp_id\":1,\"timestamp\":1}}";
        assertThat(check(fieldsReordered)).isTrue();
        assertThat(scanner.canonicalJsonWithoutPacket()).isNull();
        String metaReordered = "{\"skb\":{\"meta\":{\"data_len\":0,\"len\":84,\"hash\":0,\"ip_summed\":0,"
                + "\"csum\":0,\"csum_level\":0,\"priority\":0}}}";
        assertThat(check(metaReordered)).isTrue();
        assertThat(scanner.canonicalJsonWithoutPacket()).isNull();
    }

    static List<String> fixtureEventLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(Fixtures.DIR)) {
            for (var file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().contains("sorted")).toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }
}
