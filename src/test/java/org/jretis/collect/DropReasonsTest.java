package org.jretis.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jretis.btf.Btf;
import org.jretis.event.SkbDropSection;
import org.junit.jupiter.api.Test;

class DropReasonsTest {

    @Test
    void namesComeFromTheKernelsEnumWithoutPrefixes() throws Exception {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "kernel BTF needed");
        Btf btf = Btf.kernel();
        long noSocket = btf.enumValues("skb_drop_reason").entrySet().stream()
                .filter(e -> e.getValue().equals("SKB_DROP_REASON_NO_SOCKET")).findFirst().orElseThrow().getKey();
        DropReasons reasons = DropReasons.fromBtf(btf);
        assertThat(reasons.section((int) noSocket)).isEqualTo(new SkbDropSection(null, "NO_SOCKET"));
        assertThat(reasons.section(1)).isEqualTo(new SkbDropSection(null, "CONSUMED"));
    }

    @Test
    void subsystemReasonsAreNamedFromTheSubsystemsEnumByTheirFullValue() {
        int ovsLastAction = (2 << 16) | 1;
        List<String> asked = new ArrayList<>();
        DropReasons reasons = new DropReasons(Map.of(3, "NO_SOCKET"), Map.of(2, "openvswitch", 1, "mac80211_unusable"),
                subsystem -> {
                    asked.add(subsystem);
                    return subsystem.equals("openvswitch") ? Map.of(ovsLastAction, "OVS_DROP_LAST_ACTION") : Map.of();
                });
        assertThat(reasons.section(ovsLastAction)).isEqualTo(new SkbDropSection("openvswitch", "OVS_DROP_LAST_ACTION"));
        // A value the enum does not name, as Retis prints it: the full value.
        assertThat(reasons.section((2 << 16) | 5)).isEqualTo(new SkbDropSection("openvswitch", "131077"));
        assertThat(reasons.section((1 << 16) | 7)).isEqualTo(new SkbDropSection("mac80211_unusable", "65543"));
        assertThat(reasons.section(7 << 16)).as("a subsystem the kernel does not list")
                .isEqualTo(new SkbDropSection("7", "458752"));
        assertThat(reasons.section(999)).isEqualTo(new SkbDropSection(null, "999"));
        assertThat(asked).as("each subsystem's names are read once, when first needed")
                .containsExactly("openvswitch", "mac80211_unusable");
    }

    @Test
    void stacksStartAtTheKernelNotAtTheTracer() {
        assertThat(StackSymbols.isTracerFrame("bpf_prog_91ea4d0595fc01c8_probe_skb+0xa3d")).isTrue();
        assertThat(StackSymbols.isTracerFrame("bpf_trace_run4+0xfc")).isTrue();
        assertThat(StackSymbols.isTracerFrame("__traceiter_kfree_skb+0x41")).isTrue();
        assertThat(StackSymbols.isTracerFrame("sk_skb_reason_drop+0x90")).isFalse();
    }
}
