package dev.sluice.connection;

/**
 * A backup or restore did not complete: the dump or restore tool is not installed (the message names the Debian
 * package to install), it failed (the message carries the last lines it printed, secrets redacted), or the file is not
 * a complete backup. A failed backup leaves no file behind under the name asked for.
 */
public class BackupFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and, where known, what to do about it */
    public BackupFailedException(String message) {
        super(Redaction.redact(message));
    }

    /**
     * @param message what failed
     * @param cause the underlying error
     */
    public BackupFailedException(String message, Throwable cause) {
        super(Redaction.redact(message), cause);
    }
}
