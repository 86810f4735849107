package dev.sluice.connection;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a {@link ConnectionManager}:
 *
 * <pre>
 * DISCONNECTED -> CONNECTING -> CONNECTED -> DEGRADED -> RECONNECTING -> CONNECTED
 *                                  ^------------'              '-> FAILED (gave up after max attempts)
 * any open state -> CLOSING -> DISCONNECTED (disconnect) or CLOSED (shutdown, final)
 * </pre>
 *
 * The allowed moves are fixed here; the manager changes state only through them (an attempt at any other move is a
 * bug and fails with an {@link IllegalStateException}).
 */
public enum ConnectionState {
    /** No pool; {@code connect()} starts one. */
    DISCONNECTED,
    /** {@code connect()} is checking the database with a real round trip. */
    CONNECTING,
    /** The pool works and the last health check succeeded. */
    CONNECTED,
    /** The pool exists but health checks or borrowers have seen failures, fewer than the threshold in a row. */
    DEGRADED,
    /** The database was found unhealthy; the manager probes it with backoff until it answers. */
    RECONNECTING,
    /** Reconnecting gave up after the configured number of attempts; {@code connect()} tries again. */
    FAILED,
    /** {@code disconnect()} or {@code shutdown()} is draining in-flight work; new work is rejected. */
    CLOSING,
    /** Shut down for good. */
    CLOSED;

    private Set<ConnectionState> next;

    static {
        DISCONNECTED.next = EnumSet.of(CONNECTING, CLOSING);
        CONNECTING.next = EnumSet.of(CONNECTED, DEGRADED, DISCONNECTED, CLOSING);
        CONNECTED.next = EnumSet.of(DEGRADED, CLOSING);
        DEGRADED.next = EnumSet.of(CONNECTED, RECONNECTING, CLOSING);
        RECONNECTING.next = EnumSet.of(CONNECTED, FAILED, CLOSING);
        FAILED.next = EnumSet.of(CONNECTING, CLOSING);
        CLOSING.next = EnumSet.of(DISCONNECTED, CLOSED);
        CLOSED.next = EnumSet.noneOf(ConnectionState.class);
    }

    /** Whether the manager may move from this state to {@code target}. */
    public boolean canMoveTo(ConnectionState target) {
        return next.contains(target);
    }

    /** The states reachable in one move. */
    public Set<ConnectionState> nextStates() {
        return EnumSet.copyOf(next);
    }

    /** Whether a pool exists and borrowers are served (possibly with failures while the database is down). */
    public boolean isOpen() {
        return this == CONNECTED || this == DEGRADED || this == RECONNECTING || this == FAILED;
    }
}
