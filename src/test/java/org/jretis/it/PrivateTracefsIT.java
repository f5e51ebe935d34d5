package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wildcard tracepoints where tracefs is not mounted and the tool may not mount it: the listing is
 * read through a tracefs mounted in a helper's private mount namespace, and no mount of the
 * system changes. Each run happens in a mount namespace of the test's own where tracefs is hidden,
 * so a machine that has tracefs mounted is tested the same way and keeps its mount.
 */
class PrivateTracefsIT {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    @BeforeAll
    static void root() {
        Commands.assumeRoot();
    }

    @Test
    void collectExpandsATracepointWildcardWithoutChangingAnyMount() throws IOException {
        String before = tracefsMounts();
        // Events of the machine's own traffic go to /dev/null: stdout is for the mount check.
        Spawned run = withoutTracefs("collect", "-p", "tp:net:*", "--cmd", "true", "-o", "/dev/null");
        assertThat(run.exitValue()).as(run.stderrText()).isZero();
        assertThat(run.stderrLines()).anyMatch(l -> l.matches("([5-9]|\\d\\d+) probe\\(s\\) loaded"));
        assertThat(run.stdoutLines()).as("the test namespace's mounts, before and after").containsExactly("unchanged");
        assertThat(tracefsMounts()).isEqualTo(before);
    }

    @Test
    void inspectListsTheNetTracepointsWithoutChangingAnyMount() throws IOException {
        String before = tracefsMounts();
        Spawned run = withoutTracefs("inspect", "-p", "tp:net:*");
        assertThat(run.exitValue()).as(run.stderrText()).isZero();
        assertThat(run.stdoutLines()).contains("tp:net:netif_receive_skb", "tp:net:net_dev_start_xmit", "unchanged")
                .doesNotContain("tp:net:netif_rx_exit").allMatch(l -> l.startsWith("tp:net:") || l.equals("unchanged"));
        assertThat(tracefsMounts()).isEqualTo(before);
    }

    /** Without tracefs and without a way to mount it privately (no unshare), the wildcard is refused. */
    @Test
    void noTracefsAndNoWayToReadItIsOneError() {
        Spawned run = inNamespace(hideTracefs() + " && mount --bind /bin/false \"$(command -v unshare)\" && exec \"$0\" \"$@\"",
                "collect", "-p", "tp:net:*");
        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly("Error: Cannot expand tp:net:*: tracefs is not mounted at"
                + " /sys/kernel/tracing (mount it, or use --allow-system-changes)");
    }

    /** The tool run in a namespace of the test's own without tracefs; prints "unchanged" if its mounts are. */
    private static Spawned withoutTracefs(String... args) {
        return inNamespace(hideTracefs() + " && before=$(cat /proc/self/mountinfo) && \"$0\" \"$@\"; status=$?;"
                + " [ \"$before\" = \"$(cat /proc/self/mountinfo)\" ] && echo unchanged; exit $status", args);
    }

    /** Hides any tracefs of the machine under an empty tmpfs, in the test's namespace only. */
    private static String hideTracefs() {
        return "mount -t tmpfs none /sys/kernel/tracing && { ! [ -d /sys/kernel/debug/tracing ]"
                + " || mount -t tmpfs none /sys/kernel/debug/tracing; }";
    }

    private static Spawned inNamespace(String script, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("unshare", "--mount", "--propagation", "private",
                "sh", "-c", script, Spawned.LAUNCHER.toString()));
        command.addAll(List.of(args));
        Spawned run = Spawned.command(command);
        run.waitFor(Duration.ofMinutes(2));
        return run;
    }

    private static String tracefsMounts() throws IOException {
        return String.join("\n", Files.readAllLines(MOUNTINFO).stream()
                .filter(l -> l.contains(" - tracefs ") || l.contains("/tracing ")).toList());
    }
}
