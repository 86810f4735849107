package dev.sluice.connection;

import java.time.Duration;

/**
 * Round trip times of one database's successful health checks (and of the probes of {@code connect()} and of
 * reconnecting), recently and since the manager was created. {@link NodeHealth#lastLatency()} is the last one.
 *
 * @param recentPeriod the time the recent window covers (see {@link PoolTimings#period()})
 * @param recent the recent window ({@code stats.window}, default 60s)
 * @param sinceStart since the manager was created
 */
public record HealthLatency(Duration recentPeriod, TimingStats recent, TimingStats sinceStart) {
    /** Nothing recorded yet. */
    public static final HealthLatency EMPTY = new HealthLatency(Duration.ZERO, TimingStats.EMPTY, TimingStats.EMPTY);
}
