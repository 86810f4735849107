package dev.sluice.migrations;

/**
 * A migration, validation, rollback or seed failed. The message names the script and says what state the database is
 * left in and what to do next.
 */
public class MigrationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to do
     *  @param cause the underlying failure, or {@code null} */
    public MigrationFailedException(String message, Throwable cause) {
        super(dev.sluice.connection.Redaction.redact(message), cause);
    }
}
