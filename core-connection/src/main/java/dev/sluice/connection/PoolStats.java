package dev.sluice.connection;

import java.time.Instant;

/**
 * A snapshot of one pool.
 *
 * @param pool the pool name
 * @param active connections lent out
 * @param idle connections waiting in the pool
 * @param waiting threads waiting for a connection
 * @param total open connections (active + idle)
 * @param max the pool's maximum size
 * @param min the pool's minimum idle size
 * @param timeouts borrowers that gave up since the pool started
 * @param acquire how long borrowers waited for a connection
 * @param usage how long connections were held
 * @param at when the snapshot was taken
 */
public record PoolStats(
        String pool, int active, int idle, int waiting, int total, int max, int min, long timeouts,
        TimingStats acquire, TimingStats usage, Instant at) {

    /** One line for logs and the CLI: {@code active=2 idle=8 waiting=0 total=10 max=10}. */
    public String summary() {
        return "active=" + active + " idle=" + idle + " waiting=" + waiting + " total=" + total + " max=" + max;
    }
}
