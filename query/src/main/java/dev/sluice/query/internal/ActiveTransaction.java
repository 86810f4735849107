package dev.sluice.query.internal;

import dev.sluice.query.TransactionOptions;
import java.sql.Connection;
import java.util.UUID;

/**
 * A transaction running on the current thread: its connection, tenant and options. Kept per thread (and per pool, so
 * that a transaction on one database inside one on another stays separate), so that {@code db.dsl()} called inside the
 * work joins the transaction instead of borrowing a second connection, which with a pool of one would wait for itself.
 */
public final class ActiveTransaction {
    private static final ThreadLocal<ActiveTransaction> CURRENT = new ThreadLocal<>();

    private final Object pool;
    private final Connection connection;
    private final Thread owner;
    private final UUID tenant;
    private final TransactionOptions options;
    private final ActiveTransaction enclosing;
    private volatile boolean open = true;

    private ActiveTransaction(Object pool, Connection connection, UUID tenant, TransactionOptions options, ActiveTransaction enclosing) {
        this.pool = pool;
        this.connection = connection;
        this.owner = Thread.currentThread();
        this.tenant = tenant;
        this.options = options;
        this.enclosing = enclosing;
    }

    /** The transaction on {@code pool} running on this thread, or {@code null}. */
    public static ActiveTransaction current(Object pool) {
        for (ActiveTransaction t = CURRENT.get(); t != null; t = t.enclosing) {
            if (t.pool == pool) {
                return t;
            }
        }
        return null;
    }

    /** Registers a transaction on {@code pool} for this thread; {@link #end()} removes it. */
    public static ActiveTransaction begin(Object pool, Connection connection, UUID tenant, TransactionOptions options) {
        ActiveTransaction t = new ActiveTransaction(pool, connection, tenant, options, CURRENT.get());
        CURRENT.set(t);
        return t;
    }

    /** Ends the transaction: its connection may no longer be used through it. */
    public void end() {
        open = false;
        if (CURRENT.get() == this) {
            if (enclosing == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(enclosing);
            }
        }
    }

    /** The transaction's connection. */
    public Connection connection() {
        return connection;
    }

    /** The tenant the transaction runs as, or {@code null}. */
    public UUID tenant() {
        return tenant;
    }

    /** The options of the outermost transaction. */
    public TransactionOptions options() {
        return options;
    }

    /**
     * The connection, for a statement about to run on the current thread.
     *
     * @throws IllegalStateException when the transaction is over or the caller is another thread: a transaction's
     *     connection belongs to the thread that runs it (JDBC connections are not safe to share, and the other thread
     *     would interleave its statements with the transaction's)
     */
    public Connection connectionForCurrentThread() {
        if (!open) {
            throw new IllegalStateException("This transaction's DSLContext was used after the transaction ended; use it only inside "
                    + "the transaction's callback");
        }
        Thread t = Thread.currentThread();
        if (t != owner) {
            throw new IllegalStateException("A transaction's DSLContext was used on thread '" + t.getName() + "' but belongs to thread '"
                    + owner.getName() + "', which runs the transaction; run the statement on that thread, or in a transaction of its own");
        }
        return connection;
    }
}
