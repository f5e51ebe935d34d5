package org.jretis.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from a /run/netns and a /proc laid out in a temporary directory. */
class NetnsNamesTest {
    private static final long INITIAL = 4026531840L;

    @TempDir
    Path dir;

    @Test
    void ipNetnsNamesFirstThenTheCommandOfTheLowestPid() throws IOException {
        NetnsNames names = names();
        long blue = inode(dir.resolve("run/blue"));
        assertThat(names.name(blue)).isEqualTo("blue");
        assertThat(names.name(200)).isEqualTo("dnsmasq");
        assertThat(names.name(INITIAL)).as("the initial namespace").isNull();
        assertThat(names.name(999)).isNull();
    }

    @Test
    void aNamespaceMadeLaterIsNamedWhenFirstSeen() throws IOException {
        NetnsNames names = names();
        process(70, 400, "unshare");
        assertThat(names.name(400)).isEqualTo("unshare");
    }

    @Test
    void aNameSelectsItsNamespace() throws Exception {
        NetnsNames names = names();
        assertThat(names.inum("blue")).isEqualTo(inode(dir.resolve("run/blue")));
        assertThat(names.inum("dnsmasq")).isEqualTo(200);
        assertThat(names.inum("4026532999")).isEqualTo(4026532999L);
        assertThatThrownBy(() -> names.inum("nosuch"))
                .hasMessage("--netns nosuch: no network namespace has that name (ip netns list, or a process' command)");
        assertThatThrownBy(() -> names.inum("sleep"))
                .hasMessage("--netns sleep: 2 network namespaces have that name: give its inode number");
    }

    private NetnsNames names() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        long blue = inode(Files.createFile(run.resolve("blue")));
        process(1, INITIAL, "systemd");
        process(42, 200, "dnsmasq");
        process(50, 200, "later");
        process(43, blue, "sleep");
        process(60, 300, "sleep");
        process(61, 301, "sleep");
        NetnsNames names = new NetnsNames(run, dir.resolve("proc"));
        names.scan();
        return names;
    }

    private void process(int pid, long netns, String comm) throws IOException {
        Path ns = Files.createDirectories(dir.resolve("proc/" + pid + "/ns"));
        Files.createSymbolicLink(ns.resolve("net"), Path.of("net:[" + netns + "]"));
        Files.writeString(ns.getParent().resolve("comm"), comm + "\n");
    }

    private static long inode(Path file) throws IOException {
        return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
    }
}
