package dev.sluice.connection;

import java.util.Locale;

/**
 * The pool mode of a PgBouncer between the application and PostgreSQL (the {@code pgbouncer} setting), as configured
 * in PgBouncer's {@code pool_mode}. It cannot be detected reliably from the client side, so it is declared.
 *
 * <p>In {@link #TRANSACTION} mode each transaction may run on another server connection, so nothing may rely on the
 * session: the pool turns off pgjdbc's server-side prepared statements ({@code prepareThreshold=0}; PgBouncer 1.21+
 * with {@code max_prepared_statements} can take them, set {@code driver-properties.prepareThreshold} to use them),
 * skips the session reset on return (PgBouncer resets server connections itself), rejects {@code role} (a
 * session-level {@code SET ROLE}), and migrations refuse to run through it: they need {@code migration-url}.
 * {@link #SESSION} mode behaves like a direct connection.
 */
public enum PgBouncerMode {
    /** {@code pool_mode = session}: a client keeps one server connection; everything works as without PgBouncer. */
    SESSION("session"),
    /** {@code pool_mode = transaction}: a server connection is held for one transaction only. */
    TRANSACTION("transaction");

    private final String id;

    PgBouncerMode(String id) {
        this.id = id;
    }

    /** The name used in configuration and in PgBouncer's {@code pool_mode}: {@code session} or {@code transaction}. */
    public String id() {
        return id;
    }

    /** Whether server sessions are shared between clients from one transaction to the next. */
    public boolean sharesSessions() {
        return this == TRANSACTION;
    }

    /**
     * Parses a configuration value, in any case.
     *
     * @param property the property name for the message
     * @throws ConfigException for any other value (PgBouncer's {@code statement} mode breaks transactions and is not
     *     supported)
     */
    public static PgBouncerMode parse(String property, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (PgBouncerMode m : values()) {
            if (m.id.equals(v)) {
                return m;
            }
        }
        throw new ConfigException(property, value, "transaction or session (PgBouncer's pool_mode; statement mode is not supported)");
    }
}
