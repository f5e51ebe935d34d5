package org.jretis.filter;

/** A filter expression that cannot be compiled; the message names the expression and why. */
public final class FilterException extends Exception {
    public FilterException(String message) {
        super(message);
    }
}
