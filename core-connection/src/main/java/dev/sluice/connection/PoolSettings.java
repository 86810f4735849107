package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import java.time.Duration;

/**
 * Connection pool sizing and timeouts, applied to the HikariCP pool of one database. Immutable; each value is checked
 * once, by the rule stated here for it, whether it is set on the {@link Builder} or passed to the constructor; the
 * combinations (min &lt;= max, validation timeout &lt; connection timeout...) when built.
 *
 * @param min connections kept open even when idle (default 2; SQLite 1)
 * @param max the most connections the pool opens (default 10; SQLite 1, the single writer)
 * @param connectionTimeout how long a borrower waits for a connection before a {@link PoolExhaustedException} (default 30s, at least 250ms)
 * @param idleTimeout how long a connection above {@code min} may sit idle before it is closed (default 10m; 0 = never; else at least 10s)
 * @param maxLifetime the age after which a connection is retired (default 30m; 0 = never; else at least 30s)
 * @param validationTimeout how long a liveness check of a pooled connection may take (default 5s or the connection
 *     timeout if shorter; at least 250ms, not longer than connectionTimeout)
 * @param leakDetectionThreshold how long a connection may be out of the pool before it is reported as a leak, with the stack that borrowed it (0 = off; else at least 2s)
 * @param acquireRetries extra attempts a borrower makes after the pool timed out (default 0: fail at once)
 * @param resetOnReturn whether a connection that ran statements has its session state reset when it is returned, so
 *     that settings, roles, temporary tables and prepared statements one borrower left behind never reach the next
 *     (default true; PostgreSQL: the equivalent of {@code DISCARD ALL}, MySQL: {@code COM_RESET_CONNECTION}, SQLite:
 *     temporary objects dropped and Sluice's pragmas applied again). Skipped when every statement of the borrow was a
 *     plain {@code SELECT} (see docs/reliability.md for what counts); otherwise about one round trip per return.
 */
