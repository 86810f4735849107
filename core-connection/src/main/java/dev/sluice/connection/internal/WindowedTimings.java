package dev.sluice.connection.internal;

import dev.sluice.connection.TimingStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Durations in nanoseconds, kept in HdrHistograms with two significant digits (every percentile within 1% of the
 * recorded value it stands for), twice over: for a recent window that moves in steps of a sixth of its length, and in
 * total since creation. A few plain counters (pool timeouts) are kept the same way.
 *
 * <p>Recording is cheap: the caller picks one of a few stripes by a hint that differs between concurrent callers, and
 * each stripe is a plain histogram per metric behind a spin lock that is almost never contended. Borrows do not even
 * take that lock each time: their leases buffer the durations ({@link Lease}), and the hook set with
 * {@link #beforeDrain} moves them here in batches (lease index as the hint) before every read and rotation. Readers
 * (the rotation, at least every second, and every snapshot) move what the stripes hold into the window's current slice
 * and into the totals, under the same lock; a stripe is held for some microseconds then. Stripes count in {@code int}s
 * (half the memory; they are emptied every second), everything else in sparse {@link PackedHistogram}s, so a pool's
 * statistics take some tens of kilobytes per stripe.
 *
 * <p>The window is the sum of its last {@value #SLICES} slices, the current one included: a snapshot covers between
 * five sixths of the window and all of it, and a value leaves the window at most one window after it was recorded.
 * {@link #rotate()} should be called every {@link #rotationPeriod()} (the manager schedules it); a snapshot catches up on
 * its own, but values recorded during a step that was missed are counted in the slice that was current when they were
 * moved.
 */
public final class WindowedTimings {
    /** Slices per window: the window moves in steps of a sixth of its length. */
    static final int SLICES = 6;
    /** Longer durations are recorded as one hour. */
    private static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Two significant digits: a percentile is within 1% (at most 1/128) of the value it stands for. */
    private static final int DIGITS = 2;
    private static final int MAX_STRIPES = 8;

    private final int metrics;
    private final Stripe[] stripes;
    private final int stripeMask;
    private final LongAdder[] pendingCounts;
    private final long sliceNanos;
    private final LongSupplier clock;
    private final long startNanos;

    // Reader side, guarded by this object's lock.
    private final AbstractHistogram[][] slices; // [slice][metric]
    private final long[][] sliceCounts; // [slice][counter]
    private final AbstractHistogram[] window; // sum of the slices, per metric
    private final long[] windowCounts;
    private final AbstractHistogram[] total;
    private final long[] totalCounts;
    private final long[][] sliceUntimed; // [slice][metric]: events counted without a duration
    private final long[] windowUntimed;
    private final long[] totalUntimed;
    private long currentSlice; // slices since start
    private volatile Runnable beforeDrain;

    /**
     * @param metrics how many kinds of duration are recorded
     * @param counters how many plain counters there are
     * @param window the length of the recent window
     * @param stripes how many concurrent recorders to expect (rounded up to a power of two, at most 8)
     * @param clock {@link System#nanoTime()}, or a test's clock
     */
    public WindowedTimings(int metrics, int counters, Duration window, int stripes, LongSupplier clock) {
        this.metrics = metrics;
        int n = Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, stripes) * 2 - 1));
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) {
            this.stripes[i] = new Stripe(histograms(metrics, true));
        }
        this.stripeMask = n - 1;
        this.pendingCounts = new LongAdder[counters];
        for (int i = 0; i < counters; i++) {
            pendingCounts[i] = new LongAdder();
        }
        this.sliceNanos = Math.max(1, window.toNanos() / SLICES);
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.slices = new AbstractHistogram[SLICES][];
        for (int i = 0; i < SLICES; i++) {
            slices[i] = histograms(metrics, false);
        }
        this.sliceCounts = new long[SLICES][counters];
        this.window = histograms(metrics, false);
        this.windowCounts = new long[counters];
        this.total = histograms(metrics, false);
        this.totalCounts = new long[counters];
        this.sliceUntimed = new long[SLICES][metrics];
        this.windowUntimed = new long[metrics];
        this.totalUntimed = new long[metrics];
    }

    /** Stripes for a pool: enough for the processors that may return connections at the same time. */
    public static int stripesFor(int concurrency) {
        return Math.min(concurrency, Runtime.getRuntime().availableProcessors());
    }

    private static AbstractHistogram[] histograms(int metrics, boolean stripe) {
        AbstractHistogram[] h = new AbstractHistogram[metrics];
        for (int i = 0; i < metrics; i++) {
            h[i] = stripe ? new IntCountsHistogram(1, HIGHEST_NANOS, DIGITS) : new PackedHistogram(1, HIGHEST_NANOS, DIGITS);
        }
        return h;
    }

    /**
     * How often {@link #rotate()} should run: every step of the window, and at least every second, so that a stripe's
     * {@code int} counts cannot overflow (that would take two billion values in one bucket of one stripe in a second).
     */
    public Duration rotationPeriod() {
        return Duration.ofNanos(Math.min(sliceNanos, TimeUnit.SECONDS.toNanos(1)));
    }

    /** Records one duration of a metric; {@code hint} spreads concurrent callers over the stripes. */
    public void record(int metric, int hint, long nanos) {
        Stripe s = stripes[hint & stripeMask];
        s.lock();
        try {
            s.histograms[metric].recordValue(clamp(nanos));
        } finally {
            s.unlock();
        }
    }

    /**
     * Records the durations {@code ring[from]} up to (not including) {@code ring[to]}, indices taken modulo the ring's
     * length (a power of two; {@code from} and {@code to} are counts that may wrap around), under one lock. A negative
     * value stands for an event that was counted but not timed: it adds to the count only.
     */
    public void record(int metric, int hint, long[] ring, int from, int to) {
        if (from == to) {
            return;
        }
        int mask = ring.length - 1;
        Stripe s = stripes[hint & stripeMask];
        s.lock();
        try {
            AbstractHistogram h = s.histograms[metric];
            for (int i = from; i != to; i++) {
                long nanos = ring[i & mask];
                if (nanos < 0) {
                    s.untimed[metric]++;
                } else {
                    h.recordValue(Math.min(nanos, HIGHEST_NANOS));
                }
            }
        } finally {
            s.unlock();
        }
    }

    /**
     * What moves durations buffered elsewhere into the stripes: run before every read and rotation (under this
     * object's lock), so that they count in the slice in which they are read, as if recorded then.
     */
    public void beforeDrain(Runnable flush) {
        this.beforeDrain = flush;
    }

    /** Counts one event of a counter (not on a hot path). */
    public void count(int counter) {
        pendingCounts[counter].increment();
    }

    private static long clamp(long nanos) {
        return nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS);
    }

    /** Moves the window on when a step has passed, and empties the stripes; call every {@link #rotationPeriod()}. */
    public synchronized void rotate() {
        advance(clock.getAsLong());
        drain();
    }

    /** What the window and the totals hold now. */
    public synchronized Snapshot snapshot() {
        long now = clock.getAsLong();
        advance(now);
        drain();
        TimingStats[] recent = new TimingStats[metrics];
        TimingStats[] all = new TimingStats[metrics];
        for (int m = 0; m < metrics; m++) {
            recent[m] = stats(window[m], windowUntimed[m]);
            all[m] = stats(total[m], totalUntimed[m]);
        }
        long oldest = Math.max(0, currentSlice - (SLICES - 1));
        Duration span = Duration.ofNanos(now - (startNanos + oldest * sliceNanos));
        return new Snapshot(span, Duration.ofNanos(now - startNanos), recent, all, windowCounts.clone(), totalCounts.clone());
    }

    private void advance(long now) {
        long target = (now - startNanos) / sliceNanos;
        if (target <= currentSlice) {
            return;
        }
        drain(); // what was recorded until now belongs to the slice that ends here (or, if steps were missed, to a later one)
        long steps = Math.min(target - currentSlice, SLICES);
        for (long i = 1; i <= steps; i++) {
            expire((int) ((currentSlice + i) % SLICES));
        }
        currentSlice = target;
    }

    private void expire(int slice) {
        for (int m = 0; m < metrics; m++) {
            AbstractHistogram h = slices[slice][m];
            if (h.getTotalCount() > 0) {
                window[m].subtract(h);
                h.reset();
            }
        }
        long[] untimed = sliceUntimed[slice];
        for (int m = 0; m < metrics; m++) {
            windowUntimed[m] -= untimed[m];
            untimed[m] = 0;
        }
        long[] counts = sliceCounts[slice];
        for (int c = 0; c < counts.length; c++) {
            windowCounts[c] -= counts[c];
            counts[c] = 0;
        }
    }

    private void drain() {
        Runnable flush = beforeDrain;
        if (flush != null) {
            flush.run();
        }
        int slice = (int) (currentSlice % SLICES);
        for (Stripe s : stripes) {
            s.lock();
            try {
                for (int m = 0; m < metrics; m++) {
                    AbstractHistogram h = s.histograms[m];
                    if (h.getTotalCount() > 0) {
                        slices[slice][m].add(h);
                        window[m].add(h);
                        total[m].add(h);
                        h.reset();
                    }
                    long u = s.untimed[m];
                    if (u > 0) {
                        sliceUntimed[slice][m] += u;
                        windowUntimed[m] += u;
                        totalUntimed[m] += u;
                        s.untimed[m] = 0;
                    }
                }
            } finally {
                s.unlock();
            }
        }
        for (int c = 0; c < pendingCounts.length; c++) {
            long n = pendingCounts[c].sumThenReset();
            sliceCounts[slice][c] += n;
            windowCounts[c] += n;
            totalCounts[c] += n;
        }
    }

    static TimingStats stats(AbstractHistogram h) {
        return stats(h, 0);
    }

    /** The summary of {@code h}, counting {@code untimed} more events (without durations) in its count. */
    static TimingStats stats(AbstractHistogram h, long untimed) {
        long n = h.getTotalCount();
        if (n == 0) {
            return untimed == 0 ? TimingStats.EMPTY
                    : new TimingStats(untimed, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        long max = h.getMaxValue();
        return new TimingStats(n + untimed, Duration.ofNanos(Math.round(h.getMean())), percentile(h, 50, max), percentile(h, 95, max),
                percentile(h, 99, max), Duration.ofNanos(max));
    }

    private static Duration percentile(AbstractHistogram h, double p, long max) {
        // the highest value equivalent to the sample at that rank: within 1% of it, and never above the maximum
        return Duration.ofNanos(Math.min(h.getValueAtPercentile(p), max));
    }

    /**
     * The window and the totals at one moment.
     *
     * @param recentSpan how much time the window covers (less than its length shortly after creation)
     * @param age the time since creation
     * @param recent per metric, the window
     * @param sinceStart per metric, everything since creation
     * @param recentCounts per counter, the window
     * @param countsSinceStart per counter, since creation
     */
    public record Snapshot(Duration recentSpan, Duration age, TimingStats[] recent, TimingStats[] sinceStart, long[] recentCounts,
            long[] countsSinceStart) {}

    /**
     * Keeps a stripe's lock word 128 bytes away from its neighbours (the stripes are allocated one after another, and
     * processors fetch cache lines in pairs); the int fills the gap after the object header, where the JVM would
     * otherwise put the lock word (see {@link Lease}).
     */
    private static class PadBefore {
        int p0;
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
    }

    private static class LockWord extends PadBefore {
        volatile int locked;
    }

    private static final class Stripe extends LockWord {
        private static final VarHandle LOCKED;

        static {
            try {
                LOCKED = MethodHandles.lookup().findVarHandle(LockWord.class, "locked", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
        final AbstractHistogram[] histograms;
        final long[] untimed; // per metric: counted, not timed

        Stripe(AbstractHistogram[] histograms) {
            this.histograms = histograms;
            this.untimed = new long[histograms.length];
        }

        void lock() {
            if (!LOCKED.compareAndSet(this, 0, 1)) {
                lockSlow();
            }
        }

        private void lockSlow() {
            int spins = 0;
            while (locked != 0 || !LOCKED.compareAndSet(this, 0, 1)) {
                if (++spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield(); // a reader is moving this stripe's histograms: some microseconds
                }
            }
        }

        void unlock() {
            LOCKED.setRelease(this, 0);
        }
    }
}
