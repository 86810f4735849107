package dev.sluice.testkit;

/**
 * No database server for tests could be found. Tests that need one fail with this, never skip: the message names the
 * three ways to provide one.
 */
public class NoTestDatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was tried and how to provide a server */
    public NoTestDatabaseException(String message) {
        super(message);
    }

    /** @param message what was tried and how to provide a server
     *  @param cause the last failure */
    public NoTestDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