public record PoolSettings(
        int min,
        int max,
        Duration connectionTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        Duration validationTimeout,
        Duration leakDetectionThreshold,
        int acquireRetries,
        boolean resetOnReturn) {

    /** The largest pool size accepted. */
    public static final int MAX_POOL_SIZE = 1000;

    /** Checks every value and their combinations. */
    public PoolSettings {
        checkMin(min);
        checkMax(max);
        if (min > max) {
            throw new ConfigException("pool.min", min, "must not be greater than pool.max (" + max + ")");
        }
        checkConnectionTimeout(connectionTimeout);
        checkIdleTimeout(idleTimeout);
        checkMaxLifetime(maxLifetime);
        if (!idleTimeout.isZero() && !maxLifetime.isZero() && idleTimeout.compareTo(maxLifetime.minusSeconds(1)) > 0) {
            throw new ConfigException("pool.idle-timeout", Durations.format(idleTimeout),
                    "must be at least 1s shorter than pool.max-lifetime (" + Durations.format(maxLifetime) + "), or 0");
        }
        checkValidationTimeout(validationTimeout);
        if (validationTimeout.compareTo(connectionTimeout) > 0) {
            throw new ConfigException("pool.validation-timeout", Durations.format(validationTimeout),
                    "must not be longer than pool.connection-timeout (" + Durations.format(connectionTimeout) + ")");
        }
        checkLeakDetectionThreshold(leakDetectionThreshold);
        checkAcquireRetries(acquireRetries);
    }

    /** Default settings for network databases: min 2, max 10. */
    public static PoolSettings defaults() {
        return builder().build();
    }

    /** A builder with the defaults for network databases (min 2, max 10). */
    public static Builder builder() {
        return new Builder(2, 10);
    }

    /**
     * A builder with other default sizes, used by vendors whose defaults differ (SQLite: 1 and 1). When only
     * {@code max} is set, {@code min} defaults to the smaller of its default and {@code max}.
     */
    public static Builder builder(int defaultMin, int defaultMax) {
        return new Builder(defaultMin, defaultMax);
    }

    /** A builder on which every value of these settings is set. */
    public Builder toBuilder() {
        return new Builder(min, max).min(min).max(max).connectionTimeout(connectionTimeout).idleTimeout(idleTimeout)
                .maxLifetime(maxLifetime).validationTimeout(validationTimeout).leakDetectionThreshold(leakDetectionThreshold)
                .acquireRetries(acquireRetries).resetOnReturn(resetOnReturn);
    }

    private static int checkMin(int n) {
        return Checks.range("pool.min", n, 0, MAX_POOL_SIZE);
    }

    private static int checkMax(int n) {
        return Checks.range("pool.max", n, 1, MAX_POOL_SIZE);
    }

    private static Duration checkConnectionTimeout(Duration d) {
        return Checks.atLeast("pool.connection-timeout", d, Duration.ofMillis(250));
    }

    private static Duration checkIdleTimeout(Duration d) {
        return Checks.zeroOrAtLeast("pool.idle-timeout", d, Duration.ofSeconds(10));
    }

    private static Duration checkMaxLifetime(Duration d) {
        return Checks.zeroOrAtLeast("pool.max-lifetime", d, Duration.ofSeconds(30));
    }

    private static Duration checkValidationTimeout(Duration d) {
        return Checks.atLeast("pool.validation-timeout", d, Duration.ofMillis(250));
    }

    private static Duration checkLeakDetectionThreshold(Duration d) {
        return Checks.zeroOrAtLeast("pool.leak-detection-threshold", d, Duration.ofSeconds(2));
    }

    private static int checkAcquireRetries(int n) {
        return Checks.range("pool.acquire-retries", n, 0, 10);
    }

    /**
     * Builds {@link PoolSettings}; each setter rejects a bad value at once. A value not set takes its default when
     * built, so one builder can also carry just the values a user gave, to be laid over a vendor's defaults.
     */
    public static final class Builder {
        private final int defaultMin;
        private final int defaultMax;
        private Integer min;
        private Integer max;
        private Duration connectionTimeout;
        private Duration idleTimeout;
        private Duration maxLifetime;
        private Duration validationTimeout;
        private Duration leakDetectionThreshold;
        private Integer acquireRetries;
        private Boolean resetOnReturn;

        private Builder(int defaultMin, int defaultMax) {
            this.defaultMin = defaultMin;
            this.defaultMax = defaultMax;
        }

        /** Connections kept open when idle, 0 to {@value PoolSettings#MAX_POOL_SIZE}. */
        public Builder min(int min) {
            this.min = checkMin(min);
            return this;
        }

        /** The most connections the pool opens, 1 to {@value PoolSettings#MAX_POOL_SIZE}. */
        public Builder max(int max) {
            this.max = checkMax(max);
            return this;
        }

        /** How long a borrower waits for a connection; at least 250ms (default 30s). */
        public Builder connectionTimeout(Duration d) {
            this.connectionTimeout = checkConnectionTimeout(d);
            return this;
        }

        /** Idle time after which surplus connections close; 0 or at least 10s (default 10m). */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = checkIdleTimeout(d);
            return this;
        }

        /** Age at which connections are retired; 0 or at least 30s (default 30m). */
        public Builder maxLifetime(Duration d) {
            this.maxLifetime = checkMaxLifetime(d);
            return this;
        }

        /** Time allowed for a liveness check; at least 250ms and not longer than the connection timeout. */
        public Builder validationTimeout(Duration d) {
            this.validationTimeout = checkValidationTimeout(d);
            return this;
        }

        /** Time out of the pool after which a connection is reported as leaked; 0 (off, the default) or at least 2s. */
        public Builder leakDetectionThreshold(Duration d) {
            this.leakDetectionThreshold = checkLeakDetectionThreshold(d);
            return this;
        }

        /** Extra attempts after a pool timeout before the borrower gets {@link PoolExhaustedException}; 0 to 10. */
        public Builder acquireRetries(int n) {
            this.acquireRetries = checkAcquireRetries(n);
            return this;
        }

        /**
         * Whether a returned connection that ran statements has its session state reset (default true). Turn it off
         * only when no code ever changes session state (settings, roles, temporary tables, prepared statements) on a
         * borrowed connection, to save the round trip.
         */
        public Builder resetOnReturn(boolean reset) {
            this.resetOnReturn = reset;
            return this;
        }

        /** Sets here every value that was set on {@code overrides} (a user's values over a vendor's defaults). */
        Builder apply(Builder overrides) {
            min = overrides.min != null ? overrides.min : min;
            max = overrides.max != null ? overrides.max : max;
            connectionTimeout = overrides.connectionTimeout != null ? overrides.connectionTimeout : connectionTimeout;
            idleTimeout = overrides.idleTimeout != null ? overrides.idleTimeout : idleTimeout;
            maxLifetime = overrides.maxLifetime != null ? overrides.maxLifetime : maxLifetime;
            validationTimeout = overrides.validationTimeout != null ? overrides.validationTimeout : validationTimeout;
            leakDetectionThreshold = overrides.leakDetectionThreshold != null ? overrides.leakDetectionThreshold : leakDetectionThreshold;
            acquireRetries = overrides.acquireRetries != null ? overrides.acquireRetries : acquireRetries;
            resetOnReturn = overrides.resetOnReturn != null ? overrides.resetOnReturn : resetOnReturn;
            return this;
        }

        /** Fills in the defaults of what was not set, checks the combinations and builds. */
        public PoolSettings build() {
            int mx = max != null ? max : defaultMax;
            Duration timeout = connectionTimeout != null ? connectionTimeout : Duration.ofSeconds(30);
            Duration validation = validationTimeout != null ? validationTimeout
                    : (timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5));
            return new PoolSettings(min != null ? min : Math.min(defaultMin, mx), mx, timeout,
                    idleTimeout != null ? idleTimeout : Duration.ofMinutes(10),
                    maxLifetime != null ? maxLifetime : Duration.ofMinutes(30), validation,
                    leakDetectionThreshold != null ? leakDetectionThreshold : Duration.ZERO,
                    acquireRetries != null ? acquireRetries : 0, resetOnReturn == null || resetOnReturn);
        }
    }
}
