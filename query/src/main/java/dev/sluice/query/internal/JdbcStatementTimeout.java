package dev.sluice.query.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * For vendors whose server has no statement timeout setting (SQLite): each statement run inside a transaction with a
 * statement timeout is cancelled ({@link Statement#cancel()}, which sqlite-jdbc turns into {@code sqlite3_interrupt})
 * when it runs longer. (sqlite-jdbc's own query timeout only bounds waiting for locks.) Statements of {@code db.dsl()}
 * that join the transaction get it too, as they run on its connection.
 */
public final class JdbcStatementTimeout implements ExecuteListener {
    private static final long serialVersionUID = 1L;
    private static final String TIMER = JdbcStatementTimeout.class.getName();

    /** One daemon thread for all databases: it only fires cancellations, which return at once. */
    private static final ScheduledExecutorService CANCELLER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-statement-timeout");
        t.setDaemon(true);
        return t;
    });

    private final transient Object pool;

    /** @param pool the pool whose transactions this applies to */
    public JdbcStatementTimeout(Object pool) {
        this.pool = pool;
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        ActiveTransaction t = ActiveTransaction.current(pool);
        Statement statement = ctx.statement();
        if (t == null || t.options().statementTimeout() == null || statement == null) {
            return;
        }
        Duration timeout = t.options().statementTimeout();
        ctx.data(TIMER, CANCELLER.schedule(() -> cancel(statement), timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void executeEnd(ExecuteContext ctx) {
        stop(ctx);
    }

    @Override
    public void exception(ExecuteContext ctx) {
        stop(ctx);
    }

    @Override
    public void end(ExecuteContext ctx) {
        stop(ctx);
    }

    private static void stop(ExecuteContext ctx) {
        if (ctx.data(TIMER) instanceof ScheduledFuture<?> f) {
            f.cancel(false);
        }
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException | RuntimeException e) {
            // the statement ended meanwhile; nothing left to cancel
        }
    }
}
