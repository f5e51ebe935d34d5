package org.jretis.sink;

import java.io.FilterOutputStream;
import java.io.IOException;
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
 */
public final class JsonLinesSink implements EventSink {
    private final Path path;
    private final long limit;
    private final IntFunction<Event> startup;
    private EventWriter writer;
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
        if (limit > 0) {
            long size = EventWriter.toJson(event).getBytes(StandardCharsets.UTF_8).length + 1L;
            if (written + size > limit && written > startupSize) {
                rotate();
            }
            written += size;
        }
        writer.write(event);
    }

    /** Bytes written so far, rotated files included (buffered lines not yet). Thread-safe. */
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
        if (limit > 0) {
            Files.move(path, split(index), StandardCopyOption.REPLACE_EXISTING);
            Log.info("Wrote " + (index + 1) + " event file(s)");
        }
    }

    private void open() throws IOException {
        writer = new EventWriter(new FilterOutputStream(OutputFiles.create(path)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                bytesWritten += len;
            }
        });
        Event first = startup.apply(index);
        writer.write(first);
        startupSize = EventWriter.toJson(first).getBytes(StandardCharsets.UTF_8).length + 1L;
        written = startupSize;
    }

    private void rotate() throws IOException {
        writer.close();
        Files.move(path, split(index), StandardCopyOption.REPLACE_EXISTING);
        index++;
        open();
    }

    private Path split(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }
}
