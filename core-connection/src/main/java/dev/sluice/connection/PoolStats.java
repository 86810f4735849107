package dev.sluice.connection;

import java.time.Instant;

/**
 * A snapshot of one pool: its connections now, and how borrowers fared recently and since the start.
 *
 * <pre>{@code
 * PoolStats s = db.poolStats();
 * Duration p99 = s.recent().usage().p99();      // held connections, last minute (stats.window)
 * long borrows = s.sinceStart().acquire().count(); // every borrow since the manager was created
 * }</pre>
 *
 * @param pool the pool name
 * @param active connections lent out
 * @param idle connections waiting in the pool
 * @param waiting threads waiting for a connection
 * @param total open connections (active + idle)
 * @param max the pool's maximum size
 * @param min the pool's minimum idle size
 * @param recent acquire and usage times and timeouts in the recent window ({@code stats.window}, default 60s): what
 *     dashboards and alerts should look at
 * @param sinceStart the same since the manager was created
 * @param at when the snapshot was taken
 */
public record PoolStats(
        String pool, int active, int idle, int waiting, int total, int max, int min, PoolTimings recent, PoolTimings sinceStart,
        Instant at) {

    /** One line for logs and the CLI: {@code active=2 idle=8 waiting=0 total=10 max=10}. */
    public String summary() {
        return "active=" + active + " idle=" + idle + " waiting=" + waiting + " total=" + total + " max=" + max;
    }
}
