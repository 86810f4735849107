package dev.sluice.connection.internal;

import dev.sluice.connection.ConnectionState;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's state. It changes only through {@link ConnectionState#canMoveTo}; every change is logged at INFO with
 * the database named by its redacted URL, and reported to the listeners.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.connection.lifecycle");

    private final String pool;
    private final String target;
    private final Listeners listeners;
    private final AtomicReference<ConnectionState> state = new AtomicReference<>(ConnectionState.DISCONNECTED);

    /**
     * @param pool the pool name
     * @param target the redacted URL
     * @param listeners who hears about changes
     */
    public Lifecycle(String pool, String target, Listeners listeners) {
        this.pool = pool;
        this.target = target;
        this.listeners = listeners;
    }

    /** The current state. */
    public ConnectionState get() {
        return state.get();
    }

    /**
     * Moves from {@code from} to {@code to} if the state is still {@code from}.
     *
     * @return false when the state was no longer {@code from} (another thread moved it first)
     * @throws IllegalStateException when the move itself is not allowed
     */
    public boolean move(ConnectionState from, ConnectionState to) {
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException("Pool '" + pool + "': illegal state change " + from + " -> " + to
                    + " (allowed from " + from + ": " + from.nextStates() + ")");
        }
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        LOG.info("{} ({}): {} -> {}", pool, target, from, to);
        listeners.fire("onStateChange", l -> l.onStateChange(from, to));
        return true;
    }

    /**
     * Moves to {@code to} from whichever of {@code from} the state is in.
     *
     * @return the state moved from, or {@code null} when the state was in none of them
     */
    public ConnectionState moveFromAny(Set<ConnectionState> from, ConnectionState to) {
        while (true) {
            ConnectionState current = state.get();
            if (!from.contains(current)) {
                return null;
            }
            if (move(current, to)) {
                return current;
            }
        }
    }
}
