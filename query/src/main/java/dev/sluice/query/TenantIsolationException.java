package dev.sluice.query;

/**
 * Tenant isolation does not hold on the database a {@link Database} was connected to with a {@link Tenancy}: the
 * message lists every problem (see {@link TenantIsolationReport}).
 */
public final class TenantIsolationException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient TenantIsolationReport report;

    TenantIsolationException(TenantIsolationReport report) {
        super("Tenant isolation does not hold, so the application would see other tenants' rows: " + report.summary());
        this.report = report;
    }

    /** The full report. */
    public TenantIsolationReport report() {
        return report;
    }
}
