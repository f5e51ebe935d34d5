package org.jretis.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Map;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.event.SkbDropSection;
import org.jretis.probe.LoadedModule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Open vSwitch's drop reasons live in the openvswitch module's BTF: they are named from there
 * (Debian 6.12 guest of the kernel matrix); skipped where the module or subsystem reasons are missing.
 */
@Tag("matrix")
class ModuleDropReasonsTest {

    @Test
    void openvswitchReasonsAreNamedFromTheModulesBtf() throws Exception {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "kernel BTF needed");
        try (LoadedModule ovs = LoadedModule.require("openvswitch")) {
            Btf vmlinux = Btf.kernel();
            Map<Long, String> subsystems;
            try {
                subsystems = vmlinux.enumValues("skb_drop_reason_subsys");
            } catch (BtfException e) {
                subsystems = Map.of();
            }
            long subsys = subsystems.entrySet().stream().filter(e -> e.getValue().equals("SKB_DROP_REASON_SUBSYS_OPENVSWITCH"))
                    .mapToLong(Map.Entry::getKey).findFirst().orElse(-1);
            assumeTrue(subsys > 0, "no openvswitch drop reason subsystem in this kernel");
            Btf module = vmlinux.module("openvswitch").orElseThrow();
            long lastAction = module.enumValues("ovs_drop_reason").entrySet().stream()
                    .filter(e -> e.getValue().equals("OVS_DROP_LAST_ACTION")).mapToLong(Map.Entry::getKey)
                    .findFirst().orElseThrow();
            assertThat(lastAction >>> 16).isEqualTo(subsys);

            DropReasons reasons = DropReasons.fromBtf(Btf.kernel());
            assertThat(reasons.section((int) lastAction)).isEqualTo(new SkbDropSection("openvswitch", "OVS_DROP_LAST_ACTION"));
        }
    }
}
