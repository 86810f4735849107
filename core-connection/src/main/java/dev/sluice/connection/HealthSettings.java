package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import java.time.Duration;

/**
 * How the health checker probes a database: a real round trip every {@code interval}, each allowed {@code timeout};
 * after {@code unhealthyThreshold} failures in a row the database is {@link HealthStatus#UNHEALTHY} and the manager
 * starts reconnecting. Pool statistics events are published at the same interval. Immutable; each value is checked
 * once, by the rule stated here for it, whether it is set on the {@link Builder} or passed to the constructor.
 *
 * @param interval time between checks ({@code health.interval}; default 5s; 0 turns periodic checks off; else at least 100ms)
 * @param timeout time a check may take ({@code health.timeout}; default 2s, at least 100ms, not more than the interval
 *     when checks are on)
 * @param unhealthyThreshold consecutive failures that make the database unhealthy ({@code health.unhealthy-threshold};
 *     default 3, 1 to 100)
 */
public record HealthSettings(Duration interval, Duration timeout, int unhealthyThreshold) {
    private static final HealthSettings DEFAULTS = new HealthSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), 3);

    /** Checks each value and that the timeout fits in the interval. */
    public HealthSettings {
        checkInterval(interval);
        checkTimeout(timeout);
        checkThreshold(unhealthyThreshold);
        if (!interval.isZero() && timeout.compareTo(interval) > 0) {
            throw new ConfigException("health.timeout", Durations.format(timeout),
                    "must not be longer than health.interval (" + Durations.format(interval) + ")");
        }
    }

    /** Checks every 5s with a 2s timeout; unhealthy after 3 failures. */
    public static HealthSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static Duration checkInterval(Duration d) {
        return Checks.zeroOrAtLeast("health.interval", d, Duration.ofMillis(100));
    }

    private static Duration checkTimeout(Duration d) {
        return Checks.atLeast("health.timeout", d, Duration.ofMillis(100));
    }

    private static int checkThreshold(int n) {
        return Checks.range("health.unhealthy-threshold", n, 1, 100);
    }

    /** Builds {@link HealthSettings}; each setter rejects a bad value at once, {@link #build()} the combination. */
    public static final class Builder {
        private Duration interval;
        private Duration timeout;
        private int unhealthyThreshold;

        private Builder(HealthSettings from) {
            this.interval = from.interval;
            this.timeout = from.timeout;
            this.unhealthyThreshold = from.unhealthyThreshold;
        }

        /** Time between checks; 0 (no periodic checks) or at least 100ms. */
        public Builder interval(Duration d) {
            this.interval = checkInterval(d);
            return this;
        }

        /** Time a check may take; at least 100ms. */
        public Builder timeout(Duration d) {
            this.timeout = checkTimeout(d);
            return this;
        }

        /** Consecutive failures that make the database unhealthy; 1 to 100. */
        public Builder unhealthyThreshold(int n) {
            this.unhealthyThreshold = checkThreshold(n);
            return this;
        }

        /** Checks that the timeout fits in the interval and builds. */
        public HealthSettings build() {
            return new HealthSettings(interval, timeout, unhealthyThreshold);
        }
    }
}
