package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Captures of pings across a veth pair, as users make them ({@code ./retis collect}), then read by
 * the offline commands and by tshark: the file's lines and layout (§4), {@code sort}'s series,
 * {@code pcap} and {@code collect --pcap -} read by tshark, and {@code --out-rotate}. Root only:
 * the namespaces and veth pair are this run's own and deleted at the end.
 */
class OfflineKernelIT {
    /** §4.2: the sections of an event, in the order Retis writes them. */
    private static final List<String> SECTION_ORDER = List.of("common", "kernel", "userspace", "tracking",
            "skb-tracking", "skb-drop", "packet", "skb", "netns", "dev", "ovs", "ovs-detrace", "nft", "ct", "startup");
    private static final int PINGS = 3;
    private static final Pattern TRACKING_ID = Pattern.compile("#([0-9a-f]+) ");

    private static Path dir;
    private static PingPair pair;
    private static Path capture;

    @BeforeAll
    static void capturePings() throws Exception {
        assumeTrue(isRoot(), "kernel tests load BPF programs and create namespaces: they need root");
        assumeTrue(onPath("tshark"), "tshark is not installed (./run-tests installs it)");
        dir = Files.createTempDirectory("jretis-offline-it");
        pair = PingPair.create();
        RetisJar.Result collect = RetisJar.launch(dir, "collect", "-o", "capture.data",
                "--cmd", pair.ping("-c " + PINGS + " -i 0.2"));
        assertThat(collect.status()).as(collect.stderr()).isZero();
        capture = dir.resolve("capture.data");
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (pair != null) {
            pair.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void everyLineIsStrictJsonInRetisLayout() throws Exception {
        ObjectMapper strict = StrictJson.mapper();
        List<String> lines = Files.readAllLines(capture, StandardCharsets.UTF_8);
        assertThat(Files.readString(capture)).endsWith("\n");

        JsonNode first = strict.readTree(lines.getFirst());
        assertThat(fieldNames(first)).containsExactly("common", "startup");
        assertThat(fieldNames(first.get("common"))).containsExactly("timestamp");
        JsonNode startup = first.get("startup");
        // init_netns_inum is jretis' own: Retis' schema allows further startup fields.
        assertThat(fieldNames(startup)).containsExactly("retis_version", "cmdline", "clock_monotonic_offset", "machine",
                "init_netns_inum");
        assertThat(startup.get("retis_version").asText()).startsWith("1.7.0+jretis-");
        assertThat(startup.get("cmdline").asText()).startsWith("retis collect -o capture.data --cmd ");
        assertThat(fieldNames(startup.get("clock_monotonic_offset"))).containsExactly("sec", "nsec");
        assertThat(fieldNames(startup.get("machine"))).containsExactly("kernel_release", "kernel_version", "hardware_name");
        assertThat(startup.get("machine").get("kernel_release").asText())
                .isEqualTo(Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());

        int ours = 0;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode event = strict.readTree(line);
            List<String> sections = fieldNames(event);
            assertThat(sections).as(line).isSubsetOf(SECTION_ORDER)
                    .isSortedAccordingTo(Comparator.comparingInt(SECTION_ORDER::indexOf))
                    .contains("common", "kernel", "skb-tracking", "packet");
            JsonNode common = event.get("common");
            assertThat(fieldNames(common)).containsExactly("timestamp", "smp_id", "task");
            assertThat(fieldNames(common.get("task"))).containsExactly("pid", "tgid", "comm");
            assertThat(unsigned(common.get("timestamp"))).isPositive();
            assertThat(event.get("kernel").get("probe_type").asText()).isEqualTo("raw_tracepoint");
            assertThat(event.get("kernel").get("symbol").asText()).isIn("net:netif_receive_skb", "net:net_dev_start_xmit");
            JsonNode tracking = event.get("skb-tracking");
            assertThat(fieldNames(tracking)).containsExactly("orig_head", "timestamp", "skb");
            // Kernel addresses are above 2^63: plain JSON integers, read unsigned.
            assertThat(unsigned(tracking.get("orig_head"))).isGreaterThan(BigInteger.ONE.shiftLeft(63));
            JsonNode packet = event.get("packet");
            assertThat(fieldNames(packet)).containsExactly("len", "capture_len", "data");
            byte[] data = Base64.getDecoder().decode(packet.get("data").asText());
            assertThat(data).hasSize(packet.get("capture_len").asInt());
            assertThat(packet.get("capture_len").asInt()).isLessThanOrEqualTo(Math.min(255, packet.get("len").asInt()));
            if (event.has("dev") && event.get("dev").get("name").asText().equals(pair.interfaceA)) {
                // name: jretis' own field, which Retis' reader ignores.
                assertThat(fieldNames(event.get("netns"))).containsExactly("cookie", "inum", "name");
                assertThat(event.get("netns").get("name").asText()).isEqualTo(pair.namespaceA);
                ours++;
            }
        }
        // Each ping: the request leaves A, the reply comes in; ARP adds its own.
        assertThat(ours).isGreaterThanOrEqualTo(2 * PINGS);
    }

    @Test
    void sortGivesOneSeriesPerPacketSentThenReceived() throws Exception {
        RetisJar.Result sort = RetisJar.launch(dir, "sort", "capture.data");
        assertThat(sort.status()).as(sort.stderr()).isZero();
        List<List<String>> echoes = new ArrayList<>();
        for (String series : sort.stdout().split("\n\n")) {
            List<String> lines = series.lines().toList();
            if (lines.size() > 1 && lines.get(1).contains("proto ICMP (1) type ")
                    && (lines.get(1).contains("(" + pair.interfaceA + ")") || lines.get(1).contains("(" + pair.interfaceB + ")"))) {
                echoes.add(lines);
            }
        }
        assertThat(echoes).hasSize(2 * PINGS);
        for (List<String> series : echoes) {
            boolean request = series.get(1).contains(PingPair.ADDRESS_A + " > " + PingPair.ADDRESS_B);
            String from = request ? pair.interfaceA : pair.interfaceB;
            String to = request ? pair.interfaceB : pair.interfaceA;
            assertThat(series).as(String.join("\n", series)).satisfiesExactly(
                    line -> assertThat(line).containsPattern("^\\d+ \\(\\d+\\) \\[.*\\] \\d+ \\[tp\\] net:net_dev_start_xmit #[0-9a-f]+ \\(skb [0-9a-f]+\\) n 0$"),
                    line -> assertThat(line).startsWith("  ns 0x").contains(" if 2 (" + from + ") "),
                    line -> assertThat(line).containsPattern("^  ↳ \\d+ \\+[\\d.]+(ns|µs|ms|s) \\(\\d+\\) \\[.*\\] \\d+ \\[tp\\] net:netif_receive_skb #[0-9a-f]+ \\(skb [0-9a-f]+\\) n 1$"),
                    line -> assertThat(line).startsWith("      ns 0x").contains(" if 2 (" + to + ") "));
            assertThat(trackingId(series.get(0))).isEqualTo(trackingId(series.get(2)));
        }
    }

    @Test
    void pcapIsReadByTsharkAsTheEventsSay() throws Exception {
        RetisJar.Result pcap = RetisJar.launch(dir, "pcap", "capture.data", "-o", "capture.pcapng");
        assertThat(pcap.status()).as(pcap.stderr()).isZero();
        List<JsonNode> events = packetEvents(capture);
        assertThat(pcap.stderr()).isEqualTo(events.size() + " event(s) were processed\n");

        RetisJar.Result print = RetisJar.launch(dir, "print", "capture.data");
        List<String> texts = List.of(print.stdout().split("\n\n"));
        List<String> packets = tsharkPackets(dir.resolve("capture.pcapng"));
        assertThat(packets).hasSameSizeAs(events);

        JsonNode offset = firstLine(capture).get("startup").get("clock_monotonic_offset");
        long offsetNanos = offset.get("sec").asLong() * 1_000_000_000L + offset.get("nsec").asLong();
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            long nanos = event.get("common").get("timestamp").asLong() + offsetNanos;
            String epoch = nanos / 1_000_000_000L + "." + String.format("%09d", nanos % 1_000_000_000L);
            String ifName = "raw_tracepoint/" + event.get("kernel").get("symbol").asText();
            String comment = texts.get(i + 1).replace("\n", "\\n");
            assertThat(packets.get(i)).isEqualTo(String.join("\t", event.get("packet").get("len").asText(),
                    event.get("packet").get("capture_len").asText(), epoch, comment, ifName));
        }
    }

