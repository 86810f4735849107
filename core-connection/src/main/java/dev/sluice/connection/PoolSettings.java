package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import dev.sluice.connection.Durations;
import java.time.Duration;

/**
 * Connection pool sizing and timeouts, applied to the HikariCP pool of one database. Immutable; every value is checked
 * when set on the {@link Builder}, and the combinations (min &lt;= max, validation timeout &lt; connection timeout)
 * when built.
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
 *     temporary objects dropped and Sluice's pragmas applied again). Costs about one round trip per return; see
 *     the benchmarks.
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
        Checks.range("pool.min", min, 0, MAX_POOL_SIZE);
        Checks.range("pool.max", max, 1, MAX_POOL_SIZE);
        if (min > max) {
            throw new ConfigException("pool.min", min, "must not be greater than pool.max (" + max + ")");
        }
        Checks.atLeast("pool.connection-timeout", connectionTimeout, Duration.ofMillis(250));
        Checks.zeroOrAtLeast("pool.idle-timeout", idleTimeout, Duration.ofSeconds(10));
        Checks.zeroOrAtLeast("pool.max-lifetime", maxLifetime, Duration.ofSeconds(30));
        if (!idleTimeout.isZero() && !maxLifetime.isZero() && idleTimeout.compareTo(maxLifetime.minusSeconds(1)) > 0) {
            throw new ConfigException("pool.idle-timeout", Durations.format(idleTimeout),
                    "must be at least 1s shorter than pool.max-lifetime (" + Durations.format(maxLifetime) + "), or 0");
        }
        Checks.atLeast("pool.validation-timeout", validationTimeout, Duration.ofMillis(250));
        if (validationTimeout.compareTo(connectionTimeout) > 0) {
            throw new ConfigException("pool.validation-timeout", Durations.format(validationTimeout),
                    "must not be longer than pool.connection-timeout (" + Durations.format(connectionTimeout) + ")");
        }
        Checks.zeroOrAtLeast("pool.leak-detection-threshold", leakDetectionThreshold, Duration.ofSeconds(2));
        Checks.range("pool.acquire-retries", acquireRetries, 0, 10);
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

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder(min, max);
        b.min = min;
        b.max = max;
        b.connectionTimeout = connectionTimeout;
        b.idleTimeout = idleTimeout;
        b.maxLifetime = maxLifetime;
        b.validationTimeout = validationTimeout;
        b.leakDetectionThreshold = leakDetectionThreshold;
        b.acquireRetries = acquireRetries;
        b.resetOnReturn = resetOnReturn;
        return b;
    }

    /** Builds {@link PoolSettings}; each setter rejects a bad value at once. */
    public static final class Builder {
        private final int defaultMin;
        private Integer min;
        private int max;
        private Duration connectionTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(10);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private Duration validationTimeout;
        private Duration leakDetectionThreshold = Duration.ZERO;
        private int acquireRetries;
        private boolean resetOnReturn = true;

        private Builder(int defaultMin, int defaultMax) {
            this.defaultMin = defaultMin;
            this.max = defaultMax;
        }

        /** Connections kept open when idle, 0 to {@value PoolSettings#MAX_POOL_SIZE}. */
        public Builder min(int min) {
            this.min = Checks.range("pool.min", min, 0, MAX_POOL_SIZE);
            return this;
        }

        /** The most connections the pool opens, 1 to {@value PoolSettings#MAX_POOL_SIZE}. */
        public Builder max(int max) {
            this.max = Checks.range("pool.max", max, 1, MAX_POOL_SIZE);
            return this;
        }

        /** How long a borrower waits for a connection; at least 250ms. */
        public Builder connectionTimeout(Duration d) {
            this.connectionTimeout = Checks.atLeast("pool.connection-timeout", d, Duration.ofMillis(250));
            return this;
        }

        /** Idle time after which surplus connections close; 0 or at least 10s. */
        public Builder idleTimeout(Duration d) {
            this.idleTimeout = Checks.zeroOrAtLeast("pool.idle-timeout", d, Duration.ofSeconds(10));
            return this;
        }

        /** Age at which connections are retired; 0 or at least 30s. */
        public Builder maxLifetime(Duration d) {
            this.maxLifetime = Checks.zeroOrAtLeast("pool.max-lifetime", d, Duration.ofSeconds(30));
            return this;
        }

        /** Time allowed for a liveness check; at least 250ms and not longer than the connection timeout. */
        public Builder validationTimeout(Duration d) {
            this.validationTimeout = Checks.atLeast("pool.validation-timeout", d, Duration.ofMillis(250));
            return this;
        }

        /** Time out of the pool after which a connection is reported as leaked; 0 (off) or at least 2s. */
        public Builder leakDetectionThreshold(Duration d) {
            this.leakDetectionThreshold = Checks.zeroOrAtLeast("pool.leak-detection-threshold", d, Duration.ofSeconds(2));
            return this;
        }

        /** Extra attempts after a pool timeout before the borrower gets {@link PoolExhaustedException}; 0 to 10. */
        public Builder acquireRetries(int n) {
            this.acquireRetries = Checks.range("pool.acquire-retries", n, 0, 10);
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

        /** Checks the combinations and builds. */
        public PoolSettings build() {
            int effectiveMin = min != null ? min : Math.min(defaultMin, max);
            Duration effectiveValidation = validationTimeout != null ? validationTimeout
                    : (connectionTimeout.compareTo(Duration.ofSeconds(5)) < 0 ? connectionTimeout : Duration.ofSeconds(5));
            return new PoolSettings(effectiveMin, max, connectionTimeout, idleTimeout, maxLifetime, effectiveValidation,
                    leakDetectionThreshold, acquireRetries, resetOnReturn);
        }
    }
}
