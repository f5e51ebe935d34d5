package org.jretis.collect;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.BpfLog;
import org.jretis.btf.Btf;
import org.jretis.btf.BtfException;
import org.jretis.event.json.EventWriter;
import org.jretis.log.Log;

/**
 * The part of a collection's start-up that needs nothing from its command line, started on
 * another core as soon as the command line names {@code collect}, while picocli parses it and
 * the probes are resolved: reading the kernel's BTF (the probes are resolved with it right after
 * parsing), binding libbpf and libc (finding their functions, the log callback), then reading the
 * initial network namespace (libbpf's first object load, which probes the kernel's features and
 * parses its BTF). Each result is awaited where it is used, in that order.
 */
public final class EarlyStart {
    private static FutureTask<Btf> kernelBtf;
    private static FutureTask<Void> binding;
    private static FutureTask<Long> initialNetns;

    private EarlyStart() {}

    /** Starts the work in the background; later calls do nothing. */
    public static synchronized void start() {
        if (binding != null) {
            return;
        }
        kernelBtf = new FutureTask<>(Btf::kernel);
        binding = new FutureTask<>(() -> {
            // Its lines are for debugging: a failed load is explained in its error.
            BpfLog.setHandler((level, message) -> Log.debug(message));
            return null;
        });
        initialNetns = new FutureTask<>(InitialNetns::read);
        Thread.ofPlatform().name("collect-early-start").daemon().start(() -> {
            kernelBtf.run();
            binding.run();
            initialNetns.run();
        });
    }

    /** The running kernel's BTF (starting the work if needed). */
    static Btf kernelBtf() throws BtfException {
        start();
        return result(kernelBtf, BtfException.class);
    }

    /** Waits for the binding (starting it if needed); fails when libbpf cannot be used. */
    static void awaitBinding() throws BpfException {
        start();
        result(binding, BpfException.class);
    }

    /**
     * The initial network namespace's inode number, or null when it cannot be read (a warning
     * says why: events are then told initial by their usual inode numbers). Logged here, on the
     * caller's thread, once the log level is set.
     */
    static Long initialNetns() {
        start();
        try {
            long inum = get(initialNetns);
            Log.debug("initial network namespace: inode " + inum);
            return inum;
        } catch (ExecutionException e) {
            Log.warn("cannot read the initial network namespace (" + e.getCause().getMessage()
                    + "): telling it by its usual inode numbers");
            return null;
        }
    }

    /**
     * Builds, on another thread, what writing the first event to a file needs (Jackson's generator
     * and the encoder's classes), while the probes load.
     */
    static void prepareEventsFile() {
        Thread.ofPlatform().name("events-file-prepare").daemon().start(() -> {
            try (EventWriter writer = new EventWriter(OutputStream.nullOutputStream())) {
                writer.flush();
            } catch (IOException e) {
                // Nowhere to write: nothing can fail; the real writer reports its own errors.
            }
        });
    }

    /** The task's value; its failure rethrown as is when a {@code failure}, else unchecked. */
    private static <T, E extends Exception> T result(Future<T> task, Class<E> failure) throws E {
        try {
            return get(task);
        } catch (ExecutionException e) {
            if (failure.isInstance(e.getCause())) {
                throw failure.cast(e.getCause());
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Waits, however often interrupted (the work is short), and keeps the interrupt. */
    private static <T> T get(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        while (true) {
            try {
                T value = future.get();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return value;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
