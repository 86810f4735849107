package dev.sluice.connection;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * No connection became free within the pool's connection timeout while the database itself was reachable: every
 * connection was lent out. The message names the pool and its active/idle/waiting counts. It is a
 * {@link SQLTransientConnectionException} (SQLState {@code HY000}), so code that retries transient failures may retry it.
 */
public class PoolExhaustedException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    private final String pool;
    private final transient PoolStats stats;
    private final Duration waited;

    /**
     * @param pool the pool name
     * @param waited how long the borrower waited
     * @param stats the pool's counts at the moment it gave up
     */
    public PoolExhaustedException(String pool, Duration waited, PoolStats stats) {
        super("Pool '" + pool + "' is exhausted: no connection became free within " + waited.toMillis() + " ms (active="
                + stats.active() + ", idle=" + stats.idle() + ", waiting=" + stats.waiting() + ", max=" + stats.max()
                + "). Return connections sooner (close them in finally/try-with-resources), raise pool.max, or raise "
                + "pool.connection-timeout.", "HY000");
        this.pool = pool;
        this.stats = stats;
        this.waited = waited;
    }

    /** The pool name. */
    public String pool() {
        return pool;
    }

    /** The pool's counts when the borrower gave up. */
    public PoolStats stats() {
        return stats;
    }

    /** How long the borrower waited. */
    public Duration waited() {
        return waited;
    }
}
