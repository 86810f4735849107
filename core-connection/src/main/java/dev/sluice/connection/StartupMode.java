package dev.sluice.connection;

/** What {@link ConnectionManager#connect()} does when the database cannot be reached at start. */
public enum StartupMode {
    /** Throw a {@link ConnectionFailedException} at once, naming the reason (the default). */
    FAIL_FAST,
    /** Return in state {@link ConnectionState#DEGRADED} and keep reconnecting in the background with backoff. */
    BACKGROUND
}
