package org.jretis.collect;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jretis.log.Log;

/**
 * Decides when a collection ends: a signal, the end of {@code --cmd}, or {@code --stop-after}.
 * The first reason wins and is logged once.
 */
final class Stopper {
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean requested;

    /** Asks the collection to stop, logging why when it is the first request. */
    void stop(String why) {
        synchronized (this) {
            if (requested) {
                return;
            }
            requested = true;
        }
        Log.info(why);
        stopped.countDown();
    }

    boolean requested() {
        return requested;
    }

    /** Waits up to the timeout for a stop request. */
    boolean await(long millis) throws InterruptedException {
        return stopped.await(millis, TimeUnit.MILLISECONDS);
    }
}
