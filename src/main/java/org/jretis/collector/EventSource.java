package org.jretis.collector;

import java.io.IOException;
import org.jretis.sink.EventSink;

/**
 * A unit's events that do not come from the ring (nft's traces from netlink), started with the
 * collection ({@link Unit#events}): a stage between the record decoder and the sinks, which adds
 * them to the ring's events, written between drains of the ring.
 */
public interface EventSource extends AutoCloseable {
    /** The sink that adds its events to the ring's events going to {@code sink}. */
    EventSink join(EventSink sink);

    /** Writes the events that are due; returns how many. */
    long release() throws IOException;

    /** Stops reading, then writes every event left; returns how many. */
    long finish() throws IOException;

    /** Stops reading (if not yet) and reports what it could not write. */
    @Override
    void close();
}
