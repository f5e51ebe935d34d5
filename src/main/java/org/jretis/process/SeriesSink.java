package org.jretis.process;

import java.io.IOException;
import java.util.List;
import org.jretis.event.Event;

/** Receives sorted output, one series at a time: events of one packet, in file order. */
@FunctionalInterface
public interface SeriesSink {
    void accept(List<Event> series) throws IOException;
}
