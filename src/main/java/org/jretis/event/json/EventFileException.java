package org.jretis.event.json;

import java.io.IOException;

/**
 * An events file that cannot be read: missing, empty, not an events file, without a startup
 * event, of an unknown version, or an I/O failure. The message is one line naming the file, fit
 * to show the user as is.
 */
public final class EventFileException extends IOException {
    public EventFileException(String message) {
        super(message);
    }
}
