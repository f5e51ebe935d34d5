package org.jretis.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

class LibcTest {
    @Test
    void tellsThePageSize() throws Exception {
        int page = Libc.pageSize();
        assertThat(page).isGreaterThanOrEqualTo(4096);
        assertThat(Integer.bitCount(page)).isEqualTo(1);
    }

    @Test
    void tellsTheRunningKernel() throws Exception {
        Libc.Uname uname = Libc.uname();
        assertThat(uname.sysname()).isEqualTo("Linux");
        assertThat(uname.release()).isEqualTo(System.getProperty("os.version"));
        assertThat(uname.machine()).isIn("x86_64", "aarch64");
        assertThat(uname.version()).isNotEmpty();
    }

    @Test
    void namesErrnoValues() {
        assertThat(Libc.describeErrno(2)).isEqualTo("ENOENT (No such file or directory)");
        assertThat(Libc.describeErrno(1)).isEqualTo("EPERM (Operation not permitted)");
    }

    @Test
    void aFailedMmapSaysWhatAndWhy() {
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> Libc.mmap(-1, 4096, 0, false, arena))
                    .isInstanceOf(BpfException.class)
                    .hasMessage("mmap 4096 bytes at offset 0 of fd '-1': EBADF (Bad file descriptor)")
                    .extracting(e -> ((BpfException) e).errno()).isEqualTo(9);
        }
    }

    @Test
    void pollOfABadFdFails() {
        assertThat(Libc.describeErrno(9)).startsWith("EBADF");
        assertThatThrownBy(() -> Libc.pollIn(1 << 20, 0)).isInstanceOf(BpfException.class)
                .hasMessage("poll fd '1048576': EBADF (Bad file descriptor)");
    }

    @Test
    void effectiveUserIdMatchesTheProcess() throws Exception {
        assertThat(Libc.geteuid() == 0).isEqualTo("root".equals(System.getProperty("user.name")));
    }
}
