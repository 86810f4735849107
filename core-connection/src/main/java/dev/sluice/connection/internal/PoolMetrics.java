package dev.sluice.connection.internal;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.HealthLatency;
import dev.sluice.connection.PoolTimings;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The timing statistics of one manager, kept for its whole life (across reconnects): acquire and usage time of every
 * borrow, measured in nanoseconds by {@link InFlight} and buffered in its leases until a read or a rotation moves them
 * here; pool timeouts; and the round trips of health checks. Each is
 * kept for the recent window ({@code stats.window}) and since the start ({@link WindowedTimings}). When the user gave
 * a Micrometer registry, the same durations also go to Micrometer timers with percentile histograms, next to gauges
 * of the pool's connections ({@link PoolMeters}).
 *
 * <p>HikariCP's own metrics hook is not used: it reports usage in whole milliseconds and costs two more clock reads
 * per borrow inside the pool.
 */
public final class PoolMetrics implements AutoCloseable {
    private static final int ACQUIRE = 0;
    private static final int USAGE = 1;
    private static final int TIMEOUTS = 0;

    private final WindowedTimings borrows;
    private final WindowedTimings health;
    private final PoolMeters meters;

    /**
     * @param config the window, pool size and Micrometer registry
     * @param pool the current HikariCP pool's counts for the gauges, or {@code null} while there is no pool
     */
    public PoolMetrics(ConnectionConfig config, Supplier<HikariPoolMXBean> pool) {
        Duration window = config.stats().window();
        this.borrows = new WindowedTimings(2, 1, window, WindowedTimings.stripesFor(config.pool().max()), System::nanoTime);
        this.health = new WindowedTimings(1, 0, window, 1, System::nanoTime);
        this.meters = config.meterRegistry() == null ? null : new PoolMeters(config, pool);
    }

    /**
     * Where borrows buffer their times ({@link Lease}): drained into the histograms before each read and rotation.
     */
    void bufferedIn(InFlight inFlight) {
        borrows.beforeDrain(inFlight::drainTimings);
    }

    /**
     * Records buffered acquire and usage times: the values of {@code acquires} from index {@code acquiresFrom} up to
     * (not including) {@code acquiresTo}, taken modulo the array's length (a power of two), and so for usages.
     */
    void recordBuffered(int hint, long[] acquires, int acquiresFrom, int acquiresTo, long[] usages, int usagesFrom, int usagesTo) {
        borrows.record(ACQUIRE, hint, acquires, acquiresFrom, acquiresTo);
        borrows.record(USAGE, hint, usages, usagesFrom, usagesTo);
    }

    /** Whether durations also go to Micrometer (then at once, as the borrows happen). */
    boolean metered() {
        return meters != null;
    }

    /** Records an acquire time in Micrometer; only when {@link #metered()}. */
    void meterAcquire(long nanos) {
        meters.acquire(nanos);
    }

    /** Records a usage time in Micrometer; only when {@link #metered()}. */
    void meterUsage(long nanos) {
        meters.usage(nanos);
    }

    /** Counts a borrower that gave up waiting. */
    public void recordTimeout() {
        borrows.count(TIMEOUTS);
        if (meters != null) {
            meters.timeout();
        }
    }

    /** Records the round trip of a successful health check. */
    public void recordHealthCheck(Duration latency) {
        long nanos = latency.toNanos();
        health.record(0, 0, nanos);
        if (meters != null) {
            meters.healthCheck(nanos);
        }
    }

    /** How often {@link #rotate()} should run. */
    public Duration rotationPeriod() {
        return borrows.rotationPeriod();
    }

    /** Moves the windows on and empties the recording stripes; the manager calls it every {@link #rotationPeriod()}. */
    public void rotate() {
        borrows.rotate();
        health.rotate();
    }

    /** Acquire and usage times and timeouts: {@code [0]} the recent window, {@code [1]} since the start. */
    public PoolTimings[] poolTimings() {
        WindowedTimings.Snapshot s = borrows.snapshot();
        return new PoolTimings[] {
            new PoolTimings(s.recentSpan(), s.recentCounts()[TIMEOUTS], s.recent()[ACQUIRE], s.recent()[USAGE]),
            new PoolTimings(s.age(), s.countsSinceStart()[TIMEOUTS], s.sinceStart()[ACQUIRE], s.sinceStart()[USAGE])
        };
    }

    /** Health-check round trips. */
    public HealthLatency healthLatency() {
        WindowedTimings.Snapshot s = health.snapshot();
        return new HealthLatency(s.recentSpan(), s.recent()[0], s.sinceStart()[0]);
    }

    /** Removes the Micrometer meters, if any. */
    @Override
    public void close() {
        if (meters != null) {
            meters.close();
        }
    }
}
