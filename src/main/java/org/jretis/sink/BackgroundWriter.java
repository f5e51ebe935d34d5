package org.jretis.sink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Buffers what it is given in large chunks and writes them to a channel on a thread of its own,
 * so that the capture thread never waits on the file system unless every chunk is in flight:
 * then it waits (back-pressure), nothing is dropped. {@link #flush()} hands over what is
 * buffered without waiting for it to be written. A write error is reported by the next call.
 * Chunks are direct buffers: the channel writes them as they are, where a heap array would be
 * copied once more into native memory for each write.
 */
public final class BackgroundWriter extends OutputStream {
    private static final int CHUNK_SIZE = 1 << 20;
    private static final int CHUNKS = 8;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final WritableByteChannel out;
    /** Chunks to write, each flipped (position 0, limit its length). */
    private final BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread writer;
    private volatile IOException failure;
    private ByteBuffer current = ByteBuffer.allocateDirect(CHUNK_SIZE);
    private boolean closed;

    /** Writes to {@code out}, which {@link #close()} closes. */
    public BackgroundWriter(WritableByteChannel out, String name) {
        this.out = out;
        for (int i = 1; i < CHUNKS; i++) {
            free.add(ByteBuffer.allocateDirect(CHUNK_SIZE));
        }
        writer = Thread.ofPlatform().name(name).daemon().start(this::writeChunks);
    }

    @Override
    public void write(int b) throws IOException {
        if (!current.hasRemaining()) {
            handOver();
        }
        current.put((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!current.hasRemaining()) {
                handOver();
            }
            int n = Math.min(len, current.remaining());
            current.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        if (current.position() > 0) {
            handOver();
        }
        throwIfFailed();
    }

    /** Writes out everything handed over, then closes the channel. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current.position() > 0) {
                handOver();
            }
            filled.put(END);
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
            filled.put(current.flip());
            current = free.take().clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing events");
        }
    }

    /** The writer thread: after a failure it keeps returning chunks, so the producer never blocks for good. */
    private void writeChunks() {
        try {
            for (ByteBuffer chunk = filled.take(); chunk != END; chunk = filled.take()) {
                try {
                    while (failure == null && chunk.hasRemaining()) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    failure = e;
                }
                free.put(chunk);
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
