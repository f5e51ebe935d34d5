package org.jretis.cli;

/**
 * A failure the user can act on: bad input, missing privilege, missing kernel feature. Its message
 * is printed as one line and the process exits with {@link #exitCode()}, without a stack trace
 * unless debug logging is on.
 */
public class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(String message) {
        this(message, null);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }
}
