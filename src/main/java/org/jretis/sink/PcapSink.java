package org.jretis.sink;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;
import org.jretis.event.Event;
import org.jretis.event.json.EventWriter;
import org.jretis.sink.pcapng.PcapngWriter;
import org.jretis.text.EventFormatter;

/**
 * Packets as pcap-ng in Retis' layout: each packet block carries the event's multi-line text as
 * its comment and the event's JSON (packet left out) as a Retis option. Used live by
 * {@code collect --pcap} and offline by {@code pcap}.
 */
public final class PcapSink implements EventSink {
    private final PcapngWriter writer;

    /** Writes to a stream already open (a file, or stdout for {@code -}). */
    public PcapSink(OutputStream out) {
        this.writer = new PcapngWriter(out, comments(), PcapSink::json);
    }

    /** The text of each packet's comment: Retis' multi-line layout, without link layer. */
    public static Function<Event, String> comments() {
        EventFormatter formatter = new EventFormatter(EventFormatter.Format.MULTI_LINE, false, false);
        StringBuilder text = new StringBuilder(1024); // reused: one writer calls it, event after event
        return event -> {
            text.setLength(0);
            formatter.format(event, text);
            return text.toString();
        };
    }

    /** The JSON option of a packet block (the writer has already taken the packet out). */
    public static byte[] json(Event event) {
        return EventWriter.toJsonBytes(event);
    }

    public PcapngWriter writer() {
        return writer;
    }

    @Override
    public void accept(Event event) throws IOException {
        writer.write(event);
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