    @Test
    void collectPcapOnStdoutReachesTsharkWhileTheCaptureRuns() throws Exception {
        Process ping = new ProcessBuilder("sh", "-c", "exec " + pair.ping("-c 300 -i 0.1"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // Only our packets: on a busy host the pipe to tshark would carry everything else too.
        Process collect = new ProcessBuilder(RetisJar.launcher("collect", "--pcap", "-", "-f", "host " + PingPair.ADDRESS_A)).directory(dir.toFile())
                .redirectError(dir.resolve("live.stderr").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Process tshark = new ProcessBuilder("tshark", "-l", "-r", "-", "-T", "fields", "-e", "frame.interface_name",
                "-e", "ip.src", "-e", "ip.dst").redirectError(dir.resolve("tshark.stderr").toFile()).start();
        Thread pipe = Thread.ofPlatform().start(() -> copy(collect.getInputStream(), tshark.getOutputStream()));
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().start(() -> readLines(tshark.getInputStream(), lines));
        try {
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen < 6 && System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.contains(PingPair.ADDRESS_A + "\t" + PingPair.ADDRESS_B)) {
                    assertThat(line).startsWith("raw_tracepoint/net:");
                    seen++;
                }
            }
            assertThat(seen).as("ping packets shown by tshark within a minute").isEqualTo(6);
            assertThat(collect.isAlive()).as("the collection still runs").isTrue();
        } finally {
            collect.destroy(); // SIGTERM: the tool stops as for ^C
            boolean stopped = collect.waitFor(30, TimeUnit.SECONDS);
            ping.destroy();
            pipe.join(10_000);
            tshark.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            assertThat(stopped).isTrue();
        }
        assertThat(collect.exitValue()).as(Files.readString(dir.resolve("live.stderr"))).isZero();
        assertThat(tshark.exitValue()).as(Files.readString(dir.resolve("tshark.stderr"))).isZero();
    }

    @Test
    void rotatedFilesEachStartWithTheirStartupEventAndReadAsOne() throws Exception {
        RetisJar.Result collect = RetisJar.launch(dir, "collect", "-o", "rotated.data", "--out-rotate", "1MB",
                "--cmd", pair.ping("-f -c 2000"));
        assertThat(collect.status()).as(collect.stderr()).isZero();
        assertThat(dir.resolve("rotated.data")).doesNotExist();
        List<Path> files = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve("rotated.data." + i)); i++) {
            files.add(dir.resolve("rotated.data." + i));
        }
        assertThat(files.size()).as("2000 pings write more than 4 MB").isGreaterThanOrEqualTo(4);
        assertThat(collect.stderr()).contains("Wrote " + files.size() + " event file(s)\n");

