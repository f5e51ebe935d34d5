package org.jretis.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolution against the running kernel's BTF, with a made-up tracefs listing. */
class ProbeResolverTest {
    private static final List<String> EVENTS = List.of("net:netif_receive_skb", "net:net_dev_xmit",
            "net:net_dev_xmit_timeout", "net:napi_poll", "net:netif_rx_exit", "skb:kfree_skb", "skb:consume_skb");
    private static Btf btf;

    @TempDir
    Path tracefsDir;

    @BeforeAll
    static void readBtf() throws BtfException {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "kernel BTF needed");
        btf = Btf.kernel();
    }

    private ProbeResolver resolver(Set<ArgType> readable, Set<String> symbols) throws IOException {
        Files.write(tracefsDir.resolve("available_events"), EVENTS);
        Tracefs fs = new Tracefs(tracefsDir, false);
        return new ProbeResolver(btf, () -> Optional.of(fs), readable, () -> new KernelSymbols(symbols));
    }

    private static List<ProbeSpec> specs(String... probes) throws InvalidProbeException {
        List<ProbeSpec> list = new java.util.ArrayList<>();
        for (String p : probes) {
            list.add(ProbeSpec.parse(p));
        }
        return list;
    }

    @Test
    void wildcardsExpandToTracepointsWhoseArgumentsACollectorReads() throws Exception {
        List<Probe> probes = resolver(EnumSet.allOf(ArgType.class), Set.of()).resolve(specs("tp:net:*"), false);
        // napi_poll (struct napi_struct *) and netif_rx_exit (int) carry nothing a collector reads.
        assertThat(probes).extracting(Probe::target)
                .containsExactly("net:net_dev_xmit", "net:net_dev_xmit_timeout", "net:netif_receive_skb");
        Probe xmit = probes.get(0);
        assertThat(xmit.skbArg()).isZero();
        assertThat(xmit.devArg()).isEqualTo(2);
        assertThat(xmit.noTracking()).as("net_dev_xmit may see a freed skb").isTrue();
        Probe timeout = probes.get(1);
        assertThat(timeout.skbArg()).isEqualTo(-1);
        assertThat(timeout.devArg()).isZero();
        assertThat(probes.get(2).noTracking()).isFalse();
    }

    @Test
    void withOnlyTheSkbCollectorADeviceOnlyTracepointIsLeftOut() throws Exception {
        List<Probe> probes = resolver(EnumSet.of(ArgType.SKB), Set.of()).resolve(specs("tp:net:net_dev_*"), false);
        assertThat(probes).extracting(Probe::target).containsExactly("net:net_dev_xmit");
        assertThat(probes.get(0).devArg()).isEqualTo(-1);
    }

    @Test
    void theDropReasonIsFoundInKfreeSkb() throws Exception {
        Probe kfree = resolver(EnumSet.allOf(ArgType.class), Set.of()).resolve(specs("skb:kfree_skb/stack"), false).get(0);
        assertThat(kfree.skbArg()).isZero();
        assertThat(kfree.reasonArg()).isEqualTo(2);
        assertThat(kfree.stack()).isTrue();
        assertThat(kfree.display()).isEqualTo("tp:skb:kfree_skb");
    }

    @Test
    void aProbeGivenTwiceIsAttachedOnceWithTheStackIfEitherAskedForIt() throws Exception {
        List<Probe> probes = resolver(EnumSet.allOf(ArgType.class), Set.of())
                .resolve(specs("tp:skb:*", "skb:kfree_skb/stack"), false);
        assertThat(probes).extracting(Probe::target).containsExactly("skb:consume_skb", "skb:kfree_skb");
        assertThat(probes.get(1).stack()).isTrue();
    }

    @Test
    void unknownTracepointsAndUnmatchedWildcardsAreRefused() throws Exception {
        ProbeResolver resolver = resolver(EnumSet.allOf(ArgType.class), Set.of());
        assertThatThrownBy(() -> resolver.resolve(specs("foo:kfree_skb"), false))
                .hasMessage("Tracepoint foo:kfree_skb not found (probe tp:foo:kfree_skb)");
        assertThatThrownBy(() -> resolver.resolve(specs("tp:kfree_*"), false))
                .hasMessage("No tracepoint matches tp:kfree_*");
    }

    @Test
    void withoutTracefsExplicitTracepointsAreFoundInBtfButWildcardsCannotExpand() throws Exception {
        ProbeResolver resolver = new ProbeResolver(btf, Optional::empty, EnumSet.allOf(ArgType.class),
                () -> new KernelSymbols(Set.of()));
        assertThat(resolver.resolve(specs("tp:net:netif_receive_skb"), true).get(0).stack()).isTrue();
        assertThatThrownBy(() -> resolver.resolve(specs("tp:net:*"), false))
                .hasMessageContaining("Cannot expand tp:net:*: tracefs is not mounted");
    }

    @Test
    void kprobesAreCheckedThenRefusedNamingWhatTheKernelLacks() throws Exception {
        ProbeResolver resolver = resolver(EnumSet.allOf(ArgType.class), Set.of("ip_rcv"));
        // This tracefs lists no traceable functions: function tracing is not permitted.
        assertThatThrownBy(() -> resolver.resolve(specs("kprobe:ip_rcv"), false))
                .hasMessage("Cannot attach kprobe:ip_rcv: this kernel has no kprobes (CONFIG_KPROBES is not set)"
                        + " and does not permit function tracing");
        assertThatThrownBy(() -> resolver.resolve(specs("kr:no_such_function"), false))
                .hasMessage("Function no_such_function not found (probe kretprobe:no_such_function)");
        assertThatThrownBy(() -> resolver.resolve(specs("k:tcp_*"), false))
                .hasMessageStartingWith("Cannot attach kprobe:tcp_*: this kernel has no kprobes");
    }

    /** A kernel with kprobes: register_kprobe in kallsyms, traceable functions listed in tracefs. */
    private ProbeResolver withKprobes(Set<ArgType> readable) throws IOException {
        Files.write(tracefsDir.resolve("available_filter_functions"), List.of("ip_rcv", "tcp_v4_rcv",
                "tcp_v6_rcv", "tcp_init_sock", "tcp_no_such_prototype", "sk_skb_reason_drop", "ovs_vport_send [openvswitch]"));
        return resolver(readable, Set.of("register_kprobe", "ip_rcv", "tcp_v4_rcv", "tcp_v6_rcv",
                "tcp_init_sock", "sk_skb_reason_drop", "inet_init"));
    }

    @Test
    void aFunctionProbeFindsTheSkbAndDeviceInTheFunctionsPrototype() throws Exception {
        assumeTrue(hasFunction("ip_rcv"), "ip_rcv in BTF");
        List<Probe> probes = withKprobes(EnumSet.allOf(ArgType.class)).resolve(specs("ip_rcv", "kr:ip_rcv/stack"), false);
        // ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt, struct net_device *orig_dev)
        assertThat(probes).extracting(Probe::display).containsExactly("kprobe:ip_rcv", "kretprobe:ip_rcv");
        Probe kprobe = probes.get(0);
        assertThat(kprobe.type()).isEqualTo(ProbeType.KPROBE);
        assertThat(kprobe.target()).isEqualTo("ip_rcv");
        assertThat(kprobe.skbArg()).isZero();
        assertThat(kprobe.devArg()).isEqualTo(1);
        assertThat(kprobe.netArg()).isEqualTo(-1);
        assertThat(kprobe.stack()).isFalse();
        assertThat(probes.get(1).type()).isEqualTo(ProbeType.KRETPROBE);
        assertThat(probes.get(1).stack()).isTrue();
    }

    @Test
    void aDropReasonParameterIsFoundInAFunctionToo() throws Exception {
        assumeTrue(hasFunction("sk_skb_reason_drop"), "sk_skb_reason_drop in BTF (6.11+)");
        // sk_skb_reason_drop(struct sock *sk, struct sk_buff *skb, enum skb_drop_reason reason)
        Probe drop = withKprobes(EnumSet.allOf(ArgType.class)).resolve(specs("k:sk_skb_reason_drop"), false).get(0);
        assertThat(drop.skbArg()).isEqualTo(1);
        assertThat(drop.reasonArg()).isEqualTo(2);
    }

    @Test
    void functionWildcardsMatchTheTraceableFunctionsAndKeepThoseACollectorReads() throws Exception {
        List<Probe> probes = withKprobes(EnumSet.allOf(ArgType.class)).resolve(specs("kprobe:tcp_*"), false);
        // tcp_init_sock takes a struct sock *; tcp_no_such_prototype has no BTF: both left out.
        assertThat(probes).extracting(Probe::display).containsExactly("kprobe:tcp_v4_rcv", "kprobe:tcp_v6_rcv");
        assertThat(probes).allSatisfy(p -> assertThat(p.skbArg()).isZero());
    }

    @Test
    void functionsThatCannotBeProbedAreRefused() throws Exception {
        ProbeResolver resolver = withKprobes(EnumSet.allOf(ArgType.class));
        assertThatThrownBy(() -> resolver.resolve(specs("inet_init"), false))
                .hasMessage("Function inet_init is not traceable (probe kprobe:inet_init)");
        assertThatThrownBy(() -> resolver.resolve(specs("kprobe:nope_*"), false))
                .hasMessage("No traceable function matches kprobe:nope_*");
        assertThat(resolver.resolve(specs("kprobe:tcp_init_sock"), false)).as("nothing a collector reads").isEmpty();
    }

    @Test
    void withoutTheTraceableListAFunctionNamedInFullIsCheckedInKallsymsButAWildcardCannotExpand() throws Exception {
        assumeTrue(hasFunction("tcp_v4_rcv"), "tcp_v4_rcv in BTF");
        ProbeResolver resolver = new ProbeResolver(btf, Optional::empty, EnumSet.allOf(ArgType.class),
                () -> new KernelSymbols(Set.of("register_kprobe", "tcp_v4_rcv")));
        assertThat(resolver.resolve(specs("tcp_v4_rcv"), false)).extracting(Probe::display)
                .containsExactly("kprobe:tcp_v4_rcv");
        assertThatThrownBy(() -> resolver.resolve(specs("tcp_*"), false))
                .hasMessageStartingWith("Cannot expand kprobe:tcp_*: the kernel's traceable functions cannot be listed");
    }

    private static boolean hasFunction(String name) {
        try {
            btf.functionParams(name);
            return true;
        } catch (BtfException e) {
            return false;
        }
    }
}
