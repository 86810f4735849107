package dev.sluice.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, and the one retry loop that uses it: reconnecting after the database went away
 * ({@link ReconnectSettings}) and retrying a transaction that failed transiently ({@code RetryPolicy} in the query
 * module) both run through {@link #retry}. The implementing settings own and check the values.
 *
 * <p>The nominal wait before retry {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))}; the
 * actual wait is that, reduced by a random fraction of up to {@link #jitter()}, so it never exceeds {@code maxDelay}
 * and many clients do not retry in step.
 */
public interface Backoff {
    /** The nominal wait before the first retry. */
    Duration initialDelay();

    /** How much each nominal wait grows over the one before it (at least 1). */
    double multiplier();

    /** The cap on any wait. */
    Duration maxDelay();

    /** The largest fraction taken off a nominal wait at random, 0 to 1. */
    double jitter();

    /** Attempts in all before giving up; 0 means unlimited. */
    int maxAttempts();

    /** The nominal (un-jittered) wait before retry {@code retry}, 1-based. */
    default Duration nominalDelay(int retry) {
        double ms = initialDelay().toMillis() * Math.pow(multiplier(), Math.max(0, retry - 1));
        return ms >= maxDelay().toMillis() ? maxDelay() : Duration.ofMillis((long) ms);
    }

    /**
     * The wait before retry {@code retry}: the nominal wait minus {@code random * jitter} of it.
     *
     * @param random a number in [0, 1), from the caller's random source
     */
    default Duration delay(int retry, double random) {
        long nominal = nominalDelay(retry).toMillis();
        return Duration.ofMillis(Math.round(nominal * (1.0 - jitter() * random)));
    }

    /**
     * Runs {@code attempt} until it returns, waiting {@link #delay} between attempts. A failure ends the loop (and is
     * thrown) when {@code retry} says it is final or {@link #maxAttempts()} attempts have been made; checked
     * exceptions of type {@code X} are never retried.
     *
     * @param waitFirst whether to wait before the first attempt too (a reconnect follows a failure seen elsewhere)
     * @param attempt the work; gets the attempt number, 1-based
     * @param retry decides about each failure and hears of each wait
     * @throws InterruptedException when the thread is interrupted while it waits
     */
    default <T, X extends Exception> T retry(boolean waitFirst, Attempt<T, X> attempt, Retry retry) throws X, InterruptedException {
        for (int n = 1; ; n++) {
            int wait = waitFirst ? n : n - 1;
            if (wait > 0) {
                Duration d = delay(wait, ThreadLocalRandom.current().nextDouble());
                retry.waiting(n, d);
                Thread.sleep(d.toMillis());
            }
            try {
                return attempt.run(n);
            } catch (RuntimeException e) {
                if ((maxAttempts() > 0 && n >= maxAttempts()) || !retry.retryAfter(n, e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * One attempt of the work.
     *
     * @param <T> its result
     * @param <X> the checked exception it may throw (never retried)
     */
    @FunctionalInterface
    interface Attempt<T, X extends Exception> {
        /** Runs attempt {@code n}, 1-based. */
        T run(int n) throws X;
    }

    /** What to do after a failed attempt, and what to tell before a wait. */
    @FunctionalInterface
    interface Retry {
        /** Whether to try again after attempt {@code n} failed with {@code failure} (attempts left permitting). */
        boolean retryAfter(int n, RuntimeException failure);

        /** Called before waiting {@code delay} ahead of attempt {@code next}. */
        default void waiting(int next, Duration delay) {}
    }
}
