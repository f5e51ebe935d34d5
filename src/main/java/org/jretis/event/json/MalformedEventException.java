package org.jretis.event.json;

/** A line that is not a readable event: not JSON, or a value of the wrong type or range. */
final class MalformedEventException extends Exception {
    MalformedEventException(String message) {
        super(message, null, false, false);
    }
}
