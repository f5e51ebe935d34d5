package org.jretis.sink;

import java.io.IOException;
import org.jretis.event.Event;

/**
 * Where events go: text on stdout, a JSON-lines file, a pcap-ng stream. Events arrive in batches;
 * {@link #flush()} ends a batch, so output appears while a capture runs.
 */
public interface EventSink extends AutoCloseable {

    void accept(Event event) throws IOException;

    /** Pushes what is buffered to its destination. */
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
