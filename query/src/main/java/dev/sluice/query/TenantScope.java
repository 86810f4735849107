package dev.sluice.query;

import dev.sluice.connection.ConfigException;
import java.util.UUID;

/**
 * Work done on behalf of one tenant (organization). On PostgreSQL each transaction first sets
 * {@code sluice.tenant_id} for itself ({@code set_config(..., true)}), so the row-level security policies of the
 * built-in schema show and accept only that tenant's rows; the setting ends with the transaction, so a pooled
 * connection never carries it over to the next borrower. Other vendors have no row-level security: there the scope
 * only runs the transaction, and queries must filter on {@code organization_id} themselves.
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

    /**
     * As {@link Database#bulkInsert(org.jooq.Table, java.util.Collection, BulkOptions)}, in one transaction as this
     * tenant: on PostgreSQL the rows pass the row-level security policies as this tenant's own (through a staging
     * table, as COPY refuses tables under row-level security).
     */
    public <R extends org.jooq.Record> long bulkInsert(org.jooq.Table<R> table, java.util.Collection<? extends R> records,
            BulkOptions options) {
        return db.bulkLoad(tenant, table, records.iterator(), records.size(), options);
    }

    /** Runs {@code work} in one transaction as this tenant (with the database's retry policy). */
    public <T, X extends Exception> T transaction(TransactionCallback<T, X> work) throws X {
        return db.transaction(tx -> {
            db.vendorDialect().enterTenant(tx, SETTING, tenant);
            return work.run(tx);
        });
    }
}