        ObjectMapper strict = StrictJson.mapper();
        long events = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            assertThat(Files.size(file)).isLessThanOrEqualTo(1_000_000L);
            List<String> lines = Files.readAllLines(file);
            JsonNode split = strict.readTree(lines.getFirst()).get("startup").get("split_file");
            assertThat(split.toString()).isEqualTo("{\"id\":" + i + ",\"policy\":{\"kind\":\"size\",\"limit\":1000000}}");
            events += lines.size() - 1;
        }
        RetisJar.Result print = RetisJar.launch(dir, "print", "--format", "single-line", "rotated.data.0..");
        assertThat(print.status()).as(print.stderr()).isZero();
        List<String> printed = print.stdout().lines().filter(l -> !l.isEmpty()).toList();
        assertThat(printed.stream().filter(l -> l.contains(" collected with Retis ")).count()).isEqualTo(files.size());
        assertThat(printed.size()).isEqualTo(events + files.size());

        RetisJar.Result stats = RetisJar.launch(dir, "stats", "rotated.data.0..");
        assertThat(stats.stdout()).contains("Split index: " + (files.size() - 1) + "\n");
    }

    @Test
    void collectShowsItsProgressOnATerminalStderr() throws Exception {
        String collect = String.join(" ", RetisJar.launcher("collect", "-o", "progress.data", "--cmd",
                "'" + pair.ping("-c 12 -i 0.25") + "'"));
        RetisJar.Result terminal = RetisJar.onTerminal(dir, collect + " >/dev/null");
        assertThat(terminal.status()).as(terminal.stdout()).isZero();
        assertThat(terminal.stdout()).containsPattern("\\r\\033\\[K\\d+ events, \\d+ events/s, \\d+ lost, \\d+\\.\\d+ [kMG]B written")
                .contains("\r\033[K" + "Command returned");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static BigInteger unsigned(JsonNode number) {
        assertThat(number.isIntegralNumber()).as(number.toString()).isTrue();
        return number.bigIntegerValue();
    }

    private static String trackingId(String line) {
        Matcher m = TRACKING_ID.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return m.group(1);
    }

    private static List<JsonNode> packetEvents(Path file) throws IOException {
        ObjectMapper mapper = StrictJson.mapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode event = mapper.readTree(line);
            if (event.has("kernel") && event.has("packet")) {
                events.add(event);
            }
        }
        return events;
    }

    /** Packet records as tshark sees them (the schema's custom block, without interface, left out). */
    private static List<String> tsharkPackets(Path pcapng) throws Exception {
        Process tshark = new ProcessBuilder("tshark", "-r", pcapng.toString(), "-T", "fields", "-E", "separator=/t",
                "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch", "-e", "frame.comment",
                "-e", "frame.interface_name").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(tshark.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tshark.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(tshark.exitValue()).isZero();
        return out.lines().filter(l -> !l.endsWith("\t")).toList();
    }

    private static void copy(InputStream from, OutputStream to) {
        byte[] buffer = new byte[1 << 16];
        try (from; to) {
            for (int n; (n = from.read(buffer)) > 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // tshark or the collection went away: the test sees it in their status
        }
    }

    private static void readLines(InputStream in, LinkedBlockingQueue<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // tshark ended
        }
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static boolean onPath(String command) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode firstLine(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            return StrictJson.mapper().readTree(reader.readLine());
        }
    }
}
