package org.jretis.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jretis.event.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every way a collection ends — SIGINT, SIGTERM, SIGQUIT (also to a tool started in the background
 * by a script), the end of {@code --cmd}, {@code --stop-after} — detaches, drains, flushes the
 * events file, logs {@code N event(s) processed} with N the events written, and exits 0 within
 * 2 s. A ping runs between two namespaces meanwhile, so there are events to drain.
 */
class StopIT {
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(2);

    private static VethPair net;
    private static Spawned ping;

    @BeforeAll
    static void traffic() {
        Commands.assumeRoot();
        Traffic.requirePing();
        // Creates the class data archive now, so no run below pays for it at exit.
        Spawned.retisToEnd("--version");
        net = VethPair.create();
        ping = Spawned.command(List.of(Commands.inNamespace(net.a.ns(), "ping", "-q", "-i", "0.05", net.b.ipv4())));
    }

    @AfterAll
    static void stopTraffic() {
        if (ping != null) {
            ping.close();
        }
        if (net != null) {
            net.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "QUIT"})
    void signal(String signal, @TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Spawned retis = Spawned.retis("collect", "-o", events.toString())) {
            stopWithSignal(retis, retis.pid(), signal, events);
        }
    }

    /** A script's background job starts with INT and QUIT ignored: they must stop it all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "QUIT"})
    void signalToBackgroundJobOfAScript(String signal, @TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Spawned script = Spawned.command(List.of("bash", "-c", "\"$0\" collect -o \"$1\" & echo $!; wait $!",
                Spawned.LAUNCHER.toString(), events.toString()))) {
            long pid = Long.parseLong(script.awaitStdout("^\\d+$", Duration.ofSeconds(10)).text());
            stopWithSignal(script, pid, signal, events);
        }
    }

    @Test
    void endOfCommand(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Spawned retis = Spawned.retis("collect", "-o", events.toString(), "--cmd", "sleep 1")) {
            Spawned.Line reason = retis.awaitStderr("^Command returned \\(exit status: 0\\), terminating \\.\\.\\.$",
                    Duration.ofMinutes(1));
            assertStoppedCleanly(retis, reason, events);
        }
    }

    @Test
    void stopAfter(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.json");
        try (Spawned retis = Spawned.retis("collect", "-o", events.toString(), "--stop-after", "5")) {
            Spawned.Line reason = retis.awaitStderr("^Reached stop count \\(5\\), terminating\\.\\.\\.$", Duration.ofMinutes(1));
            assertThat(assertStoppedCleanly(retis, reason, events)).isEqualTo(5);
        }
    }

    private static void stopWithSignal(Spawned retis, long pid, String signal, Path events) throws Exception {
        retis.awaitStderr("probe\\(s\\) loaded", Duration.ofMinutes(1));
        Thread.sleep(500);
        long sent = System.nanoTime();
        Commands.signal(pid, signal);
        Spawned.Line reason = retis.awaitStderr("^Received signal, terminating\\.\\.\\.$", EXIT_WITHIN);
        assertThat(retis.waitFor(Duration.ofSeconds(10))).as(retis.stderrText()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("from SIG%s to exit", signal).isLessThan(EXIT_WITHIN);
        assertThat(assertStoppedCleanly(retis, reason, events)).isPositive();
    }

    /** Exit 0 within 2 s of the stop, and the count logged is the count written. Returns it. */
    private static long assertStoppedCleanly(Spawned retis, Spawned.Line reason, Path events) throws Exception {
        assertThat(retis.waitFor(Duration.ofSeconds(10))).as(retis.stderrText()).isZero();
        assertThat(Duration.ofNanos(retis.exitNanos() - reason.nanos())).as("from '%s' to exit", reason.text())
                .isLessThan(EXIT_WITHIN);
        List<Event> written = LiveCaptureIT.readEvents(events);
        List<String> stderr = retis.stderrLines();
        assertThat(stderr.getLast()).as(retis.stderrText()).isEqualTo(written.size() + " event(s) processed");
        assertThat(stderr).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("WARN") || l.startsWith("Error"));
        return written.size();
    }
}
