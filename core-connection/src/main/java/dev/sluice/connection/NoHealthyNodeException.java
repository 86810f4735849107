package dev.sluice.connection;

/**
 * A {@link Cluster} has no healthy node for what was asked: no healthy primary for {@link Cluster#primary()}, no
 * healthy replica or primary for {@link Cluster#reader()}. The message lists the nodes considered and their health.
 */
public class NoHealthyNodeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what was asked and each node's health (redacted) */
    public NoHealthyNodeException(String message) {
        super(Redaction.redact(message));
    }
}
