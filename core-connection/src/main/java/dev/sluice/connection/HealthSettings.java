package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import dev.sluice.connection.Durations;
import java.time.Duration;

/**
 * How the health checker probes a database: a real round trip every {@code interval}, each allowed {@code timeout};
 * after {@code unhealthyThreshold} failures in a row the database is {@link HealthStatus#UNHEALTHY} and the manager
 * starts reconnecting. Pool statistics events are published at the same interval.
 *
 * @param interval time between checks (default 5s; 0 turns periodic checks off; else at least 100ms)
 * @param timeout time a check may take (default 2s, at least 100ms, not more than the interval when checks are on)
 * @param unhealthyThreshold consecutive failures that make the database unhealthy (default 3, 1 to 100)
 */
public record HealthSettings(Duration interval, Duration timeout, int unhealthyThreshold) {

    /** Checks each value and that the timeout fits in the interval. */
    public HealthSettings {
        Checks.zeroOrAtLeast("health.interval", interval, Duration.ofMillis(100));
        Checks.atLeast("health.timeout", timeout, Duration.ofMillis(100));
        Checks.range("health.unhealthy-threshold", unhealthyThreshold, 1, 100);
        if (!interval.isZero() && timeout.compareTo(interval) > 0) {
            throw new ConfigException("health.timeout", Durations.format(timeout),
                    "must not be longer than health.interval (" + Durations.format(interval) + ")");
        }
    }

    /** Checks every 5s with a 2s timeout; unhealthy after 3 failures. */
    public static HealthSettings defaults() {
        return new HealthSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 3);
    }

    /** A copy with another interval. */
    public HealthSettings withInterval(Duration d) {
        return new HealthSettings(d, timeout, unhealthyThreshold);
    }

    /** A copy with another timeout. */
    public HealthSettings withTimeout(Duration d) {
        return new HealthSettings(interval, d, unhealthyThreshold);
    }

    /** A copy with another threshold. */
    public HealthSettings withUnhealthyThreshold(int n) {
        return new HealthSettings(interval, timeout, n);
    }
}
