package dev.sluice.connection.internal;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * HikariCP's metrics hook: records acquire and usage times into our histograms, and, when the user gave a Micrometer
 * registry, also feeds HikariCP's own Micrometer tracker (HikariCP accepts only one tracker factory, so we compose).
 */
public final class PoolMetrics implements MetricsTrackerFactory {
    private final Histogram acquire = new Histogram();
    private final Histogram usage = new Histogram();
    private final LongAdder timeouts = new LongAdder();
    private final MetricsTrackerFactory micrometer;

    /** @param meterRegistry a Micrometer MeterRegistry, or {@code null} */
    public PoolMetrics(Object meterRegistry) {
        this.micrometer = meterRegistry == null ? null : MicrometerBridge.factory(meterRegistry);
    }

    /** Acquire times. */
    public Histogram acquire() {
        return acquire;
    }

    /** Usage (hold) times. */
    public Histogram usage() {
        return usage;
    }

    /** Borrowers that timed out. */
    public long timeouts() {
        return timeouts.sum();
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        IMetricsTracker next = micrometer == null ? null : micrometer.create(poolName, poolStats);
        return new IMetricsTracker() {
            @Override
            public void recordConnectionCreatedMillis(long millis) {
                if (next != null) {
                    next.recordConnectionCreatedMillis(millis);
                }
            }

            @Override
            public void recordConnectionAcquiredNanos(long nanos) {
                acquire.record(nanos);
                if (next != null) {
                    next.recordConnectionAcquiredNanos(nanos);
                }
            }

            @Override
            public void recordConnectionUsageMillis(long millis) {
                usage.record(TimeUnit.MILLISECONDS.toNanos(millis));
                if (next != null) {
                    next.recordConnectionUsageMillis(millis);
                }
            }

            @Override
            public void recordConnectionTimeout() {
                timeouts.increment();
                if (next != null) {
                    next.recordConnectionTimeout();
                }
            }

            @Override
            public void close() {
                if (next != null) {
                    next.close();
                }
            }
        };
    }

    /** Kept apart so Micrometer classes load only when a registry was given. */
    private static final class MicrometerBridge {
        static MetricsTrackerFactory factory(Object registry) {
            return new com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory(
                    (io.micrometer.core.instrument.MeterRegistry) registry);
        }
    }
}
