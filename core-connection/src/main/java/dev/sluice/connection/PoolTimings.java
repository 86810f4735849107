package dev.sluice.connection;

import java.time.Duration;

/**
 * How borrowers fared with one pool over one period: either the recent window ({@link PoolStats#recent()}, by default
 * the last minute) or everything since the manager was created ({@link PoolStats#sinceStart()}).
 *
 * @param period the time covered: for the recent window, between five sixths of {@code stats.window} and all of it
 *     (the window moves in steps of a sixth); for the totals, the time since the manager was created
 * @param timeouts borrowers that gave up waiting for a connection (each attempt, with {@code pool.acquire-retries})
 * @param acquire how long borrowers waited for a connection, from asking to having it
 * @param usage how long connections were held, from the borrow to the return
 */
public record PoolTimings(Duration period, long timeouts, TimingStats acquire, TimingStats usage) {
    /** Nothing recorded yet. */
    public static final PoolTimings EMPTY = new PoolTimings(Duration.ZERO, 0, TimingStats.EMPTY, TimingStats.EMPTY);
}
