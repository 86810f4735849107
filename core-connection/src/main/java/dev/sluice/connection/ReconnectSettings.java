package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import dev.sluice.connection.Durations;
import java.time.Duration;

/**
 * Exponential backoff with jitter between reconnect attempts (see {@link Backoff}): the nominal delay before attempt
 * {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))}; the actual delay is that, reduced by a
 * random fraction of up to {@code jitter}, so it never exceeds {@code maxDelay} and many clients do not retry in step.
 *
 * @param initialDelay the nominal delay before the first attempt (default 1s, at least 10ms)
 * @param multiplier growth per attempt (default 2.0, from 1.0 to 10.0)
 * @param maxDelay the cap on any delay (default 30s, at least initialDelay)
 * @param maxAttempts attempts before the manager gives up and turns {@link ConnectionState#FAILED} (default 0 = unlimited)
 * @param jitter the largest fraction taken off a nominal delay at random (default 0.2, from 0.0 to 1.0)
 */
public record ReconnectSettings(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts, double jitter)
        implements Backoff {

    /** Checks every value. */
    public ReconnectSettings {
        Checks.atLeast("reconnect.initial-delay", initialDelay, Duration.ofMillis(10));
        if (!(multiplier >= 1.0 && multiplier <= 10.0)) {
            throw new ConfigException("reconnect.multiplier", multiplier, "must be a number from 1.0 to 10.0");
        }
        Checks.atLeast("reconnect.max-delay", maxDelay, Duration.ofMillis(10));
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new ConfigException("reconnect.max-delay", Durations.format(maxDelay),
                    "must not be shorter than reconnect.initial-delay (" + Durations.format(initialDelay) + ")");
        }
        Checks.range("reconnect.max-attempts", maxAttempts, 0, Integer.MAX_VALUE);
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new ConfigException("reconnect.jitter", jitter, "must be a fraction from 0.0 to 1.0");
        }
    }

    /** 1s, doubling, capped at 30s, 20% jitter, unlimited attempts. */
    public static ReconnectSettings defaults() {
        return new ReconnectSettings(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0, 0.2);
    }

    /** Whether attempts are unlimited. */
    public boolean unlimited() {
        return maxAttempts == 0;
    }
}
