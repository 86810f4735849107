package dev.sluice.query;

import dev.sluice.connection.ConfigException;
import java.util.UUID;

/**
 * Work done on behalf of one tenant (organization), on every vendor. Each statement built with jOOQ in the scope's
 * transactions (and in {@code db.dsl()} called inside them) is scoped to the tenant before it is sent: reads,
 * updates and deletes of a tenant table (one with the tenant column, {@code organization_id} unless the
 * {@link Tenancy} names another) get {@code organization_id = :tenant}, in joins, subqueries, {@code exists} and CTEs
 * too; inserts get the tenant's id; an insert or update that sets another tenant's id is rejected with a
 * {@link TenantViolationException}, and so is plain SQL unless marked {@link #trusted}. On PostgreSQL each
 * transaction also sets {@code sluice.tenant_id} for itself ({@code set_config(..., true)}), so the row-level
 * security policies of the built-in schema, which stay the authority there, show and accept only that tenant's
 * rows; the setting ends with the transaction, so a pooled connection never carries it over to the next borrower.
 *
 * <p>Not covered: statements sent past jOOQ (JDBC on the raw connection), views and functions that read tenant tables,
 * and on MySQL/MariaDB an upsert ({@code ON DUPLICATE KEY UPDATE}) whose key matches another tenant's row.
 */
public final class TenantScope {
    /** The setting the row-level security policies read. */
    public static final String SETTING = "sluice.tenant_id";

    private final Database db;
    private final UUID tenant;

    TenantScope(Database db, UUID tenant) {
        if (tenant == null) {
            throw new ConfigException("tenant id", null, "the UUID of an organization");
        }
        this.db = db;
        this.tenant = tenant;
    }

    /**
     * Marks a plain SQL template as allowed in this scope's transactions, where plain SQL is otherwise rejected:
     * jOOQ cannot add the tenant filter to SQL it does not parse, so the template must filter on the tenant column
     * itself. Use it as {@code tx.fetch(TenantScope.trusted("SELECT ... WHERE organization_id = ?", org))}.
     */
    public static org.jooq.SQL trusted(String sql, Object... bindings) {
        return new dev.sluice.query.internal.TrustedSql(org.jooq.impl.DSL.sql(sql, bindings));
    }

    /** The tenant. */
    public UUID tenant() {
        return tenant;
    }

    /**
     * As {@link Database#insertSkippingExisting}, each batch in a transaction as this tenant: on PostgreSQL the rows
     * pass the row-level security policies as this tenant's own, so loading works for any role the policies apply
     * to, the tables' owner included (FORCE ROW LEVEL SECURITY), not only for a superuser.
     */
    public <R extends org.jooq.TableRecord<R>> long insertSkippingExisting(org.jooq.Table<R> table, java.util.Collection<R> records,
            int batchSize) {
        return db.insertBatches(this::transaction, table, records, batchSize);
    }

    /** Runs {@code work} in one transaction as this tenant (with the database's retry policy). */
    public <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X {
        return db.transaction(TransactionOptions.defaults(), tenant, work);
    }

    /** Runs {@code work} in a read-only transaction as this tenant. */
    public <T, X extends Exception> T readOnly(TransactionCallback<T, X> work) throws X {
        return db.transaction(TransactionOptions.readOnlyDefaults(), tenant, work);
    }

    /** Runs {@code work} in one transaction as this tenant with the given options (see {@link Database#transaction(TransactionOptions, TransactionCallback)}). */
    public <T, X extends Exception> T transaction(TransactionOptions options, TransactionCallback<T, X> work) throws X {
        return db.transaction(options, tenant, work);
    }
}
