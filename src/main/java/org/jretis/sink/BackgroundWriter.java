package org.jretis.sink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Buffers what it is given in large chunks and writes them to a stream on a thread of its own,
 * so that the capture thread never waits on the file system unless every chunk is in flight:
 * then it waits (back-pressure), nothing is dropped. {@link #flush()} hands over what is
 * buffered without waiting for it to be written. A write error is reported by the next call.
 */
public final class BackgroundWriter extends OutputStream {
    private static final int CHUNK_SIZE = 1 << 20;
    private static final int CHUNKS = 8;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {}

    private final OutputStream out;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread writer;
    private volatile IOException failure;
    private byte[] current = new byte[CHUNK_SIZE];
    private int used;
    private boolean closed;

    /** Writes to {@code out}, which {@link #close()} closes. */
    public BackgroundWriter(OutputStream out, String name) {
        this.out = out;
        for (int i = 1; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_SIZE]);
        }
        writer = Thread.ofPlatform().name(name).daemon().start(this::writeChunks);
    }

    @Override
    public void write(int b) throws IOException {
        if (used == current.length) {
            handOver();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == current.length) {
                handOver();
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (used > 0) {
            handOver();
        }
        throwIfFailed();
    }

    /** Writes out everything handed over, then closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (used > 0) {
                handOver();
            }
            put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing events");
        } finally {
            out.close();
        }
        throwIfFailed();
    }

    private void handOver() throws IOException {
        throwIfFailed();
        try {
            put(new Chunk(current, used));
            current = free.take();
            used = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing events");
        }
    }

    private void put(Chunk chunk) throws InterruptedException {
        filled.put(chunk);
    }

    /** The writer thread: after a failure it keeps returning chunks, so the producer never blocks for good. */
    private void writeChunks() {
        try {
            for (Chunk chunk = filled.take(); chunk != END; chunk = filled.take()) {
                if (failure == null) {
                    try {
                        out.write(chunk.bytes(), 0, chunk.length());
                    } catch (IOException e) {
                        failure = e;
                    }
                }
                free.put(chunk.bytes());
            }
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("event writer interrupted");
        }
    }

    private void throwIfFailed() throws IOException {
        IOException e = failure;
        if (e != null) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
