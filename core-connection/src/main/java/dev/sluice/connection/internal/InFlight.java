package dev.sluice.connection.internal;

import dev.sluice.connection.LeakReport;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections currently lent out by one pool: what a graceful shutdown waits for and, when the drain time runs
 * out, cancels; and where each borrow's acquire time (from asking to having the connection) and usage time (from the
 * borrow to the return) are measured, in nanoseconds, and buffered in the borrow's lease until {@link PoolMetrics}
 * reads them. It also runs leak detection: with a threshold set, each borrow records its stack and schedules a report that
 * is cancelled when the connection comes back.
 *
 * <p>Borrowing is the hot path, so the registry is an array of reusable {@link Lease}s rather than a concurrent set: a
 * borrower claims a free lease with one compare-and-set, starting at a slot given to its thread, so that concurrent
 * borrowers rarely touch the same lease (or cache line), and nothing is allocated but the connection handle. A pool
 * lends at most its maximum size, plus the few connections whose borrowers are still between returning them to the
 * pool and freeing their lease; if every lease is taken anyway, an extra one is made and kept in a set until returned.
 */
public final class InFlight {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.connection.leak");
    private static final AtomicInteger THREADS = new AtomicInteger();
    /**
     * Each thread's first slot, handed out in turn: concurrent borrowers start at different leases and, through the
     * lease index, record into different timing stripes. (Thread ids would do only if they were consecutive.)
     */
    private static final ThreadLocal<Integer> FIRST_SLOT = ThreadLocal.withInitial(THREADS::getAndIncrement);

    /**
     * A borrow that is counted but not timed ({@code stats.sample}), in place of a {@link System#nanoTime()} reading:
     * the clock would have to return exactly this value for a timed borrow to be taken for an untimed one.
     */
    public static final long UNTIMED = Long.MIN_VALUE;
    /** What an untimed borrow buffers instead of a duration: {@link WindowedTimings} counts negative values only. */
    private static final long UNTIMED_DURATION = -1;

    private final String pool;
    private final int sample;
    private final Lease[] leases;
    private final int mask;
    private final Set<Lease> extra = ConcurrentHashMap.newKeySet();
    private final PoolMetrics metrics;
    private final Object drainLock = new Object();
    private final long leakThresholdNanos;
    private final ScheduledExecutorService scheduler;
    private final Consumer<LeakReport> leakListener;
    private volatile boolean draining;
    private volatile SessionReset sessionReset;

    /** How a pool resets the sessions of returned connections (see {@link #sessionReset}). */
    public interface SessionReset {
        /** Whether running {@code sql} leaves the server session as it was (then no reset is needed for it). */
        boolean leavesSessionUnchanged(String sql);

        /**
         * Puts a returned connection's session back as the pool opened it; it handles its own failures (a connection
         * that cannot be reset is evicted).
         *
         * @param changed whether a statement of the borrow may have changed the session; if not, only a transaction
         *     left open needs ending
         */
        void reset(Connection pooled, boolean changed);
    }

    /**
     * @param pool the pool name
     * @param maxLent the pool's maximum size
     * @param sample time one borrow in this many ({@code stats.sample}; 1 times every borrow)
     * @param metrics receives each borrow's acquire and usage times (and drains this registry's buffers of them)
     * @param leakThreshold 0 for no leak detection
     * @param scheduler runs leak reports
     * @param leakListener receives leak reports
     */
    public InFlight(String pool, int maxLent, int sample, PoolMetrics metrics, Duration leakThreshold,
            ScheduledExecutorService scheduler, Consumer<LeakReport> leakListener) {
        this.pool = pool;
        this.sample = sample;
        // room for the pool's size and for borrowers that are still returning; a power of two, so a thread's first
        // slot is a mask of its number
        int slots = Integer.highestOneBit(Math.max(2, maxLent + Math.max(2, maxLent / 4)) * 2 - 1);
        this.leases = new Lease[slots];
        for (int i = 0; i < slots; i++) {
            leases[i] = new Lease(i);
        }
        this.mask = slots - 1;
        this.metrics = metrics;
        this.leakThresholdNanos = leakThreshold.toNanos();
        this.scheduler = scheduler;
        this.leakListener = leakListener;
        metrics.bufferedIn(this);
    }

    /**
     * Where a borrow's acquire time starts: {@link System#nanoTime()} now, or {@link #UNTIMED} for a borrow that
     * {@code stats.sample} leaves untimed (picked at random, so that no pattern in the borrows skews the sample).
     */
    public long acquireStart() {
        int n = sample;
        if (n == 1 || ThreadLocalRandom.current().nextInt(n) == 0) {
            return System.nanoTime();
        }
        return UNTIMED;
    }

    /**
     * Registers a freshly borrowed pool connection and wraps it for the borrower.
     *
     * @param pooled the pool's connection
     * @param acquireStartNanos what {@link #acquireStart()} gave when the borrower asked for it
     */
    public TrackedConnection lend(Connection pooled, long acquireStartNanos) {
        Lease lease = claim();
        int generation = ++lease.generation;
        long acquire = UNTIMED_DURATION;
        if (acquireStartNanos != UNTIMED) {
            long now = System.nanoTime(); // acquire ends, usage starts
            lease.borrowedAtNanos = now;
            acquire = now - acquireStartNanos;
        } else {
            lease.borrowedAtNanos = leakThresholdNanos > 0 ? System.nanoTime() : UNTIMED; // a leak report needs it
        }
        if (!lease.addAcquire(acquire)) {
            // full (nothing read the statistics for a while): the borrower moves the times itself. A direct call, so
            // that the JIT, seeing it rarely taken, keeps the drain out of the borrow's compiled code
            lease.drainTimings(metrics);
            lease.addAcquire(acquire);
        }
        if (acquire >= 0 && metrics.metered()) {
            metrics.meterAcquire(acquire);
        }
        if (leakThresholdNanos > 0) {
            watchForLeak(lease, generation);
        }
        return new TrackedConnection(pooled, this, lease, generation);
    }

