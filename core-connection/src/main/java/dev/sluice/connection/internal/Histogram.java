package dev.sluice.connection.internal;

import dev.sluice.connection.TimingStats;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free histogram of durations in buckets whose bounds grow by a factor of sqrt(2) from 1 microsecond to about
 * an hour. Recording is two {@link LongAdder} increments and a max update; percentiles are bucket upper bounds, so
 * they are accurate to within the bucket's factor.
 */
public final class Histogram {
    private static final int BUCKETS = 64;
    private static final long[] UPPER_NANOS = new long[BUCKETS];

    static {
        double bound = 1_000; // 1 microsecond
        for (int i = 0; i < BUCKETS; i++) {
            UPPER_NANOS[i] = (long) bound;
            bound *= Math.sqrt(2);
        }
        UPPER_NANOS[BUCKETS - 1] = Long.MAX_VALUE;
    }

    private final LongAdder[] counts = new LongAdder[BUCKETS];
    private final LongAdder total = new LongAdder();
    private final LongAdder sumNanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();

    /** An empty histogram. */
    public Histogram() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Records one duration in nanoseconds (negative values count as zero). */
    public void record(long nanos) {
        long n = Math.max(0, nanos);
        counts[bucket(n)].increment();
        total.increment();
        sumNanos.add(n);
        long m;
        while (n > (m = maxNanos.get()) && !maxNanos.compareAndSet(m, n)) {
            // retry until our value is stored or a larger one is
        }
    }

    private static int bucket(long nanos) {
        int lo = 0;
        int hi = BUCKETS - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nanos <= UPPER_NANOS[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** A summary of what has been recorded so far. */
    public TimingStats snapshot() {
        long[] c = new long[BUCKETS];
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts[i].sum();
            n += c[i];
        }
        if (n == 0) {
            return TimingStats.EMPTY;
        }
        long max = maxNanos.get();
        return new TimingStats(n, Duration.ofNanos(sumNanos.sum() / n), percentile(c, n, 0.50, max),
                percentile(c, n, 0.95, max), percentile(c, n, 0.99, max), Duration.ofNanos(max));
    }

    private static Duration percentile(long[] c, long n, double q, long max) {
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += c[i];
            if (seen >= rank) {
                return Duration.ofNanos(Math.min(UPPER_NANOS[i], max));
            }
        }
        return Duration.ofNanos(max);
    }
}
