package org.jretis.filter;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.jretis.btf.Btf;
import org.junit.jupiter.api.BeforeAll;

/**
 * Any meta filter expression compiles against the running kernel's BTF or is refused with a
 * {@link FilterException}, never another exception.
 */
class MetaFilterFuzzTest {
    private static Btf btf;

    @BeforeAll
    static void kernelBtf() throws Exception {
        assumeTrue(Files.isReadable(Btf.VMLINUX), "needs the kernel's BTF");
        btf = Btf.kernel();
    }

    @FuzzTest(maxDuration = "10s")
    void compilesOrRefusesAnyExpression(byte[] text) {
        try {
            MetaFilter.compile(new String(text, StandardCharsets.UTF_8), btf);
        } catch (FilterException e) {
            // the answer to a bad expression
        }
    }
}
