package dev.sluice.query;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
import dev.sluice.query.internal.BulkLoader;
import dev.sluice.query.internal.QueryDialect;
import dev.sluice.query.internal.TransactionConnections;
import dev.sluice.query.internal.StatementLog;
import dev.sluice.query.internal.StatementMeters;
import dev.sluice.query.internal.TenantFilter;
import dev.sluice.query.internal.TenantTables;
import dev.sluice.query.internal.Transactions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.Configuration;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
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
    private final RetryPolicy retry;
    private final Tenancy tenancy;
    private final QueryLogging logging;
    /** jOOQ's context and the transactions on it, made on first use: {@code sluice info} and {@code validate} need neither. */
    private volatile Jooq jooq;
    private final TenantTables tenantTables;

    private Database(ConnectionManager connections, boolean owns, RetryPolicy retry, Tenancy tenancy, QueryLogging logging) {
        this.connections = connections;
        this.ownsConnections = owns;
        ServerInfo server = connections.serverInfo();
        this.vendorDialect = QueryDialect.of(connections.vendor());
        this.dialect = vendorDialect.dialect(server);
        this.tenantTables = new TenantTables(tenancy != null ? tenancy.tenantColumn() : Tenancy.builtIn().tenantColumn());
        this.retry = retry;
        this.tenancy = tenancy;
        this.logging = logging;
    }

    private record Jooq(DSLContext dsl, Transactions transactions) {}

    private Jooq jooq() {
        Jooq j = jooq;
        if (j == null) {
            synchronized (this) {
                j = jooq;
                if (j == null) {
                    Configuration base = vendorDialect.withStatementTimeouts(vendorDialect.configuration(dialect, null), connections)
                            .deriveAppending(new TenantFilter(connections, tenantTables).provider())
                            .deriveAppending(statementLog(connections, logging));
                    DSLContext dsl = DSL.using(base.derive(TransactionConnections.joining(connections, connections.dataSource(),
                            connections.config().name())));
                    Transactions transactions = new Transactions(connections, vendorDialect, base, tenantTables, CommitFailedException::new);
                    j = new Jooq(dsl, transactions);
                    jooq = j;
                }
            }
        }
        return j;
    }

    private static StatementLog statementLog(ConnectionManager connections, QueryLogging logging) {
        Object registry = connections.config().meterRegistry();
        String pool = connections.config().name();
        return new StatementLog(pool, logging, registry == null ? null : StatementMeters.of(registry, pool));
    }

    /** Connects a new pool for {@code config}; {@link #close()} shuts it down. */
    public static Database connect(ConnectionConfig config) {
        return new Database(ConnectionManager.connect(config), true, RetryPolicy.defaults(), null, QueryLogging.defaults());
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
        Database db = new Database(ConnectionManager.connect(config), true, RetryPolicy.defaults(), tenancy, QueryLogging.defaults());
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
        return new Database(connections, false, RetryPolicy.defaults(), null, QueryLogging.defaults());
    }

    /** A copy with another retry policy for {@link #transaction}. */
    public Database withRetry(RetryPolicy policy) {
        return new Database(connections, false, policy, tenancy, logging);
    }

    /** A copy that logs statements as {@code logging} says (see {@link QueryLogging}); the pool stays this one's. */
    public Database withLogging(QueryLogging logging) {
        if (logging == null) {
            throw new dev.sluice.connection.ConfigException("logging", null, "QueryLogging, e.g. QueryLogging.defaults()");
        }
        return new Database(connections, false, retry, tenancy, logging);
    }

    /**
     * The jOOQ context: each statement borrows a pooled connection and returns it; on a thread running a transaction
     * of this database, it runs in that transaction instead (same connection, same tenant).
     */
    public DSLContext dsl() {
        return jooq().dsl();
    }

    /** The SQL dialect used for this server. */
    public SQLDialect dialect() {
        return dialect;
    }

    /**
     * The dialect to read the catalog's metadata with ({@code DSL.using(connection, db.metadataDialect()).meta()}):
     * usually {@link #dialect()}; on MariaDB MySQL's, as jOOQ's MariaDB metadata queries ask for columns MariaDB 10.x
     * does not have.
     */
    public SQLDialect metadataDialect() {
        return vendorDialect.metadataDialect(dialect);
    }

    /** The vendor. */
    public Vendor vendor() {
        return connections.vendor();
    }

    /** The query side of the vendor (for {@link TenantScope}). */
    QueryDialect vendorDialect() {
        return vendorDialect;
    }

    /** The tenancy this database scopes tenants by: the one given to {@link #connect(ConnectionConfig, Tenancy)}, else {@link Tenancy#builtIn()}. */
    public Tenancy tenancy() {
        return tenancy != null ? tenancy : Tenancy.builtIn();
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
     * Runs {@code work} in one transaction on one connection and commits; rolls back when it throws. The same as
     * {@link #transaction(TransactionOptions, TransactionCallback)} with {@link TransactionOptions#defaults()}.
     */
    public <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X {
        return transaction(TransactionOptions.defaults(), work);
    }

    /** Runs {@code work} in a read-only transaction: the server (SQLite: {@code PRAGMA query_only}) rejects writes. */
    public <T, X extends Exception> T readOnly(TransactionCallback<T, X> work) throws X {
        return transaction(TransactionOptions.readOnlyDefaults(), work);
    }

    /**
     * Runs {@code work} in one transaction on one connection, with the given isolation level, read-only flag and
     * statement timeout, and commits; rolls back when it throws.
     *
     * <p>Inside the work, {@code db.dsl()} on the same thread joins the transaction (same connection, same tenant)
     * rather than borrowing a second connection. The transaction's {@code DSLContext} used from another thread fails
     * at once with an {@link IllegalStateException}. Called inside a transaction of this database on the same thread,
     * {@code transaction(...)} runs as a savepoint: when its work throws, only that work is rolled back and the outer
     * transaction goes on; it is not retried on its own, and it takes the outer transaction's options.
     *
     * <p>What is retried (up to the policy's attempts): a transient failure (see {@link RetryPolicy}) before the
     * commit, which rolls back and runs the work again, so the work must not have effects outside the database that
     * cannot be repeated; and a commit the server answered with a transient error that rolled it back (a
     * serialization failure). Never retried: a commit whose outcome is unknown, above all one whose connection was
     * lost; it fails with a {@link CommitFailedException} whose {@link CommitFailedException#outcomeUnknown()} is
     * true. Once the commit succeeded, nothing that goes wrong while the connection is handed back (restoring
     * auto-commit, returning it to the pool) turns the committed transaction into a failure or a retry.
     */
    public <T, X extends Exception> T transaction(TransactionOptions options, TransactionCallback<T, X> work) throws X {
        return transaction(options, null, work);
    }

    /** A transaction as {@code tenant} (or none), nested in the thread's transaction when there is one. */
    <T, X extends Exception> T transaction(TransactionOptions options, java.util.UUID tenant, TransactionCallback<T, X> work) throws X {
        if (options == null) {
            throw new dev.sluice.connection.ConfigException("transaction options", null, "TransactionOptions, e.g. TransactionOptions.defaults()");
        }
        dev.sluice.query.internal.ActiveTransaction outer = jooq().transactions().current();
        if (outer != null) {
            return jooq().transactions().nested(outer, options, tenant, work);
        }
        try {
            return retry.retry(false, n -> jooq().transactions().outermost(options, tenant, work), (n, e) -> {
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

    /**
     * Loads {@code records} into {@code table} as fast as the vendor allows, in one transaction: all rows or none. See
     * {@link #bulkInsert(Table, Stream, BulkOptions)}; here with {@link BulkOptions#defaults()} (a duplicate key fails).
     *
     * @return rows inserted
     */
    public <R extends Record> long bulkInsert(Table<R> table, Collection<? extends R> records) {
        return bulkInsert(table, records, BulkOptions.defaults());
    }

    /**
     * Loads {@code records} into {@code table}, in one transaction; see {@link #bulkInsert(Table, Stream, BulkOptions)}.
     *
     * @return rows inserted (rows skipped as existing not counted)
     */
    public <R extends Record> long bulkInsert(Table<R> table, Collection<? extends R> records, BulkOptions options) {
        return bulkLoad(null, table, records.iterator(), records.size(), options);
    }

    /**
     * Loads the records of a stream into {@code table} as they come, in one transaction: all rows or none, never more
     * than a batch of them in memory. Any jOOQ table, generated from your schema or not: every column of the table is
     * written (NULL where a record has no value; column defaults do not apply), except computed columns and an
     * identity column the first record leaves empty, which the database then fills for every row.
     *
     * <ul>
     *   <li>PostgreSQL: {@code COPY ... FROM STDIN (FORMAT csv)} through pgjdbc, each value in its type's text form
     *       (text with any characters but NUL, which is refused naming the row and column; numbers, booleans, dates and
     *       timestamps, UUID, JSON and JSONB, arrays, bytea, enums, NULL). When existing rows are skipped, or when
     *       row-level security applies to the session, through a temporary staging table and {@code INSERT ... SELECT}.
     *   <li>MySQL and MariaDB: multi-row {@code INSERT}s of {@link BulkOptions#batchSize()} rows (Connector/J's
     *       {@code rewriteBatchedStatements}).
     *   <li>SQLite: batches of the prepared {@code INSERT} inside one {@code BEGIN IMMEDIATE} transaction.
     * </ul>
     *
     * Not retried on transient failures (a stream cannot be read twice); the stream is closed at the end.
     *
     * @return rows inserted (rows skipped as existing not counted)
     * @throws IllegalArgumentException when {@link ConflictPolicy#SKIP_EXISTING} is asked for a table without a primary
     *     key, or a value cannot be stored; nothing is loaded
     * @throws DataAccessException when the database refuses a row (its message included); nothing is loaded
     */
    public <R extends Record> long bulkInsert(Table<R> table, Stream<? extends R> records, BulkOptions options) {
        try (records) {
            return bulkLoad(null, table, records.iterator(), -1, options);
        }
    }

    /** A bulk load in one transaction without retry, as {@code tenant} when not {@code null}. */
    <R extends Record> long bulkLoad(java.util.UUID tenant, Table<R> table, java.util.Iterator<? extends R> records, long total,
            BulkOptions options) {
        if (table == null || records == null || options == null) {
            throw new IllegalArgumentException("bulkInsert needs a table, records and options; got " + (table == null ? "no table"
                    : records == null ? "no records" : "no options"));
        }
        Database once = withRetry(RetryPolicy.none());
        TransactionCallback<Long, RuntimeException> work = tx -> {
            var active = dev.sluice.query.internal.ActiveTransaction.current(connections); // this load's, or the caller's tenant transaction
            return BulkLoader.load(tx, vendorDialect, table, records, total, options, tenantTables, active == null ? null : active.tenant());
        };
        return tenant == null ? once.transaction(work) : once.forTenant(tenant).transaction(work);
    }

    /** Shuts down the pool when this database created it. */
    @Override
    public void close() {
        if (ownsConnections) {
            connections.close();
        }
    }
}
