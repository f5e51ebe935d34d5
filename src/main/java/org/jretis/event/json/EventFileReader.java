package org.jretis.event.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jretis.event.Event;
import org.jretis.event.StartupSection;
import org.jretis.log.Progress;

/**
 * Reads events files and sorted files line by line, never holding more than the current line,
 * following split files as the {@link InputSpec} says. Every file must start with a startup event
 * giving a Retis version we can read. A bad line is reported to the warning callback as
 * {@code <file>:<line>: <why>} and skipped; a file that cannot be read at all is an
 * {@link EventFileException}.
 */
public final class EventFileReader implements Closeable {

    /** What a file holds: events one per line, or series (output of {@code sort -o}). */
    public enum Kind { EVENTS, SORTED }

    private static final String TOO_LONG = "line longer than " + LineReader.MAX_LINE_TEXT
            + ", the longest line read";

    private final InputSpec input;
    private final Consumer<String> warnings;
    private final Kind kind;
    private final FormatVersion version;
    private final StartupSection startup;
    /** Volatile: progress reports read it from another thread. */
    private volatile OpenFile current;
    /** Written by the reading thread alone, read by progress reports: a release store, no fence per event. */
    private final AtomicLong eventsRead = new AtomicLong();
    /** The first series of the current file, read when it was opened. */
    private List<Event> firstSeries;
    private final ArrayDeque<Event> pendingEvents = new ArrayDeque<>();
    /** The event of the current line of an events file, null when it is not the last returned. */
    private Event lineEvent;
    /** With read-ahead: that line's JSON without its packet, when kept. */
    private byte[] lineJson;
    private ReadAhead readAhead;

    private EventFileReader(InputSpec input, Consumer<String> warnings, OpenFile first, List<Event> firstSeries) {
        this.input = input;
        this.warnings = warnings;
        this.current = first;
        this.firstSeries = firstSeries;
        this.kind = first.kind;
        this.version = first.version;
        this.startup = firstSeries.getFirst().startup;
    }

    /**
     * Opens the first file of {@code input} and reads its startup event.
     *
     * @param warnings receives one line per skipped bad line
     */
    public static EventFileReader open(InputSpec input, Consumer<String> warnings) throws EventFileException {
        return open(input, OpenFile.open(input.first()), warnings);
    }

    /** Reads a stream as the file {@code name}, alone (fuzzing reads bytes without a file). */
    static EventFileReader open(Path name, InputStream in, Consumer<String> warnings) throws EventFileException {
        return open(new InputSpec(name, false), new OpenFile(name, new LineReader(in), 0), warnings);
    }

    private static EventFileReader open(InputSpec input, OpenFile file, Consumer<String> warnings)
            throws EventFileException {
        try {
            return new EventFileReader(input, warnings, file, file.readFirst());
        } catch (EventFileException e) {
            file.closeQuietly();
            throw e;
        }
    }

    /** The kind of the first file. */
    public Kind kind() {
        return kind;
    }

    /** The layout of the first file. */
    public FormatVersion version() {
        return version;
    }

    /** The first file's startup section (its event is also the first one read). */
    public StartupSection startup() {
        return startup;
    }

    /** The file being read. */
    public Path file() {
        OpenFile file = current;
        return file == null ? null : file.path;
    }

    /** Events returned so far, startup events included. Safe to call from another thread. */
    public long eventsRead() {
        return eventsRead.get();
    }

    /**
     * Where reading is in the current file: {@code 45% of retis.data.3 (1.00 GB)}, for progress
     * reports; empty at the end. Safe to call from another thread.
     */
    public String position() {
        OpenFile file = current;
        if (file == null || file.size <= 0) {
            return "";
        }
        long percent = Math.min(100, file.lines.bytesRead() * 100 / file.size);
        return percent + "% of " + file.path.getFileName() + " (" + Progress.size(file.size) + ")";
    }

    /**
     * Reads and decodes the following lines on a second thread while the caller handles the
     * previous ones (print, sort, pcap), when there is a second processor. Results, warnings
     * and their order are unchanged; {@link #currentLayoutLine} then gives null, and
     * {@link #canonicalJsonWithoutPacket} only when {@code withJson} asked the thread to keep
     * it. Call before reading anything but the startup event.
     */
    public void readAhead(boolean withJson) {
        if (readAhead == null && Runtime.getRuntime().availableProcessors() > 1) {
            readAhead = new ReadAhead(sink -> read(sink, withJson), warnings);
        }
    }

