package dev.sluice.query;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
import dev.sluice.query.internal.QueryDialect;
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
    private final QueryDialect vendorDialect;
    private final SQLDialect dialect;
    /** Made on first use: a command that only reads migration metadata never initialises jOOQ (see {@link #dsl()}). */
    private volatile DSLContext dsl;
    private final RetryPolicy retry;
    private final Tenancy tenancy;

    private Database(ConnectionManager connections, boolean owns, RetryPolicy retry, Tenancy tenancy) {
        this.connections = connections;
        this.ownsConnections = owns;
        ServerInfo server = connections.serverInfo();
        this.vendorDialect = QueryDialect.of(connections.vendor());
        this.dialect = vendorDialect.dialect(server);
        this.retry = retry;
        this.tenancy = tenancy;
    }

    /** Connects a new pool for {@code config}; {@link #close()} shuts it down. */
    public static Database connect(ConnectionConfig config) {
        return new Database(ConnectionManager.connect(config), true, RetryPolicy.defaults(), null);
    }

    /**
     * Connects a new pool for a multi-tenant application and checks at once that tenant isolation holds for the role
     * its sessions run as (see {@link #verifyTenantIsolation(Tenancy)}): a misconfiguration (a superuser or BYPASSRLS
     * role, a table whose row-level security is off or not forced) fails the start instead of leaking rows later.
     *
     * @throws TenantIsolationException listing every problem found (the pool is closed again)
     */
    public static Database connect(ConnectionConfig config, Tenancy tenancy) {
        if (tenancy == null) {
            throw new dev.sluice.connection.ConfigException("tenancy", null, "the tenancy to check, e.g. Tenancy.builtIn()");
        }
        Database db = new Database(ConnectionManager.connect(config), true, RetryPolicy.defaults(), tenancy);
        try {
            TenantIsolationReport report = db.verifyTenantIsolation(tenancy);
            if (!report.isolated()) {
                throw new TenantIsolationException(report);
            }
            LOG.info("{}: {}", config.name(), report.summary());
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Uses a pool the caller manages; {@link #close()} leaves it open. It must be connected (the dialect depends on the server). */
    public static Database using(ConnectionManager connections) {
        if (connections.serverInfo() == null) {
            throw new IllegalStateException("Connect the ConnectionManager first: the SQL dialect depends on the server it reaches");
        }
        return new Database(connections, false, RetryPolicy.defaults(), null);
    }

    /** A copy with another retry policy for {@link #transaction}. */
    public Database withRetry(RetryPolicy policy) {
        return new Database(connections, false, policy, tenancy);
    }

    /** The jOOQ context: each statement borrows a pooled connection and returns it. */
    public DSLContext dsl() {
        DSLContext d = dsl;
        if (d == null) { // benign race: two threads may each build one; both are equivalent and one is kept
            d = DSL.using(vendorDialect.configuration(dialect, new org.jooq.impl.DataSourceConnectionProvider(connections.dataSource())));
            dsl = d;
        }
        return d;
    }

    /** The SQL dialect used for this server. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** The vendor. */
    public Vendor vendor() {
        return connections.vendor();
    }

    /** The query side of the vendor (for {@link TenantScope}). */
    QueryDialect vendorDialect() {
        return vendorDialect;
    }

    /** The pool underneath. */
    public ConnectionManager connections() {
        return connections;
    }

    /**
     * Checks that the application's sessions cannot see or change other tenants' rows, with the tenancy given at
     * connect or else {@link Tenancy#builtIn()}. See {@link #verifyTenantIsolation(Tenancy)}.
     */
    public TenantIsolationReport verifyTenantIsolation() {
        return verifyTenantIsolation(tenancy != null ? tenancy : Tenancy.builtIn());
    }

    /**
     * Checks, on a pooled session (so under the configured role), that tenant isolation holds: on PostgreSQL the role
     * is not a superuser, has no BYPASSRLS and does not own (nor is a member of the owner of) any tenant table, and
     * every tenant table has row-level security enabled and forced, with a policy that applies to the role. Reports
     * every problem found, each naming the role or table and the fix. On vendors without row-level security the report
     * says so in {@link TenantIsolationReport#limitation()}.
     */
    public TenantIsolationReport verifyTenantIsolation(Tenancy tenancy) {
        var f = dsl().connectionResult(c -> dev.sluice.query.internal.TenantIsolation.check(vendor(), c, tenancy.tenantColumn(),
                tenancy.extraTables()));
        return new TenantIsolationReport(vendor(), f.role(), f.tables(), f.problems(), f.limitation());
    }

    /** A scope whose transactions run as {@code tenant} (see {@link TenantScope}). */
    public TenantScope forTenant(java.util.UUID tenant) {
        return new TenantScope(this, tenant);
    }

    /**
     * Runs {@code work} in one transaction on one connection and commits; rolls back when it throws.
     *
     * <p>What is retried (up to the policy's attempts): a transient failure (see {@link RetryPolicy}) before the
     * commit, which rolls back and runs the work again, so the work must not have effects outside the database that
     * cannot be repeated; and a commit the server answered with a transient error that rolled it back (a
     * serialization failure). Never retried: a commit whose outcome is unknown, above all one whose connection was
     * lost; it fails with a {@link CommitFailedException} whose {@link CommitFailedException#outcomeUnknown()} is
     * true. Once the commit succeeded, nothing that goes wrong while the connection is handed back (restoring
     * auto-commit, returning it to the pool) turns the committed transaction into a failure or a retry.
     */
    public <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X {
        try {
            return retry.retry(false, n -> once(work), (n, e) -> {
                if ((e instanceof CommitFailedException cf && cf.outcomeUnknown()) || !vendor().isTransient(e)) {
                    return false;
                }
                LOG.debug("transaction attempt {} failed transiently ({}); retrying", n, e.getMessage());
                return true;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("Interrupted while waiting to retry a transaction", e);
        }
    }

    private <T, X extends Exception> T once(TransactionCallback<T, X> work) throws X {
        Connection c;
        try {
            c = connections.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot run a transaction on pool '" + connections.config().name() + "': " + e.getMessage(), e);
        }
        T result;
        try {
            result = runAndCommit(c, work);
        } catch (Throwable t) {
            SQLException cleanup = release(c);
            if (cleanup != null) {
                t.addSuppressed(cleanup);
            }
            throw t;
        }
        // Committed: from here on the outcome is known and final. A connection that breaks while it is handed back
        // is the pool's problem (it evicts it), not the caller's.
        SQLException cleanup = release(c);
        if (cleanup != null) {
            LOG.debug("{}: transaction committed; handing back its connection failed: {}", connections.config().name(),
                    cleanup.getMessage());
        }
        return result;
    }

    private <T, X extends Exception> T runAndCommit(Connection c, TransactionCallback<T, X> work) throws X {
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DataAccessException("Cannot start a transaction on pool '" + connections.config().name() + "': " + e.getMessage(), e);
        }
        T result;
        try {
            // the pool's configuration, bound to this one connection: no settings or listeners are rebuilt per transaction
            result = work.run(DSL.using(dsl().configuration().derive(new org.jooq.impl.DefaultConnectionProvider(c))));
        } catch (Throwable t) {
            rollbackQuietly(c, t);
            throw t;
        }
        try {
            vendor().commit(c);
        } catch (SQLException e) {
            boolean rolledBack = vendor().commitFailureRolledBack(e);
            rollbackQuietly(c, e);
            throw new CommitFailedException(e, !rolledBack);
        }
        return result;
    }

    /** Leaves auto-commit mode and returns the connection to the pool; returns what failed instead of throwing it. */
    private static SQLException release(Connection c) {
        SQLException failure = null;
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failure = e;
        }
        try {
            c.close();
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        return failure;
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Inserts records in multi-row batches, each batch in its own transaction; rows whose primary key already exists
     * are skipped (on MySQL and MariaDB: whose primary or unique key exists), so loading the same rows twice changes
     * nothing. Any other failure (a foreign key, a check) fails the batch; it is not silently ignored. To follow a
     * long load, pass the records in parts and count what each call returns.
     *
     * @return rows actually inserted
     */
    public <R extends TableRecord<R>> long insertSkippingExisting(Table<R> table, Collection<R> records, int batchSize) {
        return insertBatches(this::transaction, table, records, batchSize);
    }

    /** Runs one batch as a transaction: plainly, or inside a tenant's scope. */
    interface BatchRunner {
        int run(TransactionCallback<Integer, RuntimeException> batch);
    }

    <R extends TableRecord<R>> long insertBatches(BatchRunner runner, Table<R> table, Collection<R> records, int batchSize) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new dev.sluice.connection.ConfigException("batch size", batchSize, "must be an integer from 1 to 10000");
        }
        List<R> all = new ArrayList<>(records);
        long inserted = 0;
        for (int from = 0; from < all.size(); from += batchSize) {
            List<R> batch = all.subList(from, Math.min(all.size(), from + batchSize));
            inserted += runner.run(tx -> {
                Field<?>[] fields = table.fields();
                InsertValuesStepN<R> insert = tx.insertInto(table).columns(fields);
                for (R r : batch) {
                    Object[] values = new Object[fields.length];
                    for (int i = 0; i < fields.length; i++) {
                        values[i] = r.get(fields[i]);
                    }
                    insert = insert.values(values);
                }
                return vendorDialect.skipExisting(insert, table).execute();
            });
        }
        if (!all.isEmpty() && table.getIdentity() != null) {
            Field<?> identity = table.getIdentity().getField();
            long max = all.stream().map(r -> r.get(identity)).filter(v -> v instanceof Number).mapToLong(v -> ((Number) v).longValue())
                    .max().orElse(Long.MIN_VALUE);
            if (max != Long.MIN_VALUE) {
                vendorDialect.alignIdentity(dsl(), table, max);
            }
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
}
