package dev.sluice.connection.internal;

import dev.sluice.connection.ConnectionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one manager. A listener that throws is logged and skipped; the others still run. */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final String pool;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();

    /** @param pool the pool name, for log messages */
    public Listeners(String pool) {
        this.pool = pool;
    }

    /** Adds a listener. */
    public void add(ConnectionListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void remove(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /** Calls {@code event} on every listener, isolating failures. */
    public void fire(String event, Consumer<ConnectionListener> call) {
        for (ConnectionListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("{}: listener {} failed on {}; other listeners and the pool are not affected", pool,
                        l.getClass().getName(), event, e);
            }
        }
    }
}
