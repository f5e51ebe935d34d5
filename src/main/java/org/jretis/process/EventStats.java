package org.jretis.process;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jretis.event.Event;
import org.jretis.event.StartupSection;

/**
 * Retis' {@code stats} (§1.9 of the reference): one block per startup event (per file of a split
 * set) with the version, command line, event count, first and last event times and the count of
 * events per probe, most frequent first. Blocks are written as soon as the next one starts, so the
 * input streams through.
 */
public final class EventStats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final Appendable out;
    private final boolean sortedInput;
    private Block block;
    private boolean blockWritten;

    /**
     * @param out         receives the text
     * @param sortedInput whether the input is a sorted file: blocks then count series too
     */
    public EventStats(Appendable out, boolean sortedInput) {
        this.out = out;
        this.sortedInput = sortedInput;
    }

    /** Counts one series (a single event for an events file). */
    public void add(List<Event> series) throws IOException {
        boolean counted = false;
        for (Event e : series) {
            if (e.isStartup()) {
                startBlock(e.startup);
                continue;
            }
            if (block == null) {
                startBlock(null);
            }
            if (!counted) {
                block.series++;
                counted = true;
            }
            block.count(e);
        }
    }

    /** Counts one event of an events file. */
    public void add(Event event) throws IOException {
        add(List.of(event));
    }

    /** Writes the last block; call at the end of the input. */
    public void finish() throws IOException {
        if (block != null) {
            write(block);
            block = null;
        }
    }

    private void startBlock(StartupSection startup) throws IOException {
        finish();
        block = new Block(startup);
    }

    private void write(Block b) throws IOException {
        if (blockWritten) {
            out.append('\n');
        }
        blockWritten = true;
        StartupSection s = b.startup;
        out.append("Retis version: ").append(s == null ? "unknown" : s.retisVersion()).append('\n');
        if (s != null && s.cmdline() != null && (s.splitFile() == null || s.splitFile().id() == 0)) {
            out.append("Retis cmdline: ").append(s.cmdline()).append('\n');
        }
        if (s != null && s.splitFile() != null) {
            out.append("Split index: ").append(Integer.toUnsignedString(s.splitFile().id())).append('\n');
        }
        if (sortedInput) {
            out.append("Number of series: ").append(Long.toString(b.series)).append('\n');
        }
        out.append("Number of events: ").append(Long.toString(b.events)).append('\n');
        if (b.timed) {
            out.append("First event at: ").append(time(b.first, s)).append('\n');
            out.append("Last event at: ").append(time(b.last, s)).append('\n');
        }
        out.append("Probes:\n");
        List<Map.Entry<String, Long>> probes = new ArrayList<>(b.probes.entrySet());
        probes.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> probe : probes) {
            out.append("  ").append(probe.getKey()).append(": ").append(Long.toString(probe.getValue())).append('\n');
        }
    }

    /** UTC wall-clock time with the file's clock offset; the raw monotonic ns without one. */
    private static String time(long monotonic, StartupSection startup) {
        if (startup == null || startup.offset() == null) {
            return Long.toUnsignedString(monotonic);
        }
        long nanos = monotonic + startup.offset().nsec();
        Instant at = Instant.ofEpochSecond(startup.offset().sec() + Long.divideUnsigned(nanos, 1_000_000_000L),
                Long.remainderUnsigned(nanos, 1_000_000_000L));
        return TIME.format(at);
    }

    /** The counts for one startup event's events. */
    private static final class Block {
        final StartupSection startup;
        final Map<String, Long> probes = new HashMap<>();
        long series;
        long events;
        boolean timed;
        long first;
        long last;

        Block(StartupSection startup) {
            this.startup = startup;
        }

        void count(Event e) {
            if (e.common != null) {
                long t = e.common.timestamp();
                if (!timed || Long.compareUnsigned(t, first) < 0) {
                    first = t;
                }
                if (!timed || Long.compareUnsigned(t, last) > 0) {
                    last = t;
                }
                timed = true;
            }
            events++;
            String probe = e.kernel != null ? e.kernel.probeType() + "/" + e.kernel.symbol()
                    : e.userspace != null ? e.userspace.probeType() + "/" + e.userspace.symbol() : null;
            if (probe != null) {
                probes.merge(probe, 1L, Long::sum);
            }
        }
    }
}
