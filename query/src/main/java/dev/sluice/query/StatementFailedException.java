package dev.sluice.query;

/**
 * The database refused a statement run by {@link SqlStatement}. The message is the database's own, on one line (for
 * a write refused in a read-only transaction, with a hint to allow writes); the cause is the driver's exception.
 */
public class StatementFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the database's message, on one line
     * @param cause the driver's exception
     */
    public StatementFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
