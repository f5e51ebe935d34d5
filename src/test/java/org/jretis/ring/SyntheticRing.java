package org.jretis.ring;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A BPF ring buffer in plain memory, written as the kernel's producer would: header then payload
 * at producer_pos, each byte stored in both copies of the data area (the kernel maps it twice).
 */
final class SyntheticRing implements AutoCloseable {
    private static final int PAGE = 4096;

    final Arena arena = Arena.ofConfined();
    final MemorySegment consumerPage = arena.allocate(PAGE, PAGE);
    final MemorySegment producerPage = arena.allocate(PAGE, PAGE);
    final MemorySegment data;
    final long size;

    SyntheticRing(long size) {
        this.size = size;
        this.data = arena.allocate(2 * size, PAGE);
    }

    /** Starts both positions at {@code position}, as a ring that has already carried data. */
    SyntheticRing at(long position) {
        consumerPage.set(JAVA_LONG, 0, position);
        producerPage.set(JAVA_LONG, 0, position);
        return this;
    }

    RingBuffer reader() {
        return RingBuffer.over(consumerPage, producerPage, data);
    }

    long consumerPos() {
        return consumerPage.get(JAVA_LONG, 0);
    }

    long producerPos() {
        return producerPage.get(JAVA_LONG, 0);
    }

    /** Writes a committed record; returns its position. */
    long write(byte[] payload) {
        long position = reserve(payload);
        commit(position);
        return position;
    }

    /** Writes a record still marked BUSY, as between bpf_ringbuf_reserve and submit; returns its position. */
    long reserve(byte[] payload) {
        long position = producerPos();
        putInt(position, payload.length | RingBuffer.BUSY);
        putInt(position + 4, 0);
        for (int i = 0; i < payload.length; i++) {
            putByte(position + RingBuffer.HEADER_SIZE + i, payload[i]);
        }
        producerPage.set(JAVA_LONG, 0, position + ((payload.length + RingBuffer.HEADER_SIZE + 7) & ~7L));
        return position;
    }

    void commit(long position) {
        putInt(position, header(position) & ~RingBuffer.BUSY);
    }

    void discard(long position) {
        putInt(position, (header(position) & ~RingBuffer.BUSY) | RingBuffer.DISCARD);
    }

    private int header(long position) {
        return data.get(JAVA_INT, position & (size - 1));
    }

    private void putInt(long position, int value) {
        for (int i = 0; i < 4; i++) {
            putByte(position + i, (byte) (value >>> (8 * i))); // little-endian, as on x86-64
        }
    }

    private void putByte(long position, byte value) {
        long at = position & (size - 1);
        data.set(JAVA_BYTE, at, value);
        data.set(JAVA_BYTE, at + size, value);
    }

    @Override
    public void close() {
        arena.close();
    }
}
