package org.jretis.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jretis.bpf.Capabilities;
import org.jretis.bpf.SocketFilter;
import org.jretis.btf.Btf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The meta filter compiler on the running kernel's BTF: refusals, code the verifier takes, and any input fuzzed. */
class MetaFilterTest {
    private static Btf btf;

    @BeforeAll
    static void kernelBtf() throws Exception {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "needs the kernel's BTF");
        btf = Btf.kernel();
    }

    @Test
    void refusesWhatTheTypesDoNotAllow() {
        assertThatThrownBy(() -> MetaFilter.compile("sk_buff.nope == 1", btf))
                .hasMessage("meta filter: no field 'nope' in struct sk_buff in 'sk_buff.nope == 1'");
        assertThatThrownBy(() -> MetaFilter.compile("sk_buff.dev.name > 'a'", btf))
                .hasMessageContaining("strings compare with == or != only");
        assertThatThrownBy(() -> MetaFilter.compile("sk_buff.mark == 'a'", btf)).hasMessageContaining("is not a string");
        assertThatThrownBy(() -> MetaFilter.compile("sk_buff.mark == -1", btf)).hasMessageContaining("is unsigned");
        assertThatThrownBy(() -> MetaFilter.compile("sk_buff.mark.x", btf)).hasMessageContaining("cannot follow 'mark'");
        assertThatThrownBy(() -> MetaFilter.compile("sk_buff._nfct:~0x7:no_such_struct.mark", btf))
                .hasMessageContaining("no struct no_such_struct");
    }

    @Test
    void compiledFiltersPassTheVerifier() throws Exception {
        assumeTrue(Capabilities.ofThisProcess().canLoadTracingPrograms(), "needs root to load BPF programs");
        for (String expression : new String[] {
            "sk_buff.dev.name == 'eth0'", "sk_buff.dev.nd_net.net.ns.inum == 4026531840",
            "sk_buff.mark:0xff != 0 or sk_buff.len > 100", "sk_buff.pkt_type == 0 && (sk_buff.priority or sk_buff.hash)",
            "sk_buff._nfct:~0x7:nf_conn.mark == 3", "sk_buff.skb_iif >= -1", "sk_buff.cloned"}) {
            long[] body = MetaFilter.compile(expression, btf);
            // Run on the skb of a socket filter test run? The body wants a kernel address: load only.
            try (SocketFilter loaded = SocketFilter.load("meta", CbpfTranslatorKernelTest.harness(body))) {
                assertThat(loaded).as(expression).isNotNull();
            }
        }
    }

    /** Any expression compiles against the kernel's BTF or is refused with a FilterException, nothing else. */
    @FuzzTest(maxDuration = "10s")
    void compilesOrRefusesAnyExpression(byte[] text) {
        try {
            MetaFilter.compile(new String(text, StandardCharsets.UTF_8), btf);
        } catch (FilterException e) {
            // the answer to a bad expression
        }
    }
}
