package org.jretis.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void captureStderr() {
        Log.setStream(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        Log.setStream(System.err);
    }

    private String stderr() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rewritesOneLineInPlaceAndErasesItAtTheEnd() throws Exception {
        AtomicLong events = new AtomicLong();
        try (Progress progress = Progress.startShown(events::get, () -> "12.3 MB written", Duration.ofMillis(20))) {
            events.set(500);
            Thread.sleep(200);
        }
        String out = stderr();
        assertThat(out).startsWith("\r\033[K").endsWith("\r\033[K").doesNotContain("\n");
        assertThat(out).containsPattern("\r\033\\[K500 events, \\d+ events/s, 12.3 MB written");
    }

    @Test
    void logLinesGoAboveTheStatusLine() throws Exception {
        try (Progress progress = Progress.startShown(() -> 7, () -> "", Duration.ofMillis(10))) {
            Thread.sleep(100);
            Log.warn("lost 3 event(s)");
        }
        assertThat(stderr()).contains("\r\033[KWARN  lost 3 event(s)\n7 events, ");
    }

    @Test
    void countsEventsPerSecondBetweenRefreshes() throws Exception {
        AtomicLong events = new AtomicLong();
        Progress progress = Progress.startShown(events::get, () -> "", Duration.ofDays(1));
        try {
            progress.line();
            events.set(1000);
            Thread.sleep(100);
            assertThat(progress.line()).matches("1000 events, \\d+ events/s").doesNotContain(" 0 events/s");
        } finally {
            progress.close();
        }
    }

    @Test
    void sizesUseDecimalUnits() {
        assertThat(Progress.size(999)).isEqualTo("1.0 kB");
        assertThat(Progress.size(12_345_678)).isEqualTo("12.3 MB");
        assertThat(Progress.size(1_500_000_000L)).isEqualTo("1.50 GB");
    }

    @Test
    void aFileIsNoTerminal() {
        // Under the test runner stderr is a pipe or a file.
        assertThat(Progress.isTerminal(99_999)).isFalse();
    }
}
