package org.jretis.event.json;

/**
 * The byte scanner giving up on a line, which {@link EventDecoder} then reads: thrown often on odd
 * lines, so one shared instance without a stack trace.
 */
final class Unscannable extends Exception {
    static final Unscannable LINE = new Unscannable();

    private Unscannable() {
        super(null, null, false, false);
    }

    /** The value of a field read into {@code -1} when absent; gives up if it is. */
    static long present(long value) throws Unscannable {
        if (value == -1) {
            throw LINE;
        }
        return value;
    }
}
