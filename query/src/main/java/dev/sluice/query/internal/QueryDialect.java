package dev.sluice.query.internal;

import dev.sluice.connection.PerVendor;
import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Isolation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.Insert;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.UniqueKey;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DefaultConfiguration;

/**
 * The query module's side of a vendor, one subclass per vendor (the companion of core-connection's vendor descriptor):
 * its jOOQ dialect, how an insert skips existing rows, what follows inserts with explicit identity values, and how a
 * transaction enters a tenant's scope.
 */
public abstract class QueryDialect {
    private static final PerVendor<QueryDialect> ALL = PerVendor.of("query dialect", QueryDialect::vendor,
            List.of(new PostgresQueryDialect(), new MySqlQueryDialect(), new SqliteQueryDialect()));

    private final Vendor vendor;
    private final SQLDialect dialect;

    /**
     * @param dialect jOOQ's dialect for the vendor's servers (see {@link #dialect(ServerInfo)})
     */
    QueryDialect(Vendor vendor, SQLDialect dialect) {
        this.vendor = vendor;
        this.dialect = dialect;
    }

    /** The query dialect of a vendor. */
    public static QueryDialect of(Vendor vendor) {
        return ALL.get(vendor);
    }

    /** The vendor. */
    public Vendor vendor() {
        return vendor;
    }

    /** The jOOQ dialect for a server; by default the vendor's, whatever the server says it is. */
    public SQLDialect dialect(ServerInfo server) {
        return dialect;
    }

    /** The jOOQ configuration for a server of this vendor: its dialect, Sluice's settings, and the connections. */
    /** The dialect to read the catalog's metadata with (jOOQ's {@code Meta}): the server's own unless the vendor says otherwise. */
    public SQLDialect metadataDialect(SQLDialect dialect) {
        return dialect;
    }

    public Configuration configuration(SQLDialect dialect, ConnectionProvider connections) {
        DefaultConfiguration c = new DefaultConfiguration();
        c.set(dialect);
        c.set(settings());
        c.set(connections);
        return c;
    }

    /**
     * After rows were inserted with explicit values in an identity column, makes the next generated value follow
     * them. Nothing to do where the identity moves past explicit values by itself (the default).
     */
    public void alignIdentity(DSLContext dsl, Table<?> table, long insertedMax) {
        // the identity follows explicit values by itself
    }

    /**
     * Makes an insert skip rows whose key exists, by default with {@code ON CONFLICT (pk) DO NOTHING}.
     *
     * @throws IllegalArgumentException when the table has no primary key
     */
    public <R extends Record> Insert<R> skipExisting(InsertValuesStepN<R> insert, Table<R> table) {
        return insert.onConflict(primaryKey(table).getFields()).doNothing();
    }

    /** The table's primary key; without one existing rows cannot be recognised. */
    static <R extends Record> UniqueKey<R> primaryKey(Table<R> table) {
        UniqueKey<R> pk = table.getPrimaryKey();
        if (pk == null) {
            throw new IllegalArgumentException("Table " + table.getName() + " has no primary key, so existing rows cannot be recognised");
        }
        return pk;
    }

    /**
     * Runs first in a transaction of a tenant's scope, on its connection. Where the vendor has no row-level security
     * (the default) there is nothing to set: the tenant filter ({@link TenantFilter}) scopes the statements.
     *
     * @param c the transaction's connection
     * @param setting the session setting the row-level security policies read
     * @param tenant the tenant
     */
    public void enterTenant(Connection c, String setting, UUID tenant) throws SQLException {
        // no row-level security to inform
    }

    /**
     * Sets the isolation level of the transaction about to start on {@code c} (auto-commit is off, no statement has
     * run). By default through JDBC, which drivers apply to the session: the caller restores the level afterwards.
     *
     * @return whether the connection's level was changed (and must be restored)
     */
    public boolean applyIsolation(Connection c, Isolation level) throws SQLException {
        c.setTransactionIsolation(level.jdbcLevel());
        return true;
    }

    /**
     * Makes the transaction about to start on {@code c} read-only, enforced by the server. By default
     * {@code SET TRANSACTION READ ONLY}, which applies to the next transaction only (PostgreSQL, MySQL, MariaDB).
     */
    public void beginReadOnly(Connection c) throws SQLException {
        execute(c, "SET TRANSACTION READ ONLY");
    }

    /** Undoes {@link #beginReadOnly} once the transaction ended; nothing to do by default. */
    public void endReadOnly(Connection c) throws SQLException {
        // SET TRANSACTION ended with the transaction
    }

    /** Limits each statement of the transaction about to start on {@code c} to {@code timeout}. */
    public abstract void beginStatementTimeout(Connection c, Duration timeout) throws SQLException;

    /** Undoes {@link #beginStatementTimeout} once the transaction ended; nothing to do by default. */
    public void endStatementTimeout(Connection c) throws SQLException {
        // the setting ended with the transaction
    }

    /**
     * Adds to a database's configuration what statement timeouts need beyond {@link #beginStatementTimeout}; nothing
     * by default, as the server applies them.
     *
     * @param pool the pool whose transactions the timeouts belong to
     */
    public Configuration withStatementTimeouts(Configuration configuration, Object pool) {
        return configuration;
    }

    /** Runs one statement without results on {@code c}. */
    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * How this vendor writes a bulk load: multi-row JDBC batches by default (MySQL and MariaDB rewrite them into
     * multi-row INSERTs, SQLite runs them in the load's one immediate transaction).
     */
    BulkWrite bulkWrite() {
        return BatchBulkWrite.INSTANCE;
    }

    /** Settings shared by every vendor. */
    public static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }
}
