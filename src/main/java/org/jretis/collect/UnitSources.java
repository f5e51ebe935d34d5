package org.jretis.collect;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jretis.collector.EventSource;
import org.jretis.collector.Unit;
import org.jretis.sink.EventSink;

/** The units' sources of events outside the ring ({@link Unit#events}), for one collection. */
final class UnitSources implements AutoCloseable {
    private final List<EventSource> sources = new ArrayList<>();

    private UnitSources() {}

    /** Starts the sources of {@code units}; closes those started if one fails. */
    static UnitSources start(List<Unit> units, CollectOptions options, Long netns) throws IOException {
        UnitSources started = new UnitSources();
        try {
            for (Unit unit : units) {
                EventSource source = unit.events(options, netns);
                if (source != null) {
                    started.sources.add(source);
                }
            }
        } catch (IOException | RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    boolean isEmpty() {
        return sources.isEmpty();
    }

    /** The sink that adds every source's events to those going to {@code sink}. */
    EventSink join(EventSink sink) {
        for (EventSource source : sources) {
            sink = source.join(sink);
        }
        return sink;
    }

    /** Writes the events that are due; returns how many. */
    long release() throws IOException {
        long written = 0;
        for (EventSource source : sources) {
            written += source.release();
        }
        return written;
    }

    /** Stops the sources and writes every event left; returns how many. */
    long finish() throws IOException {
        long written = 0;
        for (EventSource source : sources) {
            written += source.finish();
        }
        return written;
    }

    @Override
    public void close() {
        sources.reversed().forEach(EventSource::close);
    }
}
