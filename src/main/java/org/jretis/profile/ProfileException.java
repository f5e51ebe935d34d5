package org.jretis.profile;

/** A profile that cannot be found, read or applied. */
public class ProfileException extends RuntimeException {
    public ProfileException(String message) {
        super(message);
    }
}
