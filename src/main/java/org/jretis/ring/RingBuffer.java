package org.jretis.ring;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.BpfMap;
import org.jretis.bpf.Libc;

/**
 * Reads a BPF ring buffer ({@code BPF_MAP_TYPE_RINGBUF}) straight from its memory map, as the
 * kernel lays it out: a consumer page holding {@code consumer_pos} (ours to write), a producer
 * page holding {@code producer_pos}, then the data area, mapped twice in a row so that a record
 * wrapping past its end reads contiguously. Each record is an 8-byte header (u32 length with
 * the BUSY and DISCARD bits, u32 page offset) followed by the payload, rounded up to 8 bytes.
 * One thread drains; it must stop before another closes the ring.
 */
public final class RingBuffer implements AutoCloseable {
    static final int HEADER_SIZE = 8;
    static final int BUSY = 1 << 31;
    static final int DISCARD = 1 << 30;
    /** Publish consumer_pos at least this often, so producers get room back during a long drain. */
    private static final int PUBLISH_EVERY = 64;
    private static final int BPF_MAP_TYPE_RINGBUF = 27;

    private static final VarHandle POSITION = JAVA_LONG.varHandle();
    private static final VarHandle HEADER = JAVA_INT.varHandle();

    private final MemorySegment consumer;
    private final MemorySegment producer;
    private final MemorySegment data;
    private final long mask;
    /** The ring's map fd for poll, or -1 for a ring over plain memory. */
    private final int fd;
    /** Owns the mappings; null when the caller owns the memory. */
    private final Arena arena;

    private RingBuffer(MemorySegment consumer, MemorySegment producer, MemorySegment data, long size,
                       int fd, Arena arena) {
        if (size <= 0 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("ring size " + size + " is not a power of two");
        }
        if (consumer.byteSize() < Long.BYTES || producer.byteSize() < Long.BYTES || data.byteSize() < 2 * size) {
            throw new IllegalArgumentException("ring memory too small for a ring of " + size + " bytes");
        }
        this.consumer = consumer;
        this.producer = producer;
        this.data = data;
        this.mask = size - 1;
        this.fd = fd;
        this.arena = arena;
    }

    /** Maps {@code map}, a loaded {@code BPF_MAP_TYPE_RINGBUF}. */
    public static RingBuffer of(BpfMap map) throws BpfException {
        if (map.type() != BPF_MAP_TYPE_RINGBUF) {
            throw new IllegalArgumentException("map '" + map.name() + "' is not a ring buffer");
        }
        return map(map.fd(), Integer.toUnsignedLong(map.maxEntries()));
    }

    /** Maps the ring buffer map {@code mapFd} of {@code size} bytes (its max_entries). */
    public static RingBuffer map(int mapFd, long size) throws BpfException {
        long page = Libc.pageSize();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment consumer = Libc.mmap(mapFd, page, 0, true, arena);
            MemorySegment producerAndData = Libc.mmap(mapFd, page + 2 * size, page, false, arena);
            return new RingBuffer(consumer, producerAndData.asSlice(0, page),
                    producerAndData.asSlice(page, 2 * size), size, mapFd, arena);
        } catch (BpfException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * A ring over memory the caller owns and fills, for tests: {@code consumer} and
     * {@code producer} start with their positions, {@code data} holds the data area twice
     * ({@code 2 * size} bytes), as the kernel's double mapping shows it.
     */
    public static RingBuffer over(MemorySegment consumer, MemorySegment producer, MemorySegment data) {
        return new RingBuffer(consumer, producer, data, data.byteSize() / 2, -1, null);
    }

    /** The data area's size in bytes. */
    public long size() {
        return mask + 1;
    }

    /** Whether the producer has moved past the consumer (the next record may still be busy). */
    public boolean hasData() {
        return (long) POSITION.getAcquire(consumer, 0L) < (long) POSITION.getAcquire(producer, 0L);
    }

    /**
     * Waits up to {@code timeoutMillis} for data. The kernel wakes pollers only when a producer
     * asks for it (a fill threshold in jretis' programs), so the timeout is what paces draining
     * otherwise. A ring over plain memory does not wait.
     */
    public boolean awaitData(int timeoutMillis) throws BpfException {
        if (hasData()) {
            return true;
        }
        return fd >= 0 && Libc.pollIn(fd, timeoutMillis);
    }

    /**
     * Hands every record committed when the drain starts to {@code handler}, in order, and gives
     * their space back to producers. Stops early at a record still being written (BUSY): the next
     * drain resumes there. Discarded records are skipped. A record whose handler throws counts
     * as consumed, so one bad record cannot wedge the ring. Returns how many records were handled.
     */
    public int drain(RecordHandler handler) {
        long consumerPos = (long) POSITION.getAcquire(consumer, 0L);
        long producerPos = (long) POSITION.getAcquire(producer, 0L);
        int handled = 0;
        int unpublished = 0;
        try {
            while (consumerPos < producerPos) {
                long at = consumerPos & mask;
                int header = (int) HEADER.getAcquire(data, at);
                if ((header & BUSY) != 0) {
                    break;
                }
                int length = header & ~(BUSY | DISCARD);
                consumerPos += (length + HEADER_SIZE + 7L) & ~7L;
                if ((header & DISCARD) == 0) {
                    handled++;
                    handler.onRecord(data, at + HEADER_SIZE, length);
                }
                if (++unpublished == PUBLISH_EVERY) {
                    POSITION.setRelease(consumer, 0L, consumerPos);
                    unpublished = 0;
                }
            }
        } finally {
            POSITION.setRelease(consumer, 0L, consumerPos);
        }
        return handled;
    }

    /** Unmaps a mapped ring; a ring over caller memory is left alone. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }
}
