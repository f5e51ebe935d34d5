package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures, without asserting a bound, how long {@code retis collect} takes from process start
 * to its {@code probe(s) loaded} line with the jar built: one warm-up run (it may create the
 * class data archive), then the median of five. Reported on stdout and in
 * {@code target/startup-time.txt}.
 */
class StartupTimeIT {
    private static final int RUNS = 5;

    @Test
    void timeToProbesLoaded() throws Exception {
        Commands.assumeRoot();
        measure();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            millis.add(measure());
        }
        List<Long> sorted = millis.stream().sorted().toList();
        String report = "start to 'probe(s) loaded': median " + sorted.get(RUNS / 2) + " ms of " + RUNS
                + " runs " + millis + " (ms; jar built, after one warm-up run)";
        System.out.println(report);
        Files.writeString(Spawned.REPO.resolve("target/startup-time.txt"), report + "\n");
    }

    private static long measure() {
        try (Spawned retis = Spawned.retis("collect", "--cmd", "true")) {
            Spawned.Line loaded = retis.awaitStderr("^2 probe\\(s\\) loaded$", Duration.ofMinutes(1));
            assertThat(retis.waitFor(Duration.ofSeconds(30))).as(retis.stderrText()).isZero();
            return Duration.ofNanos(loaded.nanos()).toMillis();
        }
    }
}
