package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The flood benchmark (bench/flood/run) still runs end to end: every mode measured, a table
 * printed. Its figures are not checked: a 2-second run on a shared machine says little.
 */
class FloodBenchIT {
    private static final Path BENCH = Path.of(System.getProperty("user.dir"), "bench", "flood", "run");

    @Test
    void quickRunPrintsARowPerMode() {
        Commands.assumeRoot();
        assumeTrue(Commands.runQuietly("sh", "-c", "command -v cc && command -v tcpdump").status() == 0,
                "the benchmark needs cc and tcpdump");

        Commands.Result run = Commands.runQuietly(BENCH.toString(), "--quick");

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output()).as(run.output())
                .contains("| mode | packets/s | ratio |", "| no tracer |", "| tcpdump -w FILE |", "| collect -o FILE |",
                        "| collect -o /dev/null |", "| collect -f (matches nothing) -o /dev/null |")
                .doesNotContain("unsupported");
    }
}
