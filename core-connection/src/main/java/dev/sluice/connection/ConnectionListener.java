package dev.sluice.connection;

import java.time.Duration;

/**
 * Receives lifecycle events of a {@link ConnectionManager}. Every method has an empty default, so a listener implements
 * only what it needs. Listeners are called on the manager's threads and should return quickly; one that throws is
 * logged and does not disturb the manager or other listeners.
 */
public interface ConnectionListener {
    /** Any state change; called before the specific event below. */
    default void onStateChange(ConnectionState from, ConnectionState to) {}

    /** The database answered and the pool is usable ({@code connect()}, or recovery from {@code DEGRADED}). */
    default void onConnected(ServerInfo server) {}

    /** The pool was closed by {@code disconnect()} or {@code shutdown()}. */
    default void onDisconnected() {}

    /** A health check or a borrower failed; the manager is {@code DEGRADED}. */
    default void onDegraded(Throwable cause) {}

    /** Reconnect attempt {@code attempt} (1-based) will be made after {@code delay}. */
    default void onReconnecting(int attempt, Duration delay) {}

    /** The database answered again after {@code attempts} attempts and {@code downtime} of trouble. */
    default void onReconnected(int attempts, Duration downtime) {}

    /** A health check, reconnect attempt or connection attempt failed. */
    default void onError(Throwable cause) {}

    /** Reconnecting gave up after {@code attempts} attempts; the manager is {@code FAILED}. */
    default void onFailed(int attempts, Throwable lastCause) {}

    /**
     * The health after each health check (periodic, on demand, a reconnect attempt, or {@code connect()}'s own round
     * trip), success or failure.
     */
    default void onHealthCheck(NodeHealth health) {}

    /** Pool statistics, published at the health check interval. */
    default void onPoolStats(PoolStats stats) {}

    /** A connection was held longer than the leak detection threshold. */
    default void onLeak(LeakReport report) {}
}
