package dev.sluice.query;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
import dev.sluice.query.internal.Dialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed SQL on a managed pool: the entry point of the query module. {@link #dsl()} is a jOOQ {@link DSLContext} with
 * the right dialect for the server (PostgreSQL, MySQL or MariaDB, SQLite), borrowing connections from a
 * {@link ConnectionManager}.
 *
 * <pre>{@code
 * try (Database db = Database.connect(ConnectionConfig.fromEnv())) {
 *     List<UsersRecord> admins = db.dsl().selectFrom(USERS).where(USERS.ROLE.eq("admin")).fetch();
 *     db.transaction(tx -> tx.insertInto(EVENTS).set(event).execute());
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final ConnectionManager connections;
    private final boolean ownsConnections;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final RetryPolicy retry;

    private Database(ConnectionManager connections, boolean owns, RetryPolicy retry) {
        this.connections = connections;
        this.ownsConnections = owns;
        ServerInfo server = connections.serverInfo();
        this.dialect = Dialects.of(connections.vendor(), server);
        this.dsl = DSL.using(Dialects.configuration(dialect, new org.jooq.impl.DataSourceConnectionProvider(connections.dataSource())));
        this.retry = retry;
    }

    /** Connects a new pool for {@code config}; {@link #close()} shuts it down. */
    public static Database connect(ConnectionConfig config) {
        return new Database(ConnectionManager.connect(config), true, RetryPolicy.defaults());
    }

    /** Uses a pool the caller manages; {@link #close()} leaves it open. It must be connected (the dialect depends on the server). */
    public static Database using(ConnectionManager connections) {
        if (connections.serverInfo() == null) {
            throw new IllegalStateException("Connect the ConnectionManager first: the SQL dialect depends on the server it reaches");
        }
        return new Database(connections, false, RetryPolicy.defaults());
    }

    /** A copy with another retry policy for {@link #transaction}. */
    public Database withRetry(RetryPolicy policy) {
        return new Database(connections, false, policy);
    }

    /** The jOOQ context: each statement borrows a pooled connection and returns it. */
    public DSLContext dsl() {
        return dsl;
    }

    /** The SQL dialect used for this server. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** The vendor. */
    public Vendor vendor() {
        return connections.vendor();
    }

    /** The pool underneath. */
    public ConnectionManager connections() {
        return connections;
    }

    /** A scope whose transactions run as {@code tenant} (see {@link TenantScope}). */
    public TenantScope forTenant(java.util.UUID tenant) {
        return new TenantScope(this, tenant);
    }

    /**
     * Runs {@code work} in one transaction on one connection and commits; rolls back when it throws. A transient
     * failure before the commit (see {@link RetryPolicy}) rolls back and runs the work again, up to the policy's
     * attempts; so the work must not have effects outside the database that cannot be repeated.
     */
    public <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X {
        int attempt = 0;
        while (true) {
            attempt++;
            try {
                return once(work);
            } catch (RuntimeException e) {
                if (e instanceof CommitFailedException || attempt >= retry.maxAttempts() || !vendor().isTransient(e)) {
                    throw e;
                }
                LOG.debug("transaction attempt {} failed transiently ({}); retrying", attempt, e.getMessage());
                pause(retry.delayBefore(attempt));
            }
        }
    }

    private <T, X extends Exception> T once(TransactionCallback<T, X> work) throws X {
        try (Connection c = connections.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            T result;
            try {
                // the pool's configuration, bound to this one connection: no settings or listeners are rebuilt per transaction
                result = work.run(DSL.using(dsl.configuration().derive(new org.jooq.impl.DefaultConnectionProvider(c))));
            } catch (Throwable t) {
                rollbackQuietly(c, t);
                throw t;
            }
            try {
                c.commit();
            } catch (SQLException e) {
                rollbackQuietly(c, e);
                throw new CommitFailedException(e);
            } finally {
                c.setAutoCommit(autoCommit);
            }
            return result;
        } catch (SQLException e) {
            throw new DataAccessException("Cannot run a transaction on pool '" + connections.config().name() + "': " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void pause(java.time.Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("Interrupted while waiting to retry a transaction", e);
        }
    }

    /**
     * Inserts records in multi-row batches, each batch in its own transaction; rows whose primary key already exists
     * are skipped (on MySQL and MariaDB: whose primary or unique key exists), so loading the same rows twice changes
     * nothing. Any other failure (a foreign key, a check) fails the batch; it is not silently ignored.
     *
     * @return rows actually inserted
     */
    public <R extends TableRecord<R>> long insertSkippingExisting(Table<R> table, Collection<R> records, int batchSize,
            ProgressListener progress) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new dev.sluice.connection.ConfigException("batch size", batchSize, "must be an integer from 1 to 10000");
        }
        List<R> all = new ArrayList<>(records);
        long inserted = 0;
        for (int from = 0; from < all.size(); from += batchSize) {
            List<R> batch = all.subList(from, Math.min(all.size(), from + batchSize));
            inserted += transaction(tx -> {
                Field<?>[] fields = table.fields();
                InsertValuesStepN<R> insert = tx.insertInto(table).columns(fields);
                for (R r : batch) {
                    Object[] values = new Object[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        values[i] = r.get(fields[i]);
                    }
                    insert = insert.values(values);
                }
                return Dialects.skipExisting(insert, table).execute();
            });
            progress.progress(table.getName(), from + batch.size(), all.size());
        }
        if (!all.isEmpty() && table.getIdentity() != null && all.get(0).get(table.getIdentity().getField()) != null) {
            Dialects.alignIdentity(dsl, table);
        }
        return inserted;
    }

    /** Shuts down the pool when this database created it. */
    @Override
    public void close() {
        if (ownsConnections) {
            connections.close();
        }
    }

    /** A commit failed: whether it took effect is unknown, so it is never retried. */
    public static final class CommitFailedException extends DataAccessException {
        private static final long serialVersionUID = 1L;

        CommitFailedException(SQLException cause) {
            super("The commit failed; whether the transaction took effect is unknown, so it was not retried: " + cause.getMessage(), cause);
        }
    }
}
