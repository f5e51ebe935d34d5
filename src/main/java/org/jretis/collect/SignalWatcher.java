package org.jretis.collect;

import java.util.ArrayList;
import java.util.List;
import org.jretis.bpf.BpfUnavailableException;
import org.jretis.bpf.Signals;
import org.jretis.log.Log;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops the collection on SIGINT, SIGTERM and SIGQUIT. The launcher blocks these signals and
 * starts the JVM with -Xrs, so a dedicated thread takes them with sigwait: this works even when
 * the JVM started in the background with INT and QUIT ignored, and QUIT never becomes a JVM
 * thread dump. Run otherwise (a bare {@code java -jar}), INT and TERM are handled through the
 * JVM's own signal dispatch.
 */
final class SignalWatcher implements AutoCloseable {
    private static final String MESSAGE = "Received signal, terminating...";
    private static final int[] STOP = {Signals.SIGINT, Signals.SIGTERM, Signals.SIGQUIT};

    private final List<Runnable> restore = new ArrayList<>();
    private volatile boolean closed;
    private Thread waiter;

    static SignalWatcher install(Stopper stopper) {
        SignalWatcher watcher = new SignalWatcher();
        try {
            if (Signals.blocked(STOP)) {
                watcher.waitFor(stopper);
                return watcher;
            }
        } catch (BpfUnavailableException e) {
            Log.debug("cannot wait for signals synchronously: " + e.getMessage());
        }
        watcher.handle(stopper);
        return watcher;
    }

    private void waitFor(Stopper stopper) {
        waiter = Thread.ofPlatform().daemon().name("signals").start(() -> {
            try {
                while (!closed) {
                    if (Signals.await(200, STOP) != 0) {
                        stopper.stop(MESSAGE);
                    }
                }
            } catch (BpfUnavailableException e) {
                Log.warn("cannot wait for signals: " + e.getMessage());
            }
        });
    }

    private void handle(Stopper stopper) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> stopper.stop(MESSAGE));
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException e) {
                Log.debug("cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        restore.forEach(Runnable::run);
        if (waiter != null) {
            try {
                waiter.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
