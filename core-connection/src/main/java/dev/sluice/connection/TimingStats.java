package dev.sluice.connection;

import java.time.Duration;

/**
 * A summary of recorded durations (connection acquire and usage times, health-check round trips), measured in
 * nanoseconds. The percentiles and the maximum come from a histogram with two significant digits: each is within 1%
 * of the recorded value it stands for (the nearest-rank percentile of the samples), and never below it.
 *
 * @param count how many were recorded; for borrows, every borrow, also those left untimed with {@code stats.sample}
 *     above 1 (then mean, percentiles and maximum come from the timed borrows only)
 * @param mean the mean (within 1%)
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the largest recorded
 */
public record TimingStats(long count, Duration mean, Duration p50, Duration p95, Duration p99, Duration max) {
    /** No recordings. */
    public static final TimingStats EMPTY = new TimingStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
}
