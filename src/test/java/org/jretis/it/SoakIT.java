package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The soak (bench/soak/run) in its one-minute form: a flood under a rotated collection and a
 * second collection started and stopped, then every check passes (nothing lost, events files
 * read back with the counters' event count, RSS flat, no BPF object left). The 30-minute run is
 * made by hand; this one proves the script still works end to end.
 */
class SoakIT {
    private static final Path SOAK = Path.of(System.getProperty("user.dir"), "bench", "soak", "run");

    @Test
    void oneMinuteSoakPassesEveryCheck() {
        Commands.assumeRoot();
        assumeTrue(Commands.runQuietly("sh", "-c", "command -v cc && command -v bpftool").status() == 0,
                "the soak needs cc and bpftool");

        Commands.Result run = Commands.runQuietly(SOAK.toString(), "--minutes", "1");

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output()).contains("ok: 0 lost", "soak passed").doesNotContain("FAIL");
    }
}
