package org.jretis.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A status line on stderr for a long task: events so far, events per second and what the task
 * adds (bytes written, share of a file read), rewritten in place about once a second and erased
 * when the task ends. Shown only when stderr is a terminal, so logs and pipes never see it; the
 * first line appears after a second, so short runs show nothing.
 */
public final class Progress implements AutoCloseable {
    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Progress NONE = new Progress(null, null, null);

    private final LongSupplier events;
    private final Supplier<String> details;
    private final Thread refresher;
    private long lastEvents;
    private long lastNanos;

    private Progress(LongSupplier events, Supplier<String> details, Duration period) {
        this.events = events;
        this.details = details;
        if (events == null) {
            refresher = null;
            return;
        }
        lastNanos = System.nanoTime();
        refresher = Thread.ofPlatform().daemon().name("progress").unstarted(() -> refresh(period));
        refresher.start();
    }

    /**
     * Starts a status line if stderr is a terminal, else returns one that shows nothing.
     *
     * @param events  how many events the task handled so far (read from another thread)
     * @param details what follows the counts, e.g. {@code 12.3 MB written}; may be empty
     */
    public static Progress start(LongSupplier events, Supplier<String> details) {
        return isTerminal(2) ? new Progress(events, details, PERIOD) : NONE;
    }

    /** A status line that shows nothing. */
    public static Progress none() {
        return NONE;
    }

    /** As {@link #start}, shown whatever stderr is, refreshed every {@code period} (tests). */
    static Progress startShown(LongSupplier events, Supplier<String> details, Duration period) {
        return new Progress(events, details, period);
    }

    /**
     * Whether file descriptor {@code fd} of this process is a terminal: its link in /proc names a
     * pseudo-terminal, a virtual console or the console. {@code System.console()} cannot tell
     * about stderr alone.
     */
    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** {@code 12.3 MB}: decimal units, as {@code --out-rotate} counts them. */
    public static String size(long bytes) {
        if (bytes < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
    }

    private void refresh(Duration period) {
        try {
            while (true) {
                Thread.sleep(period);
                Log.showStatus(line());
            }
        } catch (InterruptedException e) {
            // closed: the line is erased by close()
        }
    }

    /** {@code 120000 events, 40000 events/s, <details>}. */
    String line() {
        long now = System.nanoTime();
        long count = events.getAsLong();
        long rate = Math.round((count - lastEvents) * 1e9 / Math.max(1, now - lastNanos));
        lastEvents = count;
        lastNanos = now;
        String more = details.get();
        return count + " events, " + rate + " events/s" + (more.isEmpty() ? "" : ", " + more);
    }

    /** Stops refreshing and erases the line. */
    @Override
    public void close() {
        if (refresher == null) {
            return;
        }
        refresher.interrupt();
        try {
            refresher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Log.showStatus(null);
    }
}
