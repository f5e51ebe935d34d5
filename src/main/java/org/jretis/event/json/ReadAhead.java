package org.jretis.event.json;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.jretis.event.Event;

/**
 * Reads and decodes lines on a thread of its own while the caller formats or writes the previous
 * ones (the second core), handing them over in file order, in batches so that threads meet
 * rarely. Warnings travel in the same order and are given to the caller's callback on the
 * caller's thread. Memory stays bounded: a few batches of at most {@link #BATCH_LINES} lines or
 * {@link #BATCH_BYTES} bytes of lines each.
 */
final class ReadAhead implements AutoCloseable {
    private static final int BATCH_LINES = 256;
    private static final int BATCH_BYTES = 1 << 20;
    /** Batches decoded but not yet taken; with the one being filled and the one being read. */
    private static final int QUEUED = 2;

    /** What the decoding thread reads: the next series or warning, or null at the end. */
    interface Source {
        Item read(Consumer<String> warnings) throws EventFileException;
    }

    /**
     * A series read from the input or, with {@code series} null, a warning. {@code lineEvent} is
     * the event of an events file's line; {@code json} that line as
     * {@link EventFileReader#canonicalJsonWithoutPacket} gives it, when asked for.
     */
    record Item(List<Event> series, Event lineEvent, byte[] json, int bytes, String warning) {}

    private static final class Batch {
        final List<Item> items = new ArrayList<>(BATCH_LINES);
        int bytes;
        /** The last batch: the end of the input, or the error that ended it. */
        boolean last;
        EventFileException error;
        /** A RuntimeException or an Error. */
        Throwable failure;

        boolean full() {
            return items.size() >= BATCH_LINES || bytes >= BATCH_BYTES;
        }
    }

    private final Source source;
    private final Consumer<String> warnings;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
    private final Thread thread;
    /** The batch being read by the caller. */
    private Batch batch;
    private int index;
    /** The batch being filled, by the decoding thread only. */
    private Batch filling;

    ReadAhead(Source source, Consumer<String> warnings) {
        this.source = source;
        this.warnings = warnings;
        this.thread = Thread.ofPlatform().name("read-ahead").daemon().unstarted(this::decode);
        thread.start();
    }

    /** The next series read, null at the end; warnings met before it go to the callback first. */
    Item next() throws EventFileException {
        while (true) {
            if (batch != null && index < batch.items.size()) {
                Item item = batch.items.get(index++);
                if (item.series() != null) {
                    return item;
                }
                warnings.accept(item.warning());
                continue;
            }
            if (batch != null && batch.last) {
                if (batch.error != null) {
                    throw batch.error;
                }
                if (batch.failure instanceof Error e) {
                    throw e;
                }
                if (batch.failure != null) {
                    throw (RuntimeException) batch.failure;
                }
                return null;
            }
            try {
                batch = queue.take();
                index = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventFileException("interrupted while reading");
            }
        }
    }

    private void decode() {
        filling = new Batch();
        try {
            try {
                for (Item item; (item = source.read(this::warnLater)) != null; ) {
                    filling.items.add(item);
                    filling.bytes += item.bytes();
                    if (filling.full()) {
                        queue.put(filling);
                        filling = new Batch();
                    }
                }
            } catch (EventFileException e) {
                filling.error = e;
            } catch (RuntimeException | Error e) { // an Error too (out of memory): the caller must not wait forever
                filling.failure = e;
            }
            filling.last = true;
            queue.put(filling);
        } catch (InterruptedException e) {
            // closed by the caller: nothing more is wanted
        }
    }

    private void warnLater(String warning) {
        filling.items.add(new Item(null, null, null, 0, warning));
    }

    /** Stops the decoding thread and waits for it, so the input can be closed after. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
