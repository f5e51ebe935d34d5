package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code retis python} on captures of ours: pings across a veth pair of this run's own, collected
 * into one file and into rotated files, read with the script of Retis' own {@code rotation_by_size}
 * test. Root only; the namespaces are deleted at the end.
 */
class PythonKernelIT {
    /** The script of Retis' tests/next/rotation.sh, verbatim. */
    private static final String RETIS_ROTATION_SCRIPT = "for e in reader.events():\n\tprint(e)\n";
    private static final Pattern FILE_ID = Pattern.compile("file id (\\d+)");

    private static Path dir;
    private static PingPair pair;

    @BeforeAll
    static void createPair() throws Exception {
        assumeTrue(PingPair.canCreate(), "kernel tests load BPF programs and create namespaces: they need root");
        dir = Files.createTempDirectory("jretis-python-it");
        pair = PingPair.create();
    }

    @AfterAll
    static void deletePair() {
        if (pair != null) {
            pair.close();
        }
    }

    @Test
    void retisRotationScriptFindsEachFileId() throws Exception {
        Path rotation = Files.createDirectories(dir.resolve("rotation"));
        RetisJar.Result collect = RetisJar.launch(rotation, "collect", "-o", "--out-rotate", "1MB",
                "--cmd", pair.ping("-f -c 2000"));
        assertThat(collect.status()).as(collect.stderr()).isZero();
        assertThat(rotation.resolve("retis.data")).doesNotExist();
        assertThat(rotation.resolve("retis.data.2")).exists();
        int files = 0;
        while (Files.exists(rotation.resolve("retis.data." + files))) {
            files++;
        }
        Files.writeString(rotation.resolve("test.py"), RETIS_ROTATION_SCRIPT);

        Set<Integer> all = IntStream.range(0, files).boxed().collect(Collectors.toSet());
        assertThat(fileIds(RetisJar.run(rotation, "python", "test.py"))).isEqualTo(all);
        assertThat(fileIds(RetisJar.run(rotation, "python", "--input", "retis.data.1", "test.py"))).containsExactly(1);
        Set<Integer> fromOne = all.stream().filter(i -> i >= 1).collect(Collectors.toSet());
        assertThat(fileIds(RetisJar.run(rotation, "python", "--input", "retis.data.1..", "test.py"))).isEqualTo(fromOne);
        assertThat(fileIds(RetisJar.run(rotation, "python", "-i", "retis.data.1..", "test.py"))).isEqualTo(fromOne);
    }

    @Test
    void aCaptureOfOursReadsAsRetisPrintShowsIt() throws Exception {
        Path single = Files.createDirectories(dir.resolve("single"));
        RetisJar.Result collect = RetisJar.launch(single, "collect", "-o", "pings.data", "--cmd", pair.ping("-c 3 -i 0.2"));
        assertThat(collect.status()).as(collect.stderr()).isZero();
        Files.writeString(single.resolve("print.py"), "for e in reader.events():\n    print(e, end='\\n\\n')\n");
        Files.writeString(single.resolve("match.py"), """
                events = [e for e in reader.events() if e.skb_tracking]
                for e in [e for e in events if "proto ICMP" in str(e)]:
                    same = [o for o in events if o is not e and o.skb_tracking.match(e.skb_tracking)]
                    strict = [o for o in same if o.skb_tracking.strict_match(e.skb_tracking)]
                    assert all(o.skb_tracking.skb == e.skb_tracking.skb for o in strict)
                    print(len(same) > 0, str(e.skb_tracking) in str(e))
                """);

        RetisJar.Result python = RetisJar.run(single, "python", "-i", "pings.data", "print.py");
        assertThat(python.status()).as(python.stderr()).isZero();
        assertThat(python.stdout()).isEqualTo(RetisJar.run(single, "print", "pings.data").stdout())
                .contains("if 2 (" + pair.interfaceA + ")");
        // Each ping is seen leaving A and entering B, under one tracking id.
        RetisJar.Result match = RetisJar.run(single, "python", "-i", "pings.data", "match.py");
        assertThat(match.stdout().lines().distinct()).as(match.stderr()).containsExactly("True True");

        Map<String, String> systemPython = Map.of("PATH", "/usr/bin:" + System.getenv("PATH"));
        assumeTrue(RetisJar.command(single, systemPython, List.of("sh", "-c", "python3 -c 'import scapy'"))
                .status() == 0, "scapy is not installed (apt-get install python3-scapy)");
        Files.writeString(single.resolve("scapy_summary.py"), """
                for e in reader.events():
                    if e.packet and e.kernel.symbol == "net:net_dev_start_xmit":
                        print(e.packet.to_scapy().summary())
                """);
        RetisJar.Result scapy = RetisJar.run(single, systemPython, "python", "-i", "pings.data", "scapy_summary.py");
        assertThat(scapy.stdout()).as(scapy.stderr())
                .contains("Ether / IP / ICMP " + PingPair.ADDRESS_A + " > " + PingPair.ADDRESS_B + " echo-request 0 / Raw");
    }

    private static Set<Integer> fileIds(RetisJar.Result run) {
        assertThat(run.status()).as(run.stderr()).isZero();
        Matcher m = FILE_ID.matcher(run.stdout());
        Set<Integer> ids = new TreeSet<>();
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }
}
