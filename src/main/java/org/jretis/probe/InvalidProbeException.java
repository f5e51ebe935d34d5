package org.jretis.probe;

/** A probe string that cannot be used; the message says why, in one line. */
public class InvalidProbeException extends Exception {
    public InvalidProbeException(String message) {
        super(message);
    }
}
