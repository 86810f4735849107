package dev.sluice.query;

import dev.sluice.connection.Backoff;
import dev.sluice.connection.ConfigException;
import java.time.Duration;

/**
 * How {@link Database#transaction} retries a transaction that failed transiently (serialization failure, deadlock,
 * lock timeout, lost connection before commit, SQLite busy). A commit whose outcome is unknown (its connection was
 * lost before the answer came) is never retried: it may have taken effect, and running the work again could apply it
 * twice. A commit the server answered with a transient error that rolled the transaction back (a serialization
 * failure) is retried like any other transient failure.
 *
 * <p>The pauses between attempts follow the same {@link Backoff} as reconnects, doubling without jitter.
 *
 * @param maxAttempts attempts in all, 1 (no retry) to 20 (default 3)
 * @param initialDelay the pause before the first retry, doubled after each (default 20ms; 0 to 10s)
 * @param maxDelay the cap on a pause (default 1s)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) implements Backoff {

    /** Checks the values. */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new ConfigException("retry.max-attempts", maxAttempts, "must be an integer from 1 to 20");
        }
        if (initialDelay == null || initialDelay.isNegative() || initialDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new ConfigException("retry.initial-delay", initialDelay, "a duration from 0 to 10s");
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new ConfigException("retry.max-delay", maxDelay, "a duration not shorter than retry.initial-delay");
        }
    }

    /** Three attempts, 20ms then 40ms apart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(1));
    }

    /** No retry. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** Each pause is twice the one before. */
    @Override
    public double multiplier() {
        return 2.0;
    }

    /** No jitter: a transaction retries after exactly the nominal pause. */
    @Override
    public double jitter() {
        return 0.0;
    }
}
