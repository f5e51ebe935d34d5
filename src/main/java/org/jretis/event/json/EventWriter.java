package org.jretis.event.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.jretis.event.Event;

/**
 * Writes events files: one compact JSON object per line ({@code '\n'}) in Retis' v1.7 layout,
 * or, for sorted files, one JSON array (a series) per line. Output is buffered: call
 * {@link #flush()} when the lines must be visible now.
 */
public final class EventWriter implements Closeable, Flushable {
    private final JsonGenerator generator;

    /** Writes to {@code out}, buffering it; {@link #close()} closes it. */
    public EventWriter(OutputStream out) throws IOException {
        OutputStream buffered = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        generator = EventJson.mapper().getFactory().createGenerator(buffered);
        generator.setRootValueSeparator(null);
    }

    /**
     * The {@code retis_version} of startup events written by this project: at least 1.7.0 so that
     * Retis reads our files in its current layout, with our own version as build metadata.
     */
    public static String retisVersion(String projectVersion) {
        return "1.7.0+jretis-" + projectVersion;
    }

    /** Writes one event line. */
    public void write(Event event) throws IOException {
        EventEncoder.write(event, generator);
        generator.writeRaw('\n');
    }

    /** Writes one series line, as in files written by {@code sort -o}. */
    public void writeSeries(List<Event> series) throws IOException {
        generator.writeStartArray();
        for (Event event : series) {
            EventEncoder.write(event, generator);
        }
        generator.writeEndArray();
        generator.writeRaw('\n');
    }

    /** The event as one compact JSON object, without a newline (e.g. for pcap-ng comments). */
    public static String toJson(Event event) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = EventJson.mapper().getFactory().createGenerator(text)) {
            EventEncoder.write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    /** {@link #toJson} in UTF-8, written as bytes rather than through a String. */
    public static byte[] toJsonBytes(Event event) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = EventJson.mapper().getFactory().createGenerator(bytes)) {
            EventEncoder.write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    @Override
    public void flush() throws IOException {
        generator.flush();
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }
}
