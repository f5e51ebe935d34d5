package org.jretis.collect;

import java.util.ArrayList;
import java.util.List;
import org.jretis.log.Log;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops the collection on SIGINT, SIGTERM and SIGQUIT. The launcher blocks these signals and
 * starts the JVM with -Xrs, so a dedicated thread takes them with sigwait (this works even when
 * the JVM started in the background with INT and QUIT ignored, and QUIT never becomes a JVM
 * thread dump). Run otherwise (a bare {@code java -jar}), INT and TERM are handled through the
 * JVM's own signal dispatch.
 */
final class SignalWatcher implements AutoCloseable {
    private static final String MESSAGE = "Received signal, terminating...";

    private final List<Runnable> restore = new ArrayList<>();

    static SignalWatcher install(Stopper stopper) {
        SignalWatcher watcher = new SignalWatcher();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> stopper.stop(MESSAGE));
                watcher.restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException e) {
                Log.debug("cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
        return watcher;
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
    }
}
