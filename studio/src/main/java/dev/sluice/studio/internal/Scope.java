package dev.sluice.studio.internal;

import dev.sluice.query.Database;
import dev.sluice.query.TransactionCallback;
import dev.sluice.query.TransactionOptions;
import java.util.UUID;

/**
 * Where a request's statements run: a transaction, read-only unless it writes, as the page's chosen tenant when there
 * is one, through the query layer's own tenant mechanism ({@link Database#forTenant}: row-level security on PostgreSQL,
 * the predicate elsewhere), so the console sees exactly what the application would.
 *
 * @param db the database
 * @param tenant the tenant, or {@code null} for all rows
 */
record Scope(Database db, UUID tenant) {
    /** Runs {@code work} in a read-only transaction (the server refuses writes). */
    <T> T read(TransactionCallback<T, RuntimeException> work) {
        return run(TransactionOptions.readOnlyDefaults(), work);
    }

    /** Runs {@code work} in a read-write transaction, committed when it returns. */
    <T> T write(TransactionCallback<T, RuntimeException> work) {
        return run(TransactionOptions.defaults(), work);
    }

    <T> T run(TransactionOptions options, TransactionCallback<T, RuntimeException> work) {
        return tenant == null ? db.transaction(options, work) : db.forTenant(tenant).transaction(options, work);
    }

    /** The tenant from the page's {@code X-Sluice-Tenant} header (empty: none). */
    static UUID parseTenant(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(header.strip());
        } catch (IllegalArgumentException e) {
            throw new StudioException(400, "Tenant '" + header.strip() + "' is not a UUID; choose one from the list or none");
        }
    }
}
