package org.jretis.sink;

import java.io.IOException;
import java.util.List;
import org.jretis.event.Event;

/** Several sinks fed the same events, in order. */
public final class SinkSet implements EventSink {
    private final List<EventSink> sinks;

    public SinkSet(List<EventSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void accept(Event event) throws IOException {
        for (EventSink sink : sinks) {
            sink.accept(event);
        }
    }

    @Override
    public void flush() throws IOException {
        for (EventSink sink : sinks) {
            sink.flush();
        }
    }

    /** Closes every sink, even when one fails; the first failure is thrown. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (EventSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
