package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import java.time.Duration;

/**
 * Exponential backoff with jitter between reconnect attempts (see {@link Backoff}): the nominal delay before attempt
 * {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))}; the actual delay is that, reduced by a
 * random fraction of up to {@code jitter}, so it never exceeds {@code maxDelay} and many clients do not retry in step.
 * Immutable; each value is checked once, by the rule stated here for it, whether it is set on the {@link Builder} or
 * passed to the constructor.
 *
 * @param initialDelay the nominal delay before the first attempt ({@code reconnect.initial-delay}; default 1s, at least 10ms)
 * @param multiplier growth per attempt ({@code reconnect.multiplier}; default 2.0, from 1.0 to 10.0)
 * @param maxDelay the cap on any delay ({@code reconnect.max-delay}; default 30s, at least initialDelay)
 * @param maxAttempts attempts before the manager gives up and turns {@link ConnectionState#FAILED}
 *     ({@code reconnect.max-attempts}; default 0 = unlimited)
 * @param jitter the largest fraction taken off a nominal delay at random ({@code reconnect.jitter}; default 0.2, from 0.0 to 1.0)
 */
public record ReconnectSettings(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts, double jitter)
        implements Backoff {
    private static final ReconnectSettings DEFAULTS = new ReconnectSettings(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0, 0.2);

    /** Checks every value and that the cap is not below the first delay. */
    public ReconnectSettings {
        checkInitialDelay(initialDelay);
        checkMultiplier(multiplier);
        checkMaxDelay(maxDelay);
        checkMaxAttempts(maxAttempts);
        checkJitter(jitter);
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new ConfigException("reconnect.max-delay", Durations.format(maxDelay),
                    "must not be shorter than reconnect.initial-delay (" + Durations.format(initialDelay) + ")");
        }
    }

    /** 1s, doubling, capped at 30s, 20% jitter, unlimited attempts. */
    public static ReconnectSettings defaults() {
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

    /** Whether attempts are unlimited. */
    public boolean unlimited() {
        return maxAttempts == 0;
    }

    private static Duration checkInitialDelay(Duration d) {
        return Checks.atLeast("reconnect.initial-delay", d, Duration.ofMillis(10));
    }

    private static double checkMultiplier(double m) {
        if (!(m >= 1.0 && m <= 10.0)) {
            throw new ConfigException("reconnect.multiplier", m, "must be a number from 1.0 to 10.0");
        }
        return m;
    }

    private static Duration checkMaxDelay(Duration d) {
        return Checks.atLeast("reconnect.max-delay", d, Duration.ofMillis(10));
    }

    private static int checkMaxAttempts(int n) {
        return Checks.range("reconnect.max-attempts", n, 0, Integer.MAX_VALUE);
    }

    private static double checkJitter(double j) {
        if (!(j >= 0.0 && j <= 1.0)) {
            throw new ConfigException("reconnect.jitter", j, "must be a fraction from 0.0 to 1.0");
        }
        return j;
    }

    /** Builds {@link ReconnectSettings}; each setter rejects a bad value at once, {@link #build()} the combination. */
    public static final class Builder {
        private Duration initialDelay;
        private double multiplier;
        private Duration maxDelay;
        private int maxAttempts;
        private double jitter;

        private Builder(ReconnectSettings from) {
            this.initialDelay = from.initialDelay;
            this.multiplier = from.multiplier;
            this.maxDelay = from.maxDelay;
            this.maxAttempts = from.maxAttempts;
            this.jitter = from.jitter;
        }

        /** The nominal delay before the first attempt; at least 10ms. */
        public Builder initialDelay(Duration d) {
            this.initialDelay = checkInitialDelay(d);
            return this;
        }

        /** Growth per attempt; 1.0 to 10.0. */
        public Builder multiplier(double m) {
            this.multiplier = checkMultiplier(m);
            return this;
        }

        /** The cap on any delay; at least 10ms, and not below the initial delay (checked when built). */
        public Builder maxDelay(Duration d) {
            this.maxDelay = checkMaxDelay(d);
            return this;
        }

        /** Attempts before giving up; 0 for unlimited. */
        public Builder maxAttempts(int n) {
            this.maxAttempts = checkMaxAttempts(n);
            return this;
        }

        /** The largest fraction taken off a delay at random; 0.0 to 1.0. */
        public Builder jitter(double j) {
            this.jitter = checkJitter(j);
            return this;
        }

        /** Checks that the cap is not below the first delay and builds. */
        public ReconnectSettings build() {
            return new ReconnectSettings(initialDelay, multiplier, maxDelay, maxAttempts, jitter);
        }
    }
}