    /** What puts a returned connection's session back as the pool opened it, or {@code null} for nothing. */
    public void sessionReset(SessionReset reset) {
        this.sessionReset = reset;
    }

    /** Whether returned connections have their sessions reset (then handles note the SQL they run). */
    boolean resetsSessions() {
        return sessionReset != null;
    }

    /**
     * Whether {@code sql} leaves the session unchanged, for a borrow of {@code lease}; the last two SQL texts found so
     * are kept in the lease, since a pooled connection tends to run the same statements again (classifying one costs
     * about 1 KB of garbage: a scoped PostgreSQL transaction sends {@code set_config} and its query on every borrow).
     */
    boolean leavesSessionUnchanged(Lease lease, String sql) {
        SessionReset reset = sessionReset;
        if (reset == null) {
            return true; // nothing to reset either way
        }
        if (sql.equals(lease.lastUnchangingSql) || sql.equals(lease.previousUnchangingSql)) {
            return true;
        }
        if (reset.leavesSessionUnchanged(sql)) {
            lease.previousUnchangingSql = lease.lastUnchangingSql;
            lease.lastUnchangingSql = sql;
            return true;
        }
        return false;
    }

    /** Called by the handle before it gives a connection that ran statements back to the pool. */
    void resetSession(Connection pooled, boolean changed) {
        SessionReset reset = sessionReset;
        if (reset != null) {
            reset.reset(pooled, changed);
        }
    }

    private Lease claim() {
        int start = FIRST_SLOT.get();
        for (int i = 0; i <= mask; i++) {
            Lease lease = leases[(start + i) & mask];
            if (lease.tryClaim()) {
                return lease;
            }
        }
        Lease lease = new Lease(start & mask);
        lease.tryClaim();
        extra.add(lease);
        return lease;
    }

    private void watchForLeak(Lease lease, int generation) {
        lease.borrower = Thread.currentThread();
        Throwable borrowedAt = new Throwable("Connection of pool '" + pool + "' borrowed here");
        lease.leakTask = scheduler.schedule(() -> reportLeak(lease, generation, borrowedAt), leakThresholdNanos,
                TimeUnit.NANOSECONDS);
    }

    /** Called by the handle once the pool has its connection back: records the times and frees the lease. */
    void returned(Lease lease) {
        long lentAt = lease.borrowedAtNanos;
        long usage = lentAt == UNTIMED ? UNTIMED_DURATION : System.nanoTime() - lentAt;
        if (!lease.addUsage(usage)) {
            lease.drainTimings(metrics);
            lease.addUsage(usage);
        }
        if (usage >= 0 && metrics.metered()) {
            metrics.meterUsage(usage);
        }
        lease.clearStatements();
        if (lease.leakTask != null) {
            endLeakWatch(lease);
        }
        if (leases[lease.index] != lease) {
            lease.drainTimings(metrics); // an overflow lease is dropped: its durations go now
            extra.remove(lease);
        }
        lease.release();
        if (draining && size() == 0) {
            synchronized (drainLock) {
                drainLock.notifyAll();
            }
        }
    }

    /**
     * Moves the durations buffered in every lease into the histograms; {@link PoolMetrics} calls it before it reads or
     * rotates them, so that statistics include every borrow begun (acquire) or ended (usage) until then.
     */
    void drainTimings() {
        for (Lease lease : leases) {
            lease.drainTimings(metrics);
        }
        for (Lease lease : extra) {
            lease.drainTimings(metrics);
        }
    }

    private static void endLeakWatch(Lease lease) {
        if (lease.leakTask instanceof ScheduledFuture<?> f) {
            f.cancel(false);
        }
        lease.leakTask = null;
        lease.borrower = null;
    }

    private void reportLeak(Lease lease, int generation, Throwable borrowedAt) {
        Thread borrower = lease.borrower;
        long borrowedAtNanos = lease.borrowedAtNanos;
        long heldNanos = System.nanoTime() - borrowedAtNanos;
        if (!lease.isLent() || lease.generation != generation || borrower == null || heldNanos < leakThresholdNanos) {
            return; // returned meanwhile (and perhaps lent again)
        }
        Duration held = Duration.ofNanos(heldNanos);
        LOG.warn("Connection leak in pool '{}': a connection borrowed by thread '{}' has been out for {} ms without being closed; "
                + "stack trace of the borrower follows", pool, borrower.getName(), held.toMillis(), borrowedAt);
        leakListener.accept(new LeakReport(pool, borrower.getName(), held, borrowedAt));
    }

    /** How many connections are lent out (counted, so not for a hot path). */
    public int size() {
        int n = extra.size();
        for (Lease lease : leases) {
            if (lease.isLent()) {
                n++;
            }
        }
        return n;
    }

    /** Waits until nothing is lent out or the deadline passes; returns how many are still out. */
    public int awaitEmpty(long deadlineNanos) throws InterruptedException {
        draining = true; // from now on returns wake the waiter
        synchronized (drainLock) {
            while (size() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(drainLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        return size();
    }

    /** Cancels the statements of every connection still lent out; returns how many connections that was. */
    public int cancelAll() {
        int connections = 0;
        for (Lease lease : leases) {
            if (lease.isLent()) {
                lease.cancelStatements();
                connections++;
            }
        }
        for (Lease lease : extra) {
            lease.cancelStatements();
            connections++;
        }
        return connections;
    }
}
