package dev.sluice.query;

import org.jooq.exception.DataAccessException;

/**
 * A statement in a tenant-scoped transaction that would reach past its tenant: an INSERT or UPDATE setting the tenant
 * column to another tenant, plain SQL not marked {@link TenantScope#trusted trusted}, or a join the tenant filter
 * cannot scope. Nothing was sent to the database.
 */
public final class TenantViolationException extends DataAccessException {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused and what to do instead */
    public TenantViolationException(String message) {
        super(message);
    }
}
