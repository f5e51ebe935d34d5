package org.jretis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jretis.btf.Btf;
import org.jretis.profile.ProfileExpander;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Function probes and modules' probes resolved against a kernel that has kprobes (the Debian
 * guests of the kernel matrix): the real BTF, kallsyms and traceable functions, tracefs read as
 * the tool reads it (mounted, or through a private mount namespace). Skipped where the running
 * kernel has no kprobes.
 */
@Tag("matrix")
class KernelFunctionProbesTest {
    private static Btf btf;

    @BeforeAll
    static void kernelWithKprobes() throws Exception {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "kernel BTF needed");
        assumeTrue(KernelSymbols.read().hasKprobes(), "this kernel has no kprobes");
        btf = Btf.kernel();
    }

    private static List<Probe> resolve(String... probes) throws InvalidProbeException {
        List<ProbeSpec> specs = new ArrayList<>();
        for (String p : probes) {
            specs.add(ProbeSpec.parse(p));
        }
        return new ProbeResolver(btf, Tracefs::available, EnumSet.allOf(ArgType.class), KernelSymbols::read)
                .resolve(specs, false);
    }

    @Test
    void ipRcvTakesTheSkbFirstAndTheDeviceSecond() throws Exception {
        List<Probe> probes = resolve("kprobe:ip_rcv", "kr:ip_rcv/stack");
        assertThat(probes).extracting(Probe::display).containsExactly("kprobe:ip_rcv", "kretprobe:ip_rcv");
        assertThat(probes).allSatisfy(p -> {
            assertThat(p.skbArg()).isZero();
            assertThat(p.devArg()).isEqualTo(1);
        });
        assertThat(probes.get(1).stack()).isTrue();
    }

    @Test
    void aFunctionWildcardKeepsTheTraceableFunctionsACollectorReads() throws Exception {
        List<Probe> probes = resolve("kprobe:tcp_*");
        assertThat(probes).extracting(Probe::target).contains("tcp_v4_rcv", "tcp_rcv_established", "tcp_gro_receive")
                .doesNotContain("tcp_init_sock"); // a struct sock * only
        assertThat(probes).allSatisfy(p -> assertThat(p.type()).isEqualTo(ProbeType.KPROBE))
                .allMatch(p -> p.skbArg() >= 0 || p.devArg() >= 0 || p.netArg() >= 0);
    }

    @Test
    void everyProbeOfTheGenericProfilesKprobeFlavourResolves() throws Exception {
        List<String> args = ProfileExpander.expand(List.of("generic"), null, "collect");
        List<String> probes = new ArrayList<>();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--probe")) {
                probes.add(args.get(++i));
            }
        }
        assertThat(probes).contains("kprobe:ip_rcv", "kprobe:tcp_v4_rcv");
        // Each carries an skb, so each is kept: a missing or untraceable function would throw.
        assertThat(resolve(probes.toArray(String[]::new))).hasSameSizeAs(probes);
    }

    @Test
    void aModulesFunctionsAndTracepointsResolveThroughItsBtf() throws Exception {
        try (LoadedModule ovs = LoadedModule.require("openvswitch")) {
            List<Probe> probes = resolve("kprobe:ovs_dp_upcall", "tp:openvswitch:ovs_dp_upcall");
            // ovs_dp_upcall(struct datapath *, struct sk_buff *, ...), and its tracepoint alike.
            assertThat(probes).extracting(Probe::display)
                    .containsExactly("kprobe:ovs_dp_upcall", "tp:openvswitch:ovs_dp_upcall");
            assertThat(probes).allSatisfy(p -> assertThat(p.skbArg()).isEqualTo(1));
        }
    }
}
