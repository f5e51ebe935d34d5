package org.jretis.sink.pcapng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jretis.sink.pcapng.PcapngSamples.Expected;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The written file read by the tools users have: tshark must see the packets with their
 * lengths, timestamps, comments and interfaces; tcpdump must print its usual lines. tshark is
 * installed with apt-get when missing and the test runs as root; otherwise its test is skipped.
 */
class PcapngToolsTest {
    private static String tsharkMissing;

    @TempDir
    Path dir;

    @BeforeAll
    static void installTshark() throws Exception {
        if (onPath("tshark")) {
            return;
        }
        if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
            tsharkMissing = "tshark is not installed and installing it needs root";
            return;
        }
        if (run(List.of("apt-get", "install", "-y", "tshark")).exit != 0) {
            run(List.of("apt-get", "update"));
            Result second = run(List.of("apt-get", "install", "-y", "tshark"));
            if (second.exit != 0) {
                tsharkMissing = "apt-get install tshark failed: " + second.stderr.strip();
            }
        }
    }

    @Test
    void tsharkSeesEveryPacketAsWritten() throws Exception {
        assumeTrue(tsharkMissing == null, tsharkMissing);
        Path file = samplesFile();
        Result tshark = run(List.of("tshark", "-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.time_epoch", "-e", "frame.comment",
                "-e", "frame.interface_name"));
        assertThat(tshark.exit).as(tshark.stderr).isZero();

        List<String> lines = tshark.stdout.lines().toList();
        // Wireshark 4 shows the schema's custom block as a record of its own, without interface.
        int schemaRecord = PcapngSamples.SCHEMA.length + PcapngBlock.padding(PcapngSamples.SCHEMA.length);
        assertThat(lines.getFirst()).isEqualTo(schemaRecord + "\t" + schemaRecord + "\t\t\t");
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(
                PcapngSamples.expected().stream().map(PcapngToolsTest::tsharkLine).toList());
    }

    @Test
    void tcpdumpPrintsItsUsualLines() throws Exception {
        assumeTrue(onPath("tcpdump"), "tcpdump is not installed");
        Result tcpdump = run(List.of("tcpdump", "-nnr", samplesFile().toString()));
        assertThat(tcpdump.exit).as(tcpdump.stderr).isZero();
        assertThat(tcpdump.stderr).contains("link-type EN10MB (Ethernet)");
        assertThat(tcpdump.stdout.lines()).satisfiesExactly(
                line -> assertThat(line).endsWith(
                        " IP 192.168.125.10 > 192.168.125.11: ICMP echo request, id 29004, seq 1, length 64"),
                line -> assertThat(line).contains(" IP 10.0.42.1.40000 > 10.0.42.2.80: Flags [S], seq 16909060,"),
                line -> assertThat(line).endsWith(" IP 10.0.42.1 > 10.0.42.2: ICMP echo request, id 7, seq 1, length 1480"),
                line -> assertThat(line).contains(" IP 10.0.42.1.40000 > 10.0.42.2.80: Flags [S],"));
    }

    /** tshark prints a comment's line breaks as {@code \n} and epoch time with 9 decimals. */
    private static String tsharkLine(Expected p) {
        String epoch = Long.divideUnsigned(p.timestampNanos(), 1_000_000_000L) + "."
                + String.format("%09d", Long.remainderUnsigned(p.timestampNanos(), 1_000_000_000L));
        return String.join("\t", String.valueOf(p.originalLength()), String.valueOf(p.data().length), epoch,
                p.comment().replace("\n", "\\n"), p.probe().ifName());
    }

    private Path samplesFile() throws IOException {
        return Files.write(dir.resolve("events.pcapng"), PcapngWriterTest.writeSamples());
    }

    private static boolean onPath(String command) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, command))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Path stderr = Files.createTempFile("pcapng-tool", ".err");
        builder.redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = builder.start();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within 10 minutes");
            }
            return new Result(process.exitValue(), stdout, Files.readString(stderr));
        } finally {
            Files.delete(stderr);
        }
    }
}
