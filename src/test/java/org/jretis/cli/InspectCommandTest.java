package org.jretis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.jretis.btf.Btf;
import org.junit.jupiter.api.Test;

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
    void nothingToInspectIsAnError() {
        CliRun run = CliRun.of("inspect");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Error: Nothing to inspect: use -p/--probe [PATTERN]\n");
    }
}