    /**
     * The next series: a line of a sorted file, or a single event of an events file. The startup
     * event of each file comes first, as its own series. Null at the end of the input.
     */
    public List<Event> nextSeries() throws EventFileException {
        if (!pendingEvents.isEmpty()) {
            List<Event> rest = List.copyOf(pendingEvents);
            pendingEvents.clear();
            return rest;
        }
        ReadAhead.Item item = readAhead != null ? readAhead.next() : read(warnings, false);
        if (item == null) {
            lineEvent = null;
            return null;
        }
        lineEvent = item.lineEvent();
        lineJson = item.json();
        eventsRead.setRelease(eventsRead.getPlain() + item.series().size());
        return item.series();
    }

    /** The next series from the files, on the caller's thread or the read-ahead one. */
    private ReadAhead.Item read(Consumer<String> warnings, boolean withJson) throws EventFileException {
        while (current != null) {
            if (firstSeries != null) {
                List<Event> series = firstSeries;
                firstSeries = null;
                return new ReadAhead.Item(series, null, null, 0, null);
            }
            OpenFile file = current;
            List<Event> series = file.readSeries(warnings);
            if (series != null) {
                Event event = kind == Kind.EVENTS ? series.getFirst() : null;
                byte[] json = withJson && event != null ? file.decoder.canonicalJsonWithoutPacket() : null;
                return new ReadAhead.Item(series, event, json, file.lines.length(), null);
            }
            openNext();
        }
        return null;
    }

    /** The next event, series flattened in order; null at the end of the input. */
    public Event nextEvent() throws EventFileException {
        while (pendingEvents.isEmpty()) {
            List<Event> series = nextSeries();
            if (series == null) {
                return null;
            }
            if (series.size() == 1) {
                return series.getFirst(); // every line of an events file: no queueing
            }
            pendingEvents.addAll(series);
        }
        return pendingEvents.poll();
    }

    /**
     * The JSON of the event last returned, or of a copy of it without its packet, minus the
     * packet, as the input line has it: null unless that line is exactly what encoding the
     * event would give. Saves encoding events again when they are copied (pcap's JSON option).
     */
    public byte[] canonicalJsonWithoutPacket(Event event) {
        if (lineEvent == null || !sameButPacket(event, lineEvent)) {
            return null;
        }
        if (readAhead != null) {
            return lineJson;
        }
        OpenFile file = current;
        return file == null ? null : file.decoder.canonicalJsonWithoutPacket();
    }

    /**
     * The line of an events file in the current layout that {@code event}, the event last
     * returned, was read from, as the file has it (a copy); null for any other event. Saves
     * encoding events again when their JSON is passed on (the Python package's reader).
     */
    public byte[] currentLayoutLine(Event event) {
        OpenFile file = current;
        if (file == null || readAhead != null || lineEvent == null || lineEvent != event
                || file.version != FormatVersion.CURRENT) {
            return null;
        }
        return Arrays.copyOf(file.lines.bytes(), file.lines.length());
    }

    private static boolean sameButPacket(Event a, Event b) {
        for (CoreSection<?> section : CoreSections.ALL) {
            if (section != PacketJson.CODEC && !section.same(a, b)) {
                return false;
            }
        }
        return a.others.equals(b.others);
    }

    private void openNext() throws EventFileException {
        Optional<Path> next = input.next(current.path);
        current.closeQuietly();
        current = null;
        if (next.isPresent()) {
            current = OpenFile.open(next.get());
            firstSeries = current.readFirst();
        }
    }

    @Override
    public void close() {
        if (readAhead != null) {
            readAhead.close();
        }
        if (current != null) {
            current.closeQuietly();
            current = null;
        }
    }

    /** One file of the input, open, with its kind and layout once its first line is read. */
    private static final class OpenFile {
        final Path path;
        final LineReader lines;
        /** Bytes in the file when opened; 0 when unknown. */
        final long size;
        Kind kind;
        FormatVersion version;
        EventDecoder decoder;

