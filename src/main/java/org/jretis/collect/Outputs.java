package org.jretis.collect;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jretis.event.Event;
import org.jretis.log.Log;
import org.jretis.log.Progress;
import org.jretis.sink.EventSink;
import org.jretis.sink.JsonLinesSink;
import org.jretis.sink.OutputFiles;
import org.jretis.sink.PcapSink;
import org.jretis.sink.ReaderGone;
import org.jretis.sink.SinkSet;
import org.jretis.sink.TextSink;

/**
 * Where a collection's events go: text on stdout (unless {@code -o} without {@code --print}),
 * an events file ({@code -o}, rotated with {@code --out-rotate}), live pcap-ng ({@code --pcap}).
 * Files are opened before any probe is loaded, so a bad path fails first.
 */
final class Outputs implements AutoCloseable {
    private static final Pattern ROTATE = Pattern.compile("(\\d+)(M|G)B");

    /** The one sink, or a {@link SinkSet}: a lone events file gets the capture's fast path. */
    private final EventSink sinks;
    private final JsonLinesSink file;
    /** Whether text, JSON or pcap-ng goes to stdout (only one of them can). */
    private final boolean writesStdout;

    private Outputs(EventSink sinks, JsonLinesSink file, boolean writesStdout) {
        this.sinks = sinks;
        this.file = file;
        this.writesStdout = writesStdout;
    }

    /** @param initNetns the initial network namespace's inode number, null if unknown */
    static Outputs open(CollectOptions options, Long initNetns) throws CollectException {
        boolean pcapOnStdout = options.pcap() != null && OutputFiles.isStdout(Path.of(options.pcap()));
        boolean jsonOnStdout = options.out() != null && OutputFiles.isStdout(options.out());
        if (pcapOnStdout && options.print()) {
            throw new CollectException("--pcap - writes packets to stdout: it cannot be used with --print");
        }
        if (jsonOnStdout && (options.print() || pcapOnStdout)) {
            throw new CollectException("-o " + options.out() + " writes events to stdout: it cannot be used with "
                    + (options.print() ? "--print" : "--pcap -"));
        }
        if (options.outRotate() != null && options.out() == null) {
            throw new CollectException("--out-rotate requires --out");
        }
        if (options.outRotate() != null && OutputFiles.isStream(options.out())) {
            throw new CollectException("--out-rotate needs a regular file: " + options.out() + " cannot be rotated");
        }
        long rotateLimit = options.outRotate() == null ? 0 : rotateLimit(options.outRotate());
        StartupEvents startup = StartupEvents.now(options.cmdline(), rotateLimit, initNetns);
        List<EventSink> sinks = new ArrayList<>();
        JsonLinesSink file = null;
        boolean textOnStdout = (options.out() == null && !pcapOnStdout) || options.print();
        try {
            if (textOnStdout) {
                TextSink text = new TextSink(stdout(), options.text());
                text.formatter().useClockOffset(startup.offset());
                if (initNetns != null) {
                    text.formatter().useInitialNetns(initNetns);
                }
                sinks.add(text);
            }
            if (options.out() != null) {
                file = new JsonLinesSink(options.out(), rotateLimit, startup::forFile);
                sinks.add(file);
            }
            if (options.pcap() != null) {
                PcapSink pcap = new PcapSink(OutputFiles.create(Path.of(options.pcap())));
                pcap.accept(startup.forFile(0));
                sinks.add(pcap);
            }
        } catch (IOException e) {
            closeQuietly(sinks);
            throw new CollectException(e.getMessage(), e);
        }
        return new Outputs(sinks.size() == 1 ? sinks.get(0) : new SinkSet(sinks), file,
                textOnStdout || jsonOnStdout || pcapOnStdout);
    }

    /**
     * The status line of a collection written to a file: events, events/s, lost events and bytes
     * written. None without a file, or when events also go to a terminal stdout, where the status
     * line would be drawn over them.
     */
    Progress progress(LongSupplier events, LongSupplier lost) {
        if (file == null || (writesStdout && Progress.isTerminal(1))) {
            return Progress.none();
        }
        return Progress.start(events, () -> lost.getAsLong() + " lost, " + Progress.size(file.bytesWritten()) + " written");
    }

    EventSink sink() {
        return sinks;
    }


    void flushQuietly() {
        try {
            sinks.flush();
        } catch (IOException e) {
            Log.debug("flush failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws CollectException {
        try {
            sinks.close();
        } catch (IOException e) {
            if (!ReaderGone.causes(e)) {
                throw new CollectException("Cannot finish writing events: " + e.getMessage(), e);
            }
        }
    }

    /** {@code <N>MB} or {@code <N>GB}, decimal units, as Retis reads them. */
    static long rotateLimit(String text) throws CollectException {
        Matcher m = ROTATE.matcher(text);
        if (!m.matches()) {
            throw new CollectException("Invalid --out-rotate value " + text + ": expected <N>MB or <N>GB");
        }
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            throw new CollectException("Invalid --out-rotate value " + text + ": must be greater than 0");
        }
        return n * (m.group(2).equals("M") ? 1_000_000L : 1_000_000_000L);
    }

    private static OutputStream stdout() {
        return new FileOutputStream(FileDescriptor.out);
    }

    private static void closeQuietly(List<EventSink> sinks) {
        for (EventSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                Log.debug("close failed: " + e.getMessage());
            }
        }
    }
}
