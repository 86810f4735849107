package dev.sluice.connection.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One slot of {@link InFlight}: what the registry knows about one lent connection. Leases are created once per pool
 * and reused, so lending allocates nothing here and the {@link TrackedConnection} handed to the borrower is referenced
 * by nothing else (the JIT can then often do without allocating it at all). A lease is claimed with one
 * compare-and-set and freed with one ordered store; while claimed, only its borrower writes its fields, except the
 * statement list, which is guarded by the lease's monitor because a shutdown cancels those statements from its own
 * thread.
 *
 * <p>A lease also buffers the acquire and usage times of its last borrows ({@value #RING} of each), which
 * {@link InFlight#drainTimings} moves into the pool's histograms when statistics are read or rotated (at least every
 * second), or the borrower itself when the buffer is full. Each buffer is a ring with one writer (the lease's borrower:
 * a plain store and an ordered store of the count, no lock and no compare-and-set) and one reader at a time (whoever
 * holds the lease's monitor), so recording a borrow costs a few stores instead of two locked histogram records, and
 * the compiled borrow is smaller. The rings take about half a kilobyte per lease (70 KB for a pool of 100).
 */
final class Lease extends LeaseState {
    private static final VarHandle STATE;
    private static final VarHandle ACQUIRES_WRITTEN;
    private static final VarHandle USAGES_WRITTEN;
    private static final VarHandle ACQUIRES_TAKEN;
    private static final VarHandle USAGES_TAKEN;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(LeaseState.class, "state", int.class);
            ACQUIRES_WRITTEN = l.findVarHandle(LeaseState.class, "acquiresWritten", int.class);
            USAGES_WRITTEN = l.findVarHandle(LeaseState.class, "usagesWritten", int.class);
            ACQUIRES_TAKEN = l.findVarHandle(LeaseState.class, "acquiresTaken", int.class);
            USAGES_TAKEN = l.findVarHandle(LeaseState.class, "usagesTaken", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Durations each ring holds until they are moved into the histograms: a power of two. */
    static final int RING = 32;
    private static final int RING_MASK = RING - 1;

    static final int FREE = 0;
    static final int LENT = 1;

    // keeps the next lease's fields 128 bytes away: processors fetch cache lines in pairs
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
    final int index;

    /** @param index the slot in its registry, or -1 for an overflow lease; also picks the timing stripe */
    Lease(int index) {
        this.index = index;
    }

    /**
     * Buffers the acquire time of the borrow that begins (borrower only); {@code false} when the ring is full, and
     * the caller must {@link #drainTimings drain} it first.
     */
    boolean addAcquire(long nanos) {
        int written = acquiresWritten;
        // acquire: the drain's reads of the slots happen before this borrower overwrites them (free on x86); a stale
        // count only makes the borrower drain early
        if (written - (int) ACQUIRES_TAKEN.getAcquire(this) >= RING) {
            return false;
        }
        acquires[written & RING_MASK] = nanos;
        ACQUIRES_WRITTEN.setRelease(this, written + 1); // the value is stored before a reader can see the count
        return true;
    }

    /** Buffers the usage time of the borrow that ends (borrower only); {@code false} when the ring is full. */
    boolean addUsage(long nanos) {
        int written = usagesWritten;
        if (written - (int) USAGES_TAKEN.getAcquire(this) >= RING) {
            return false;
        }
        usages[written & RING_MASK] = nanos;
        USAGES_WRITTEN.setRelease(this, written + 1);
        return true;
    }

    /** Moves the buffered durations into {@code metrics}; any thread, one at a time through the lease's monitor. */
    synchronized void drainTimings(PoolMetrics metrics) {
        int acquiresTo = (int) ACQUIRES_WRITTEN.getAcquire(this);
        int usagesTo = (int) USAGES_WRITTEN.getAcquire(this);
        int acquiresFrom = acquiresTaken;
        int usagesFrom = usagesTaken;
        if (acquiresFrom == acquiresTo && usagesFrom == usagesTo) {
            return;
        }
        metrics.recordBuffered(index, acquires, acquiresFrom, acquiresTo, usages, usagesFrom, usagesTo);
        // the slots are read before the borrower can see them free again
        ACQUIRES_TAKEN.setRelease(this, acquiresTo);
        USAGES_TAKEN.setRelease(this, usagesTo);
    }

    boolean tryClaim() {
        return state == FREE && STATE.compareAndSet(this, FREE, LENT);
    }

    void release() {
        STATE.setRelease(this, FREE);
    }

    boolean isLent() {
        return state == LENT;
    }

    /** Registers a statement so that a shutdown whose drain time ran out can cancel it. */
    synchronized void track(int forGeneration, Statement s) {
        if (generation != forGeneration || state != LENT) {
            return; // a stale handle of an earlier borrow: its statement is not this borrower's
        }
        if (statements == null) {
            statements = new ArrayList<>(4);
        } else if (statements.size() >= 16) {
            // Long-lived connections create many statements; forget the closed ones so the list stays small.
            statements.removeIf(Lease::isClosedQuietly);
        }
        statements.add(s);
    }

    /** Forgets the statements of the borrow that ends (the list is kept for the next borrower). */
    void clearStatements() {
        if (statements != null) {
            synchronized (this) {
                statements.clear();
            }
        }
    }

    /** Cancels every statement still open (best effort; errors are ignored); returns how many. */
    int cancelStatements() {
        List<Statement> copy;
        synchronized (this) {
            if (statements == null || statements.isEmpty()) {
                return 0;
            }
            copy = new ArrayList<>(statements);
        }
        int cancelled = 0;
        for (Statement s : copy) {
            try {
                if (!s.isClosed()) {
                    s.cancel();
                    cancelled++;
                }
            } catch (SQLException | RuntimeException ignored) {
                // the statement finished or its connection broke meanwhile; nothing left to cancel
            }
        }
        return cancelled;
    }

    private static boolean isClosedQuietly(Statement s) {
        try {
            return s.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}

/**
 * Keeps a lease's fields off the cache lines of the lease allocated before it: 128 bytes, since processors fetch cache
 * lines in adjacent pairs (with 56 bytes, two threads borrowing at once took twice as long per borrow as one). The int
 * fills the gap after the object header, where the JVM would otherwise put the subclass's {@code state}.
 */
class LeasePadding {
    int p0;
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
}

/** The fields of a {@link Lease}, between its paddings. */
class LeaseState extends LeasePadding {
    volatile int state;
    /** Counts the borrows of this lease, so that a stale connection handle cannot touch a later borrow. */
    int generation;
    long borrowedAtNanos;
    List<Statement> statements;
    /**
     * The last two SQL texts found to leave the session unchanged (read and written by the borrower only): two, as a
     * PostgreSQL tenant transaction alternates its {@code set_config} with its query.
     */
    String lastUnchangingSql;
    String previousUnchangingSql;
    /** Only with leak detection: who borrowed, and the pending report. */
    Thread borrower;
    Object leakTask;
    /**
     * Rings of acquire and usage times (see {@link Lease}): the counts of durations written (by the borrower) and
     * taken (by a drain, under the lease's monitor), as ever-growing ints whose difference is what the ring holds.
     */
    final long[] acquires = new long[Lease.RING];
    final long[] usages = new long[Lease.RING];
    int acquiresWritten;
    int usagesWritten;
    int acquiresTaken;
    int usagesTaken;
}
