package org.jretis.collect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import org.jretis.event.Event;
import org.jretis.ring.RingBuffer;
import org.jretis.sink.EventSink;
import org.jretis.sink.JsonLinesSink;

/**
 * The capture thread: waits for the ring to fill (or a short timer), drains every committed
 * record, decodes it and hands it to the sinks, then flushes them once per batch. When the only
 * sink is an events file, records go straight to JSON lines ({@link RawJsonEncoder}) without
 * an {@link Event} in between.
 */
final class EventLoop {
    /** Longest wait before draining anyway: probes wake us only past a fill level. */
    static final int DRAIN_INTERVAL_MS = 50;

    private final RingBuffer ring;
    private final RawEventDecoder decoder;
    private final EventSink sink;
    /** The sink when it is an events file alone, with the encoder that feeds it; else null. */
    private final JsonLinesSink json;
    private final RawJsonEncoder rawJson;
    private final Stopper stopper;
    private final long stopAfter;
    private final SideEvents side;
    /** Events handled: the capture thread's count, published to {@link #processed} after each drain. */
    private long handled;
    /**
     * {@link #handled} for progress reports, read on another thread. Not written per event: a
     * volatile store is a memory fence on the capture's hottest path.
     */
    private volatile long processed;
    /** Records no probe of ours wrote (a corrupt ring): skipped, counted, reported. */
    private long unreadable;

    /** Events that do not come from the ring (nft traces from netlink), written between drains. */
    interface SideEvents {
        SideEvents NONE = () -> 0;

        /** Writes what is due; returns how many events. */
        long write() throws IOException;
    }

    /**
     * @param stopAfter stop after this many events, or 0 for no limit
     */
    EventLoop(RingBuffer ring, RawEventDecoder decoder, EventSink sink, Stopper stopper, long stopAfter,
              SideEvents side) {
        this.ring = ring;
        this.decoder = decoder;
        this.sink = sink;
        this.json = sink instanceof JsonLinesSink file ? file : null;
        this.rawJson = json == null ? null : decoder.jsonEncoder();
        this.stopper = stopper;
        this.stopAfter = stopAfter;
        this.side = side;
    }

    /** Runs until a stop is requested. */
    void run() throws IOException {
        while (!stopper.requested()) {
            ring.awaitData(DRAIN_INTERVAL_MS);
            drain();
            handled += side.write();
            processed = handled;
        }
    }

    /** Consumes what is in the ring now; returns how many events it handled. */
    long drain() throws IOException {
        long before = handled;
        try {
            ring.drain(this::handle);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            processed = handled;
        }
        if (handled != before) {
            sink.flush();
        }
        return handled - before;
    }

    /** Counts events written outside the loop (the side events' last ones). */
    void written(long events) {
        handled += events;
        processed = handled;
    }

    long processed() {
        return processed;
    }

    long unreadable() {
        return unreadable;
    }

    private void handle(MemorySegment record, long offset, int length) {
        if (stopAfter > 0 && handled >= stopAfter) {
            return;
        }
        try {
            if (rawJson != null && rawJson.encode(record, offset, length)) {
                json.acceptLine(rawJson.line().bytes(), 0, rawJson.line().length());
            } else {
                Event event = decoder.decode(record, offset, length);
                if (event == null) {
                    unreadable++;
                    return;
                }
                sink.accept(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        handled++;
        if (stopAfter > 0 && handled == stopAfter) {
            stopper.stop("Reached stop count (" + stopAfter + "), terminating...");
        }
    }
}