        private OpenFile(Path path, LineReader lines, long size) {
            this.path = path;
            this.lines = lines;
            this.size = size;
        }

        static OpenFile open(Path path) throws EventFileException {
            if (Files.isDirectory(path)) {
                throw new EventFileException(path + ": Is a directory");
            }
            try {
                long size = Files.isRegularFile(path) ? Files.size(path) : 0;
                return new OpenFile(path, new LineReader(Files.newInputStream(path)), size);
            } catch (NoSuchFileException e) {
                throw new EventFileException(path + ": No such file or directory");
            } catch (AccessDeniedException e) {
                throw new EventFileException(path + ": Permission denied");
            } catch (IOException e) {
                throw new EventFileException(path + ": " + e.getMessage());
            }
        }

        /** Reads the first line: decides the kind and the version from its startup event. */
        List<Event> readFirst() throws EventFileException {
            int first;
            do {
                if (!nextLine()) {
                    throw new EventFileException(path + ": empty file");
                }
                if (lines.tooLong()) {
                    throw new EventFileException(location() + ": " + TOO_LONG);
                }
                first = lines.firstNonBlank();
            } while (first < 0);
            kind = switch (first) {
                case '{' -> Kind.EVENTS;
                case '[' -> Kind.SORTED;
                default -> throw new EventFileException(path + ":" + lines.number()
                        + ": not a Retis events file (the first line is not a JSON object or array)");
            };
            List<Event> series = decode(new EventDecoder(FormatVersion.CURRENT));
            version = versionOf(series);
            decoder = new EventDecoder(version);
            return version == FormatVersion.CURRENT ? series : decode(decoder);
        }

        private List<Event> decode(EventDecoder with) throws EventFileException {
            try {
                return decodeLine(with);
            } catch (MalformedEventException e) {
                throw new EventFileException(location() + ": " + why(e));
            }
        }

        private FormatVersion versionOf(List<Event> series) throws EventFileException {
            String retisVersion = series.isEmpty() ? null : retisVersion(series.getFirst());
            if (retisVersion == null) {
                throw new EventFileException(path + ": Cannot find version in startup event");
            }
            try {
                return FormatVersion.of(retisVersion);
            } catch (IllegalArgumentException e) {
                throw new EventFileException(path + ": " + e.getMessage());
            }
        }

        /** From the typed startup section, or from a raw one in a shape we do not model. */
        private static String retisVersion(Event e) {
            if (e.startup != null) {
                return e.startup.retisVersion();
            }
            JsonNode raw = e.others.get(StartupJson.SECTION);
            JsonNode version = raw == null ? null : raw.get(StartupJson.RETIS_VERSION);
            return version != null && version.isTextual() ? version.asText() : null;
        }

        /** The next good line's series; null at the end of the file. */
        List<Event> readSeries(Consumer<String> warnings) throws EventFileException {
            while (nextLine()) {
                if (lines.tooLong()) {
                    warnings.accept(location() + ": " + TOO_LONG);
                    continue;
                }
                if (lines.firstNonBlank() < 0) {
                    continue;
                }
                try {
                    return decodeLine(decoder);
                } catch (MalformedEventException e) {
                    warnings.accept(location() + ": " + why(e));
                }
            }
            return null;
        }

        private List<Event> decodeLine(EventDecoder with) throws MalformedEventException {
            return kind == Kind.SORTED
                    ? with.decodeSeries(lines.bytes(), lines.length())
                    : List.of(with.decodeEvent(lines.bytes(), lines.length()));
        }

        private String why(MalformedEventException e) {
            return lines.terminated() ? e.getMessage() : "truncated line at end of file (" + e.getMessage() + ")";
        }

        private String location() {
            return path + ":" + lines.number();
        }

        private boolean nextLine() throws EventFileException {
            try {
                return lines.next();
            } catch (IOException e) {
                throw new EventFileException(path + ": " + e.getMessage());
            }
        }

        void closeQuietly() {
            try {
                lines.close();
            } catch (IOException e) {
                // read-only file: nothing is lost when closing it fails
            }
        }
    }
}
