package dev.sluice.query.internal;

import dev.sluice.connection.PerVendor;
import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.Vendor;
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

    /** @param dialect jOOQ's dialect for the vendor's servers (see {@link #dialect(ServerInfo)}) */
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
     * (the default) there is nothing to set: queries filter on the tenant column themselves.
     *
     * @param tx the transaction's context
     * @param setting the session setting the row-level security policies read
     * @param tenant the tenant
     */
    public void enterTenant(DSLContext tx, String setting, UUID tenant) {
        // no row-level security to inform
    }

    /**
     * How this vendor writes a bulk load: multi-row JDBC batches by default (MySQL and MariaDB rewrite them into
     * multi-row INSERTs, SQLite runs them in the load's one immediate transaction).
     */
    BulkWrite bulkWrite() {
        return BatchBulkWrite.INSTANCE;
    }

    /**
     * Makes the transaction just begun on {@code c} (auto-commit off, nothing run yet) refuse writes, enforced by the
     * server: {@code SET TRANSACTION READ ONLY} by default (PostgreSQL, MySQL, MariaDB).
     */
    public void beginReadOnly(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION READ ONLY");
        }
    }

    /** Undoes {@link #beginReadOnly} once its transaction ended; nothing to undo by default (it was for one transaction). */
    public void endReadOnly(java.sql.Connection c) throws java.sql.SQLException {
        // SET TRANSACTION applies to one transaction only
    }

    /** Settings shared by every vendor. */
    public static Settings settings() {
        return new Settings()
                .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
                .withExecuteLogging(false);
    }
}
