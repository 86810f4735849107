package dev.sluice.connection;

/** Why a connection attempt failed, as far as the vendor's error codes tell. */
public enum FailureReason {
    /** Nothing answered at the host and port (refused, no route, unknown host). */
    UNREACHABLE,
    /** Something accepted the connection but did not answer in time. */
    TIMEOUT,
    /** The server answered but has no database of that name (SQLite: the file cannot be opened). */
    UNKNOWN_DATABASE,
    /** The server rejected the user name or password. */
    AUTHENTICATION,
    /** Any other failure; the driver's message says more. */
    OTHER
}
