package dev.sluice.query.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Micrometer meters of a database's statements: the counter {@code sluice.query.statements} (tags {@code pool},
 * {@code kind}, {@code outcome}) and the timer {@code sluice.query.duration} (tags {@code pool}, {@code kind}).
 * Kept apart from {@link StatementLog} so that Micrometer classes load only when a registry was given; the meters
 * are made once per kind and outcome, not per statement.
 */
public final class StatementMeters {
    private final MeterRegistry registry;
    private final String pool;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    private StatementMeters(MeterRegistry registry, String pool) {
        this.registry = registry;
        this.pool = pool;
    }

    /** Meters in {@code registry}, a Micrometer {@code MeterRegistry} (call only with one: this loads Micrometer). */
    public static StatementMeters of(Object registry, String pool) {
        return new StatementMeters((MeterRegistry) registry, pool);
    }

    void record(String kind, boolean failed, long nanos) {
        String outcome = failed ? "error" : "ok";
        counters.computeIfAbsent(kind + '/' + outcome, k -> Counter.builder("sluice.query.statements")
                .description("Statements run, by kind and outcome").tag("pool", pool).tag("kind", kind).tag("outcome", outcome)
                .register(registry)).increment();
        timers.computeIfAbsent(kind, k -> Timer.builder("sluice.query.duration").description("Time statements took, by kind")
                .tag("pool", pool).tag("kind", kind).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }
}
