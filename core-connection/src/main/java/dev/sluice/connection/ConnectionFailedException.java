package dev.sluice.connection;

/**
 * A database could not be connected to. The message says which database (URL redacted), the {@link #reason()} in
 * words and what to check; it never contains a password.
 */
public class ConnectionFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FailureReason reason;

    /**
     * @param reason why it failed
     * @param message the full message (redacted here once more)
     * @param cause the driver's exception
     */
    public ConnectionFailedException(FailureReason reason, String message, Throwable cause) {
        super(Redaction.redact(message), cause);
        this.reason = reason;
    }

    /** Why it failed. */
    public FailureReason reason() {
        return reason;
    }
}
