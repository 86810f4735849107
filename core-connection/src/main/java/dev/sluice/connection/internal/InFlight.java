package dev.sluice.connection.internal;

import dev.sluice.connection.LeakReport;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections currently lent out by one pool: what a graceful shutdown waits for and, when the drain time runs
 * out, cancels. It also runs leak detection: with a threshold set, each borrow records its stack and schedules a
 * report that is cancelled when the connection comes back.
 */
public final class InFlight {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.connection.leak");

    private final String pool;
    private final Set<TrackedConnection> lent = ConcurrentHashMap.newKeySet();
    private final Object drainLock = new Object();
    private final long leakThresholdNanos;
    private final ScheduledExecutorService scheduler;
    private final Consumer<LeakReport> leakListener;
    private volatile boolean draining;
    private volatile java.util.function.Consumer<Connection> sessionReset;

    /**
     * @param pool the pool name
     * @param leakThreshold 0 for no leak detection
     * @param scheduler runs leak reports
     * @param leakListener receives leak reports
     */
    public InFlight(String pool, Duration leakThreshold, ScheduledExecutorService scheduler, Consumer<LeakReport> leakListener) {
        this.pool = pool;
        this.leakThresholdNanos = leakThreshold.toNanos();
        this.scheduler = scheduler;
        this.leakListener = leakListener;
    }

    /** Wraps a freshly borrowed pool connection and registers it. */
    public TrackedConnection lend(Connection pooled) {
        TrackedConnection c = new TrackedConnection(pooled, this, leakThresholdNanos > 0);
        lent.add(c);
        if (leakThresholdNanos > 0) {
            Throwable borrowedAt = new Throwable("Connection of pool '" + pool + "' borrowed here");
            c.leakTask(scheduler.schedule(() -> reportLeak(c, borrowedAt), leakThresholdNanos, TimeUnit.NANOSECONDS));
        }
        return c;
    }

    /**
     * What puts a returned connection's session back as the pool opened it, or {@code null} for nothing; it handles
     * its own failures (a connection that cannot be reset is evicted).
     */
    public void sessionReset(java.util.function.Consumer<Connection> reset) {
        this.sessionReset = reset;
    }

    void resetSession(Connection pooled) {
        java.util.function.Consumer<Connection> reset = sessionReset;
        if (reset != null) {
            reset.accept(pooled);
        }
    }

    void returned(TrackedConnection c) {
        lent.remove(c);
        if (c.leakTask() instanceof ScheduledFuture<?> f) {
            f.cancel(false);
        }
        if (draining && lent.isEmpty()) {
            synchronized (drainLock) {
                drainLock.notifyAll();
            }
        }
    }

    private void reportLeak(TrackedConnection c, Throwable borrowedAt) {
        if (!lent.contains(c)) {
            return;
        }
        Duration held = Duration.ofNanos(System.nanoTime() - c.borrowedAtNanos());
        LOG.warn("Connection leak in pool '{}': a connection borrowed by thread '{}' has been out for {} ms without being closed; "
                + "stack trace of the borrower follows", pool, c.borrower().getName(), held.toMillis(), borrowedAt);
        leakListener.accept(new LeakReport(pool, c.borrower().getName(), held, borrowedAt));
    }

    /** How many connections are lent out. */
    public int size() {
        return lent.size();
    }

    /** Waits until nothing is lent out or the deadline passes; returns how many are still out. */
    public int awaitEmpty(long deadlineNanos) throws InterruptedException {
        draining = true; // from now on returns wake the waiter
        synchronized (drainLock) {
            while (!lent.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(drainLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        return lent.size();
    }

    /** Cancels the statements of every connection still lent out; returns those connections. */
    public List<TrackedConnection> cancelAll() {
        List<TrackedConnection> out = List.copyOf(lent);
        for (TrackedConnection c : out) {
            c.cancelStatements();
        }
        return out;
    }
}
