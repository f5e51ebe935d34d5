package org.jretis.ring;

import java.lang.foreign.MemorySegment;

/**
 * Receives the records {@link RingBuffer#drain} consumes, one call per record, with nothing
 * allocated per record: the payload is a window of the ring's own memory.
 */
@FunctionalInterface
public interface RecordHandler {
    /**
     * The record's payload is {@code length} bytes of {@code data} starting at {@code offset}
     * (8-byte aligned, contiguous even when the record wraps). It is valid only during the call:
     * once the handler returns, the producer may overwrite it.
     */
    void onRecord(MemorySegment data, long offset, int length);
}
