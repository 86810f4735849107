package dev.sluice.studio.internal;

/** A request the studio refuses: its HTTP status and a message for the page (never with a secret in it). */
public final class StudioException extends RuntimeException {
    private final int status;

    /** A refusal with {@code status} (400 bad input, 403 not allowed, 404 unknown table...) and its message. */
    public StudioException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
