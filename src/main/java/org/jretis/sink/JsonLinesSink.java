package org.jretis.sink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.IntFunction;
import org.jretis.event.Event;
import org.jretis.event.json.EventWriter;
import org.jretis.log.Log;

/**
 * An events file: JSON lines, the startup event first. With a size limit ({@code --out-rotate})
 * the file being written is {@code FILE}; before a write would pass the limit it is renamed
 * {@code FILE.<n>} and a new one starts, with its own startup event naming its index.
 * Lines are written by a {@link BackgroundWriter}, off the caller's thread.
 */
public final class JsonLinesSink implements EventSink {
    private final Path path;
    private final long limit;
    private final IntFunction<Event> startup;
    /** Encodes one event at a time, so that its size is known before it is written. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    private final EventWriter encoder = new EventWriter(line);
    private OutputStream out;
    /** Bytes of the current file, and of its startup event: a file holds at least one event. */
    private long written;
    private long startupSize;
    private int index;
    /** Bytes written to all files so far; read by progress reports on another thread. */
    private volatile long bytesWritten;

    /**
     * @param limit   rotate past this many bytes; 0 for a single file
     * @param startup the startup event of file {@code n} (of a rotated set, else 0)
     */
    public JsonLinesSink(Path path, long limit, IntFunction<Event> startup) throws IOException {
        this.path = path;
        this.limit = limit;
        this.startup = startup;
        open();
    }

    @Override
    public void accept(Event event) throws IOException {
        encode(event);
        make(line.size());
        line.writeTo(out);
    }

    /** Writes an event already encoded as one line of JSON ({@code length} bytes, no newline). */
    public void acceptLine(byte[] json, int offset, int length) throws IOException {
        make(length + 1L);
        out.write(json, offset, length);
        out.write('\n');
    }

    /** Bytes written so far, rotated files included (buffered lines not yet). Thread-safe. */
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
        if (limit > 0) {
            Files.move(path, split(index), StandardCopyOption.REPLACE_EXISTING);
            Log.info("Wrote " + (index + 1) + " event file(s)");
        }
    }

    /** Makes room for a line of {@code size} bytes, rotating first if it would pass the limit. */
    private void make(long size) throws IOException {
        if (limit > 0) {
            if (written + size > limit && written > startupSize) {
                rotate();
            }
            written += size;
        }
    }

    private void encode(Event event) throws IOException {
        line.reset();
        encoder.write(event);
        encoder.flush();
    }

    private void open() throws IOException {
        WritableByteChannel file = OutputFiles.channel(path);
        out = new BackgroundWriter(new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = file.write(src);
                bytesWritten += n; // only the writer thread adds
                return n;
            }

            @Override
            public boolean isOpen() {
                return file.isOpen();
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        }, "events-file-writer");
        // Not through line: a rotation happens while line holds the event that caused it.
        byte[] first = (EventWriter.toJson(startup.apply(index)) + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(first);
        startupSize = first.length;
        written = startupSize;
    }

    private void rotate() throws IOException {
        out.close();
        Files.move(path, split(index), StandardCopyOption.REPLACE_EXISTING);
        index++;
        open();
    }

    private Path split(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }
}
