package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retis python} and the {@code retis} package on Retis' own files, read in place: the
 * examples of Retis' docs/python.md, run unchanged, in the packaged tool's own JVM and the system's
 * python3.
 */
class PythonIT {
    private static final String PACKETS = RetisJar.FIXTURES.resolve("test_events_packets.json").toString();
    private static final String SORTED = RetisJar.FIXTURES.resolve("test_events_sorted.json").toString();
    /** Debian's python3 first: it has python3-scapy, which a pyenv python3 first on PATH lacks. */
    private static final Map<String, String> SYSTEM_PYTHON = Map.of("PATH", "/usr/bin:" + System.getenv("PATH"));

    @TempDir
    Path dir;

    @Test
    void theDocsCountingExampleCountsEveryEventStartupIncluded() throws Exception {
        script("count.py", """
                print(reader.sorted())
                events = reader.events()
                print("Got {} events".format(sum(1 for _ in events)))
                """);
        RetisJar.Result run = python("-i", PACKETS, "count.py");
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("False\nGot 27 events\n");
    }

    @Test
    void eventsPrintExactlyAsRetisPrintPrintsThem() throws Exception {
        script("print.py", """
                for e in reader.events():
                    print(e, end="\\n\\n")
                """);
        RetisJar.Result python = python("-i", PACKETS, "print.py");
        RetisJar.Result print = RetisJar.run(dir, "print", PACKETS);
        assertThat(python.status()).as(python.stderr()).isZero();
        assertThat(python.stdout()).isEqualTo(print.stdout()).contains("ct_state NEW");
    }

    @Test
    void theDocsSortedFileExamples() throws Exception {
        script("series.py", """
                print(reader.sorted())
                series = reader.series()
                print("Got {} series".format(sum(1 for _ in series)))
                """);
        RetisJar.Result run = python("--input", SORTED, "series.py");
        assertThat(run.status()).as(run.stderr()).isZero();
        // The startup event is a series of its own, as in Retis.
        assertThat(run.stdout()).isEqualTo("True\nGot 4 series\n");

        script("library.py", """
                from retis import SeriesReader

                import statistics

                reader = SeriesReader(sys.argv[1])

                events_per_series = [len(s) for s in reader]

                print("Number of series: {}".format(len(events_per_series)))
                print("Average events per series: {}".format(statistics.mean(events_per_series)))
                """);
        RetisJar.Result library = python("-i", SORTED, "library.py", SORTED);
        assertThat(library.stdout()).isEqualTo("Number of series: 4\nAverage events per series: 1.25\n");
    }

