package dev.sluice.connection;

import java.time.Duration;

/**
 * A summary of recorded durations (connection acquire times, connection usage times).
 *
 * @param count how many were recorded
 * @param mean the mean
 * @param p50 the median (bucketed: accurate to within a factor of about 1.4)
 * @param p95 the 95th percentile (bucketed)
 * @param p99 the 99th percentile (bucketed)
 * @param max the largest recorded
 */
public record TimingStats(long count, Duration mean, Duration p50, Duration p95, Duration p99, Duration max) {
    /** No recordings. */
    public static final TimingStats EMPTY = new TimingStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
}
