package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of bad events file, through print, sort and pcap as users run them. A file that
 * cannot be read at all is one {@code Error:} line and status 1, with no output; a bad line is one
 * {@code WARN  <file>:<line>: <why>} line, the rest of the file is processed, and the status is 1.
 */
class BadEventFilesIT {
    /** An event header in the text of print and sort, whatever the format: {@code 3041... (6) [}. */
    private static final Pattern EVENT = Pattern.compile("\\d+ (\\+\\S+ )?\\(\\d+\\) \\["); // sort: "+12.3µs" since the previous hop

    @TempDir
    Path dir;
    private List<String> fixture;

    @BeforeEach
    void readFixture() throws Exception {
        // A startup event and 26 packet events of a ping across OVS.
        fixture = Files.readAllLines(RetisJar.FIXTURES.resolve("test_events_packets.json"));
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private String lines(int from, int to) {
        return String.join("\n", fixture.subList(from - 1, to)) + "\n";
    }

    // Files that cannot be read at all.

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void emptyFile(String command) throws Exception {
        write("empty.data", "");
        assertRefused(command, "empty.data", "Error: empty.data: empty file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void noStartupEvent(String command) throws Exception {
        write("nostartup.data", lines(2, 5));
        assertRefused(command, "nostartup.data", "Error: nostartup.data: Cannot find version in startup event");
    }

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void unknownVersion(String command) throws Exception {
        write("old.data", lines(1, 5).replace("\"retis_version\":\"v1.6.0\"", "\"retis_version\":\"v1.4.2\""));
        assertRefused(command, "old.data",
                "Error: old.data: Unsupported Retis version v1.4.2 (files from Retis 1.5.0 to 1.x can be read)");
        write("next-major.data", lines(1, 5).replace("\"retis_version\":\"v1.6.0\"", "\"retis_version\":\"v2.0.0\""));
        assertRefused(command, "next-major.data",
                "Error: next-major.data: Unsupported Retis version v2.0.0 (files from Retis 1.5.0 to 1.x can be read)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void notAnEventsFile(String command) throws Exception {
        write("text.data", "hello\n");
        assertRefused(command, "text.data",
                "Error: text.data:1: not a Retis events file (the first line is not a JSON object or array)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void missingFile(String command) throws Exception {
        assertRefused(command, "missing.data", "Error: missing.data: No such file or directory");
    }

    // Files with bad lines: skipped, the rest processed.

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void truncatedLastLine(String command) throws Exception {
        String cut = fixture.get(5).substring(0, 300);
        write("truncated.data", lines(1, 5) + cut);
        assertSkipped(command, "truncated.data", "WARN  truncated.data:6: truncated line at end of file (invalid JSON: ", 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void garbageLine(String command) throws Exception {
        write("garbage.data", lines(1, 3) + "garbage {\n" + lines(4, 5));
        assertSkipped(command, "garbage.data", "WARN  garbage.data:4: invalid JSON: Unrecognized token 'garbage'", 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"print", "sort", "pcap"})
    void wrongTypes(String command) throws Exception {
        write("types.data", lines(1, 2) + lines(3, 3).replace("\"smp_id\":6", "\"smp_id\":\"six\"") + lines(4, 5));
        assertSkipped(command, "types.data",
                "WARN  types.data:3: common.smp_id: expected an unsigned integer, found a string", 3);
    }

    private void assertRefused(String command, String file, String error) throws Exception {
        RetisJar.Result run = command.equals("pcap")
                ? RetisJar.run(dir, "pcap", file, "-o", "out.pcapng")
                : RetisJar.run(dir, command, file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo(error + "\n");
        assertThat(run.stdout()).isEmpty();
        assertThat(dir.resolve("out.pcapng")).doesNotExist();
    }

    private void assertSkipped(String command, String file, String warning, int goodEvents) throws Exception {
        RetisJar.Result run = command.equals("pcap")
                ? RetisJar.run(dir, "pcap", file, "-o", "out.pcapng")
                : RetisJar.run(dir, command, file);
        assertThat(run.status()).isEqualTo(1);
        List<String> stderr = run.stderr().lines().toList();
        assertThat(stderr.getFirst()).startsWith(warning);
        if (command.equals("pcap")) {
            assertThat(stderr.subList(1, stderr.size())).containsExactly(goodEvents + " event(s) were processed");
            assertThat(packetBlocks(dir.resolve("out.pcapng"))).isEqualTo(goodEvents);
        } else {
            assertThat(stderr).hasSize(1);
            assertThat(EVENT.matcher(run.stdout()).results().count()).isEqualTo(goodEvents);
        }
    }

    /** Enhanced packet blocks (type 6) in a little-endian pcap-ng file. */
    private static int packetBlocks(Path file) throws Exception {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int packets = 0;
        while (bytes.remaining() >= 12) {
            int start = bytes.position();
            int type = bytes.getInt(start);
            int length = bytes.getInt(start + 4);
            packets += type == 6 ? 1 : 0;
            bytes.position(start + length);
        }
        return packets;
    }
}