    @Test
    void theDocsHelpersOnAnEvent() throws Exception {
        script("helpers.py", """
                events = reader.events()
                e = next(events) # Skip startup event
                e = next(events)
                print(e.sections())
                print(e.to_dict().keys())
                print(e.to_dict()['common'].keys())
                print(e.common)
                print(e.ct)
                print(repr(e.common))
                print(hex(e.skb_tracking.tracking_id()))
                print(e["skb-tracking"] == e.skb_tracking, 'skb' in e, e.ovs)
                print(e.kernel.symbol, e.common.task.comm, e.dev.name)
                """);
        RetisJar.Result run = python("-i", PACKETS, "helpers.py");
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                ['common', 'ct', 'dev', 'kernel', 'netns', 'packet', 'skb', 'skb_tracking']
                dict_keys(['common', 'kernel', 'skb-tracking', 'packet', 'skb', 'netns', 'dev', 'ct'])
                dict_keys(['timestamp', 'smp_id', 'task'])
                30419169061793 (6) [ping] 11330
                ct_state NEW status 0x8 icmp orig [192.168.125.10 > 192.168.125.11 type 8 code 0 id 29004] \
                reply [192.168.125.11 > 192.168.125.10 type 0 code 0 id 29004] zone 0 mark 0
                {'timestamp': 30419169061793, 'smp_id': 6, 'task': {'pid': 11330, 'tgid': 11330, 'comm': 'ping'}}
                0x1baa83c42ba1ffff8e95c3b67c00
                True True None
                net:net_dev_start_xmit ping veth-ns01
                """);
    }

    @Test
    void theDocsTrackingIdMatch() throws Exception {
        script("match.py", """
                events = [e for e in reader.events() if e.skb_tracking]
                e0 = events[0]
                e1 = next(e for e in events[1:] if e.skb_tracking.tracking_id() == e0.skb_tracking.tracking_id())
                other = next(e for e in events if e.skb_tracking.tracking_id() != e0.skb_tracking.tracking_id())
                print(e0.skb_tracking.match(e1.skb_tracking), e0.skb_tracking.strict_match(e1.skb_tracking))
                print(e0.skb_tracking.match(other.skb_tracking))
                """);
        RetisJar.Result run = python("-i", PACKETS, "match.py");
        assertThat(run.stdout()).as(run.stderr()).isEqualTo("True True\nFalse\n");
    }

    @Test
    void theDocsPacketExamples() throws Exception {
        assumeTrue(RetisJar.command(dir, SYSTEM_PYTHON, List.of("sh", "-c", "python3 -c 'import scapy'")).status() == 0,
                "scapy is not installed (apt-get install python3-scapy)");
        script("scapy_example.py", """
                from scapy.all import *
                events = reader.events()
                e = next(events) # Skip startup event
                e = next(events)
                p = e.packet.to_scapy()
                print(p.summary())
                if IP in p:
                    print("src: " + p[IP].src)
                print(type(e.packet.data).__name__, len(bytes(e.packet.data)))
                from scapy.layers.l2 import Ether
                print(Ether(bytes(e.packet.data)) == p)
                """);
        RetisJar.Result run = RetisJar.run(dir, SYSTEM_PYTHON, "python", "-i", PACKETS, "scapy_example.py");
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                Ether / IP / ICMP 192.168.125.10 > 192.168.125.11 echo-request 0 / Raw
                src: 192.168.125.10
                bytes 98
                True
                """);
    }

    @Test
    void argumentsAreInSysArgvAsRetisSetsThem() throws Exception {
        script("argv.py", "print(sys.argv)\n");
        assertThat(python("-i", PACKETS, "argv.py").stdout()).isEqualTo("['argv.py']\n");
        assertThat(python("-i", PACKETS, "argv.py", "foo").stdout()).isEqualTo("['argv.py', 'foo']\n");
        assertThat(python("-i", PACKETS, "--", "argv.py", "-x", "--foo").stdout())
                .isEqualTo("['argv.py', '-x', '--foo']\n");
    }

    @Test
    void aScriptNamedWithoutPyIsLookedUpInTheUsersDirectory() throws Exception {
        Path scripts = Files.createDirectories(dir.resolve("home/.config/retis/python"));
        Files.writeString(scripts.resolve("first.py"), "print(next(reader.events()).startup.retis_version)\n");
        Map<String, String> home = Map.of("HOME", dir.resolve("home").toString());
        RetisJar.Result run = RetisJar.run(dir, home, "python", "-i", PACKETS, "first");
        assertThat(run.stdout()).as(run.stderr()).isEqualTo("v1.6.0\n");

        RetisJar.Result missing = RetisJar.run(dir, home, "python", "-i", PACKETS, "nosuchscript");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("Error: Python script named nosuchscript not found\n");
    }

    @Test
    void theDefaultInputIsRetisDataAndAMissingOneIsOneErrorLine() throws Exception {
        script("count.py", "print(sum(1 for _ in reader.events()))\n");
        RetisJar.Result missing = python("count.py");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("Error: retis.data: No such file or directory\n");

        Files.copy(Path.of(PACKETS), dir.resolve("retis.data"));
        assertThat(python("count.py").stdout()).isEqualTo("27\n");
    }

    @Test
    void aFailingScriptShowsItsTracebackAndExitsOne() throws Exception {
        script("fails.py", "events = reader.events()\nraise ValueError('from the script')\n");
        RetisJar.Result run = python("-i", PACKETS, "fails.py");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).contains("File \"fails.py\", line 2").endsWith("ValueError: from the script\n")
                .doesNotContain("_shell.py");
        script("exits.py", "sys.exit(3)\n");
        assertThat(python("-i", PACKETS, "exits.py").status()).isEqualTo(3);
    }

    @Test
    void withoutAScriptAConsoleRunsWithReaderDefined() throws Exception {
        Path input = dir.resolve("console.in");
        Files.writeString(input, "print(reader.sorted(), sum(1 for _ in reader.events()))\n");
        RetisJar.Result run = RetisJar.command(dir, Map.of(), List.of("sh", "-c",
                RetisJar.javaCommandLine(List.of(), "python", "-i", PACKETS) + " < console.in"));
        assertThat(run.status()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo(">>> False 27\n>>> ");
        assertThat(run.stderr()).contains("(InteractiveConsole)");
    }

    @Test
    void thePackageWorksOnItsOwnFromThePathPrinted() throws Exception {
        RetisJar.Result path = RetisJar.run(dir, "python", "--path");
        assertThat(path.stdout()).isEqualTo(RetisJar.jar().resolve("python") + "\n");
        script("standalone.py", """
                import sys
                from retis import EventFile, EventReader
                f = EventFile(sys.argv[1])
                print(f.sorted(), sum(1 for _ in EventReader(sys.argv[1])))
                try:
                    EventReader(sys.argv[2])
                except RuntimeError as e:
                    print(e)
                """);
        Map<String, String> environment = Map.of("PYTHONPATH", path.stdout().strip(),
                "JAVA_HOME", System.getProperty("java.home"));
        RetisJar.Result run = RetisJar.command(dir, environment, List.of("python3", "standalone.py", PACKETS, SORTED));
        assertThat(run.stdout()).as(run.stderr())
                .isEqualTo("False 27\nCannot create a EventReader from a sorted file. Use an SeriesReader instead\n");
    }

    private void script(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private RetisJar.Result python(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "python";
        System.arraycopy(args, 0, command, 1, args.length);
        return RetisJar.run(dir, command);
    }
}
