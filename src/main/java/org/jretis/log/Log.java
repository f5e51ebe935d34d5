package org.jretis.log;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Diagnostics on stderr in Retis' layout: at the default level info messages are bare and
 * warnings/errors carry their level padded to five characters ({@code WARN  lost 3 event(s)});
 * with {@code --log-level debug|trace} every line is prefixed by the UTC time and its level.
 * Data never goes here: stdout carries only events.
 */
public final class Log {

    /** Verbosity, most severe first. */
    public enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");
    private static volatile Level threshold = Level.INFO;
    /** Erases the line the cursor is on: a status line being replaced. */
    private static final String CLEAR_LINE = "\r\033[K";
    private static volatile PrintStream out = System.err;
    /** The status line shown below the log lines, or null; guarded by the stream's lock. */
    private static String status;

    private Log() {}

    public static void setLevel(Level level) {
        threshold = level;
    }

    public static Level level() {
        return threshold;
    }

    /** Redirects diagnostics (tests). */
    public static void setStream(PrintStream stream) {
        out = stream;
    }

    public static boolean enabled(Level level) {
        return level.ordinal() <= threshold.ordinal();
    }

    public static boolean debugEnabled() {
        return enabled(Level.DEBUG);
    }

    public static void error(String message) {
        log(Level.ERROR, message);
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    public static void trace(String message) {
        log(Level.TRACE, message);
    }

    public static void log(Level level, String message) {
        if (!enabled(level)) {
            return;
        }
        String line;
        if (threshold.ordinal() >= Level.DEBUG.ordinal()) {
            line = LocalTime.now(ZoneOffset.UTC).format(TIME) + " " + pad(level) + message;
        } else if (level == Level.INFO) {
            line = message;
        } else {
            line = pad(level) + message;
        }
        PrintStream stream = out;
        synchronized (stream) {
            if (status != null) {
                stream.print(CLEAR_LINE);
            }
            stream.println(line);
            if (status != null) {
                stream.print(status);
            }
            stream.flush();
        }
    }

    /**
     * Shows {@code line} as the status line, in place of the previous one, or erases it (null).
     * Log lines print above it; it is redrawn under them.
     */
    static void showStatus(String line) {
        PrintStream stream = out;
        synchronized (stream) {
            if (status != null || line != null) {
                stream.print(CLEAR_LINE);
            }
            if (line != null) {
                stream.print(line);
            }
            stream.flush();
            status = line;
        }
    }

    private static String pad(Level level) {
        return String.format(Locale.ROOT, "%-5s ", level.name());
    }
}
