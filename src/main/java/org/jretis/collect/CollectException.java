package org.jretis.collect;

/** A collection that cannot start or go on; the message says why in one line. */
public class CollectException extends Exception {
    public CollectException(String message) {
        super(message);
    }

    public CollectException(String message, Throwable cause) {
        super(message, cause);
    }
}
