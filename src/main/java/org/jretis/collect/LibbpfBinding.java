package org.jretis.collect;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jretis.bpf.BpfException;
import org.jretis.bpf.BpfLog;
import org.jretis.log.Log;

/**
 * Binds libbpf and libc (dozens of FFM handles, the log callback): a good part of a collection's
 * start-up, so it can start on another core as soon as the command line names {@code collect},
 * while the rest of the command line is parsed, the BTF read and the probes resolved.
 */
public final class LibbpfBinding {
    private static FutureTask<Void> binding;

    private LibbpfBinding() {}

    /** Starts binding in the background; a later {@link #await()} reports the outcome. */
    public static synchronized void start() {
        if (binding == null) {
            binding = new FutureTask<>(() -> {
                // Its lines are for debugging: a failed load is explained in its error.
                BpfLog.setHandler((level, message) -> Log.debug(message));
                return null;
            });
            Thread.ofPlatform().name("libbpf-binding").daemon().start(binding);
        }
    }

    /** Waits for the binding (starting it if needed); fails when libbpf cannot be used. */
    static void await() throws BpfException {
        start();
        try {
            binding.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BpfException b) {
                throw b;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding libbpf", e);
        }
    }
}
