package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way {@code retis collect} can fail to start, produced for real (privileges dropped,
 * BTF, tracefs or libbpf hidden in a private mount namespace...): each must print one
 * {@code Error:} line on stderr and nothing else, exit 1, and show no stack trace unless
 * {@code --log-level debug} asks for one.
 */
class CollectErrorsIT {
    /** An explicit probe: no "using the default probes" line before the error. */
    private static final String PROBE = "tp:net:netif_receive_skb";

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
    }

    /**
     * Run as nobody, who may not enter the checkout (a clone under /root): the packaged jar is
     * copied to a directory nobody can read, and run there with this JVM (the launcher would need
     * the whole checkout). Skipped, saying why, when nobody cannot run this JVM either.
     */
    @Test
    void notRoot(@TempDir Path dir) throws Exception {
        List<String> nobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assumeTrue(Commands.runQuietly(concat(nobody, List.of(java.toString(), "-version")).toArray(String[]::new))
                .status() == 0, "user nobody cannot run " + java);
        Path jar = Files.copy(Path.of(System.getProperty("jretis.jar", "target/jretis.jar")), dir.resolve("jretis.jar"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));

        Spawned run = finish(Spawned.command(dir, concat(nobody, List.of(java.toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "collect", "-p", PROBE))));
        assertOneError(run, "Error: Retis does not have CAP_BPF: can't install probes (run as root)");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void withoutCapSysAdmin() {
        Spawned run = finish(Spawned.retisBehind(List.of("setpriv", "--bounding-set=-sys_admin", "--inh-caps=-sys_admin"),
                "collect", "-p", PROBE));
        assertOneError(run, "Error: Retis does not have CAP_SYS_ADMIN: can't load BPF programs (run as root)");
    }

    @Test
    void noBtf() {
        Spawned run = finish(inMountNamespace("mount -t tmpfs none /sys/kernel/btf", "collect", "-p", PROBE));
        assertOneError(run, "Error: No kernel BTF at /sys/kernel/btf/vmlinux: the kernel must be built with CONFIG_DEBUG_INFO_BTF");
    }

    @Test
    void libbpfMissing(@TempDir Path dir) throws Exception {
        String output = Commands.run("ldconfig", "-p");
        String libbpf = output.lines().filter(l -> l.strip().startsWith("libbpf.so.1 "))
                .map(l -> l.substring(l.indexOf("=> ") + 3).strip()).findFirst().orElseThrow();
        Path empty = Files.createFile(dir.resolve("empty.so"));
        Spawned run = finish(inMountNamespace("mount --bind " + empty + " " + libbpf, "collect", "-p", PROBE));
        assertOneError(run, "Error: libbpf.so.1 not found: install libbpf1");
    }

    /**
     * Allowed, the tool mounts tracefs itself, expands the wildcard, and unmounts it at exit: the
     * top mount is the test's tmpfs again (findmnt lists the stack bottom first, and a tracefs
     * mounted on the host, as perf leaves one, lies under the tmpfs).
     */
    @Test
    void allowSystemChangesMountsTracefsAndUnmountsIt() {
        Spawned run = finish(Spawned.command(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                hideTracefs() + " && \"$0\" \"$@\"; status=$?; echo \"after: $(findmnt -n -o FSTYPE /sys/kernel/tracing | tail -n 1)\";"
                        + " exit $status",
                Spawned.LAUNCHER.toString(), "collect", "--allow-system-changes", "-p", "tp:net:netif_receive_skb*",
                "--cmd", "true")));
        assertThat(run.exitValue()).as(run.stderrText()).isZero();
        assertThat(run.stderrLines()).anyMatch(l -> l.matches("[1-9]\\d* probe\\(s\\) loaded"));
        assertThat(run.stdoutLines()).contains("after: tmpfs");
    }

    @Test
    void unknownProfile() {
        assertOneError(Spawned.retisToEnd("-p", "no-such-profile", "collect"), "Error: Could not find profile no-such-profile");
    }

    @Test
    void badProbeStrings() {
        assertOneError(Spawned.retisToEnd("collect", "-p", "xx:net:netif_receive_skb"), "Error: Invalid TYPE xx. See the help.");
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE + "/bogus"),
                "Error: Invalid probe option bogus in " + PROBE + "/bogus");
    }

    @Test
    void tracepointNotFound() {
        assertOneError(Spawned.retisToEnd("collect", "-p", "tp:net:no_such_tracepoint"),
                "Error: Tracepoint net:no_such_tracepoint not found (probe tp:net:no_such_tracepoint)");
    }

    /** Only one kind of output can go to stdout; a stream cannot be rotated. */
    @Test
    void oneOutputOnStdout() {
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE, "-o", "-", "--print"),
                "Error: -o - writes events to stdout: it cannot be used with --print");
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE, "-o", "/dev/stdout", "--pcap", "-"),
                "Error: -o /dev/stdout writes events to stdout: it cannot be used with --pcap -");
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE, "-o", "-", "--out-rotate", "1MB"),
                "Error: --out-rotate needs a regular file: - cannot be rotated");
    }

    @Test
    void outputNotWritable(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("no-such-dir/events.json");
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE, "-o", missing.toString()),
                "Error: Cannot write to " + missing + ": no such file or directory");
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE, "-o", dir.toString()),
                "Error: Cannot write to " + dir + ": Is a directory");
    }

    /** A symbolic link is refused, and the file it points to is neither created nor touched. */
    @Test
    void outputNeverThroughASymlink(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("target");
        Path link = Files.createSymbolicLink(dir.resolve("events.json"), target);
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE, "-o", link.toString()),
                "Error: Cannot write to " + link + ": it is a symbolic link");
        assertThat(target).doesNotExist();
        Files.writeString(target, "untouched");
        assertOneError(Spawned.retisToEnd("collect", "-p", PROBE, "--pcap", link.toString(), "-o", dir.resolve("ok").toString()),
                "Error: Cannot write to " + link + ": it is a symbolic link");
        assertThat(target).hasContent("untouched");
    }

    @Test
    void debugLevelShowsTheStackTrace() {
        Spawned run = Spawned.retisToEnd("--log-level", "debug", "collect", "-p", "tp:net:no_such_tracepoint");
        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(run.stderrLines()).contains("Error: Tracepoint net:no_such_tracepoint not found (probe tp:net:no_such_tracepoint)");
        assertThat(run.stderrLines()).anyMatch(l -> l.startsWith("\tat org.jretis."));
    }

    private static String hideTracefs() {
        return "mount -t tmpfs none /sys/kernel/tracing";
    }

    /** retis run after {@code setup} (shell), in a private mount namespace: the host is left as it was. */
    private static Spawned inMountNamespace(String setup, String... args) {
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", setup + " && exec \"$0\" \"$@\"", Spawned.LAUNCHER.toString()));
        command.addAll(List.of(args));
        return Spawned.command(command);
    }

    private static Spawned finish(Spawned run) {
        run.waitFor(Duration.ofMinutes(1));
        return run;
    }

    private static void assertOneError(Spawned run, String line) {
        assertThat(run.exitValue()).as(run.stderrText()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly(line);
        assertThat(run.stdoutLines()).isEmpty();
    }
}
