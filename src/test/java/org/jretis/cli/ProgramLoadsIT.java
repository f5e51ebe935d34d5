package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jretis.bpf.Capabilities;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every BPF program of the jar goes through the running kernel's verifier in every configuration
 * {@code collect} can give it: each combination of collectors, then the options that change
 * the loaded code (stacks, skb sections, packet and meta filters). The read-only globals a
 * configuration sets decide which branches the verifier walks, so each one is a load of its own.
 * Function probes (kprobe, kretprobe) are loaded where the kernel has kprobes.
 * A refusal fails with the tool's error line, which carries the verifier's message. Runs
 * in-process ({@code collect --cmd true}): one JVM start for all of them, which the kernel
 * matrix (scripts/kernel-matrix) needs under emulation.
 */
@Tag("matrix")
class ProgramLoadsIT {
    private static final List<String> COLLECTORS = collectors();
    /** The objects a collection loads: each with every combination below. */
    private static final List<String> LOADED_BY_COLLECT = List.of("probe.bpf.o", "tracking.bpf.o", "netns.bpf.o");

    private static final Path KPROBE_PMU = Path.of("/sys/bus/event_source/devices/kprobe");
    /** Probes are named: only auto picks default ones. skb-drop adds its own (skb:kfree_skb). */
    private static final List<String> PROBES = List.of("-p", "tp:net:netif_receive_skb", "-p", "tp:net:net_dev_start_xmit");

    /** The collectors with a BPF part; ct where conntrack is there (a module in Debian's kernels). */
    private static List<String> collectors() {
        List<String> names = new ArrayList<>(List.of("skb-tracking", "skb", "skb-drop", "dev", "ns"));
        if (loads("nf_conntrack")) {
            names.add("ct");
        }
        return List.copyOf(names);
    }

    /** Whether a module is there once modprobe tried to load it (without modprobe: if built in). */
    private static boolean loads(String module) {
        try {
            new ProcessBuilder("modprobe", module).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException | InterruptedException e) {
            // No modprobe: the module is there only if built in.
        }
        return Files.isDirectory(Path.of("/sys/module", module));
    }

    /**
     * Every non-empty subset of the collectors but skb-drop alone (which reads no probe's data:
     * the tool refuses it before loading, as Retis does), then auto.
     */
    static Stream<String> collectorCombinations() {
        List<String> combinations = new ArrayList<>();
        int dropOnly = 1 << COLLECTORS.indexOf("skb-drop");
        for (int mask = 1; mask < 1 << COLLECTORS.size(); mask++) {
            if (mask == dropOnly) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < COLLECTORS.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    names.add(COLLECTORS.get(i));
                }
            }
            combinations.add(String.join(",", names));
        }
        combinations.add("auto");
        return combinations.stream();
    }

    /** Options that put other code in the probe, each with every collector. */
    static Stream<List<String>> codeChangingOptions() {
        String all = String.join(",", COLLECTORS);
        return Stream.of(
                List.of("-c", all, "--stack"),
                List.of("-c", all, "--skb-sections", "all"),
                List.of("-c", all, "-f", "tcp port 80 or (udp and ip6) or arp"),
                List.of("-c", all, "-m", "sk_buff.dev.name == 'lo'"),
                List.of("-c", all, "--stack", "--skb-sections", "all", "-f", "icmp", "-m", "sk_buff.len > 10"));
    }

    /**
     * Function probes, where the kernel has kprobes: other programs of the same objects. nft's
     * (probe_nft at __nft_trace_packet) where nf_tables loads; auto then runs it too.
     */
    static Stream<List<String>> functionProbes() {
        String all = String.join(",", COLLECTORS);
        List<List<String>> probes = new ArrayList<>(List.of(
                List.of("-c", all, "-p", "kprobe:ip_rcv"),
                List.of("-c", all, "-p", "kretprobe:ip_rcv"),
                List.of("-c", all, "--stack", "-p", "kprobe:ip_rcv"), // kfree_skb_reason is gone in 6.12
                List.of("-c", "skb-tracking", "-p", "kprobe:ip_rcv")));
        if (loads("nf_tables")) {
            probes.add(List.of("-c", "nft"));
            probes.add(List.of("-c", all + ",nft", "--stack", "--skb-sections", "all", "-f", "icmp",
                    "-m", "sk_buff.len > 10"));
        }
        return probes.stream();
    }

    @ParameterizedTest(name = "-c {0}")
    @MethodSource("collectorCombinations")
    void everyCollectorCombinationLoads(String collectors, @TempDir Path dir) throws IOException {
        assertLoads(dir, List.of("-c", collectors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codeChangingOptions")
    void everyCodeChangingOptionLoads(List<String> options, @TempDir Path dir) throws IOException {
        assertLoads(dir, options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionProbes")
    void everyFunctionProbeKindLoads(List<String> options, @TempDir Path dir) throws IOException {
        assumeTrue(Files.isDirectory(KPROBE_PMU), "this kernel has no kprobes");
        assertLoads(dir, options);
    }

    /** A BPF object added to the jar must be loaded here too: this test names them all. */
    @Test
    void everyObjectOfTheJarIsLoadedByTheseTests() throws IOException {
        List<String> objects = new ArrayList<>();
        try (ZipFile jar = new ZipFile(RetisJar.jar().toFile())) {
            jar.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".bpf.o"))
                    .forEach(n -> objects.add(n.substring(n.lastIndexOf('/') + 1)));
        }
        assertThat(objects).as("BPF objects of %s", RetisJar.jar()).containsExactlyInAnyOrderElementsOf(LOADED_BY_COLLECT);
    }

    private static void assertLoads(Path dir, List<String> options) throws IOException {
        assumeTrue(Capabilities.ofThisProcess().canLoadTracingPrograms(), "loads BPF programs: needs root");
        List<String> args = new ArrayList<>(List.of("collect", "--cmd", "true", "-o", dir.resolve("events.data").toString()));
        args.addAll(PROBES);
        args.addAll(options);
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.status()).as("retis %s on %s:%n%s", String.join(" ", args), kernel(), run.err()).isZero();
        assertThat(run.err()).contains("probe(s) loaded");
    }

    private static String kernel() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return "this kernel";
        }
    }
}
