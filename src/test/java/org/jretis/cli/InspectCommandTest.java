package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jretis.btf.Btf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect on tracepoints named in full: resolved through the running kernel's BTF. */
class InspectCommandTest {

    @Test
    void listsTracepointsACollectorCanReadInRetisDisplayForm() {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "kernel BTF needed");
        assertThat(CliRun.of("inspect", "-p", "net:netif_rx").out()).isEqualTo("tp:net:netif_rx\n");
        assertThat(CliRun.of("inspect", "-p", "tp:skb:kfree_skb").out()).isEqualTo("tp:skb:kfree_skb\n");
        // napi_poll carries a struct napi_struct *: no collector reads it.
        CliRun napi = CliRun.of("inspect", "-p", "napi:napi_poll");
        assertThat(napi.status()).isZero();
        assertThat(napi.out()).isEmpty();
    }

    @Test
    void kconfNamesTheKernelConfigurationThatSaysWhetherKprobesExist(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "kernel BTF needed");
        CliRun missing = CliRun.of("inspect", "--kconf", dir.resolve("none").toString(), "-p", "net:netif_rx");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Error: Could not read " + dir.resolve("none") + ": No such file or directory\n");

        Path without = Files.writeString(dir.resolve("without"), "# CONFIG_KPROBES is not set\n");
        CliRun refused = CliRun.of("inspect", "--kconf", without.toString(), "-p", "kprobe:ip_rcv");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).startsWith("Error: Cannot attach kprobe:ip_rcv: this kernel has no kprobes");
        // A bare pattern is also tried as a tracepoint: the function's refusal only goes to the debug log.
        assertThat(CliRun.of("inspect", "--kconf", without.toString(), "-p", "*netif_receive_skb").out())
                .isEqualTo("tp:net:netif_receive_skb\n");

        // Told the kernel has kprobes, ip_rcv resolves through its BTF prototype (kallsyms has it).
        Path with = Files.writeString(dir.resolve("with"), "CONFIG_KPROBES=y\n");
        assertThat(CliRun.of("inspect", "--kconf", with.toString(), "-p", "kprobe:ip_rcv").out()).isEqualTo("kprobe:ip_rcv\n");
    }

    @Test
    void nothingToInspectIsAnError() {
        CliRun run = CliRun.of("inspect");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: Nothing to inspect: use -p/--probe [PATTERN]\n");
    }
}
