package dev.sluice.connection.internal;

import com.zaxxer.hikari.HikariPoolMXBean;
import dev.sluice.connection.ConnectionConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The Micrometer meters of one pool, tagged {@code pool=<name>}: timers {@code sluice.pool.acquire},
 * {@code sluice.pool.usage} and {@code sluice.health.latency}, each publishing a percentile histogram (so that
 * Prometheus computes any quantile over any range with {@code histogram_quantile}); the counter
 * {@code sluice.pool.timeouts}; and the gauges {@code sluice.pool.connections.active}, {@code .idle},
 * {@code .pending}, {@code .open}, {@code .max} and {@code .min}. Kept apart from {@link PoolMetrics} so that
 * Micrometer classes load only when a registry was given.
 */
final class PoolMeters implements AutoCloseable {
    /**
     * The smallest bucket bound: a loopback round trip takes tens of microseconds, a borrow from an idle pool a few.
     * Every bucket is a time series in Prometheus, so the range is kept to what tells something.
     */
    private static final Duration SMALLEST = Duration.ofNanos(10_000);

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Timer acquire;
    private final Timer usage;
    private final Timer health;
    private final Counter timeouts;

    PoolMeters(ConnectionConfig config, Supplier<HikariPoolMXBean> pool) {
        this.registry = (MeterRegistry) config.meterRegistry();
        String name = config.name();
        Duration window = config.stats().window();
        Duration longestWait = config.pool().connectionTimeout().multipliedBy(config.pool().acquireRetries() + 1L);
        this.acquire = timer("sluice.pool.acquire", "Time borrowers waited for a connection", name, window, longestWait);
        this.usage = timer("sluice.pool.usage", "Time connections were held, from borrow to return", name, window,
                Duration.ofMinutes(1));
        this.health = timer("sluice.health.latency", "Round trip time of successful health checks", name, window,
                config.health().timeout());
        this.timeouts = add(Counter.builder("sluice.pool.timeouts").description("Borrowers that gave up waiting for a connection")
                .tag("pool", name).register(registry));
        gauge("sluice.pool.connections.active", "Connections lent out", name, pool, HikariPoolMXBean::getActiveConnections);
        gauge("sluice.pool.connections.idle", "Connections waiting in the pool", name, pool, HikariPoolMXBean::getIdleConnections);
        gauge("sluice.pool.connections.pending", "Threads waiting for a connection", name, pool,
                HikariPoolMXBean::getThreadsAwaitingConnection);
        gauge("sluice.pool.connections.open", "Open connections (active and idle)", name, pool, HikariPoolMXBean::getTotalConnections);
        int max = config.pool().max();
        int min = config.pool().min();
        gauge("sluice.pool.connections.max", "The pool's maximum size", name, pool, p -> max);
        gauge("sluice.pool.connections.min", "The pool's minimum idle size", name, pool, p -> min);
    }

    private Timer timer(String meter, String description, String pool, Duration window, Duration largest) {
        return add(Timer.builder(meter).description(description).tag("pool", pool)
                .publishPercentileHistogram()
                .minimumExpectedValue(SMALLEST)
                .maximumExpectedValue(largest.compareTo(SMALLEST) > 0 ? largest : SMALLEST.multipliedBy(2))
                .distributionStatisticExpiry(window)
                .register(registry));
    }

    private void gauge(String meter, String description, String pool, Supplier<HikariPoolMXBean> mx,
            ToIntFunction<HikariPoolMXBean> value) {
        add(Gauge.builder(meter, mx, s -> {
            HikariPoolMXBean p = s.get();
            return p == null ? 0 : value.applyAsInt(p);
        }).description(description).tag("pool", pool).strongReference(true).register(registry));
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    void acquire(long nanos) {
        acquire.record(nanos, TimeUnit.NANOSECONDS);
    }

    void usage(long nanos) {
        usage.record(nanos, TimeUnit.NANOSECONDS);
    }

    void timeout() {
        timeouts.increment();
    }

    void healthCheck(long nanos) {
        health.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
