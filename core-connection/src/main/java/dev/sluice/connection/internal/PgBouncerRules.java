package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.PgBouncerMode;

/**
 * The checks and messages of the {@code pgbouncer} and {@code migration-url} settings, kept out of
 * {@code ConnectionConfig} so that it stays a list of settings.
 */
public final class PgBouncerRules {
    private PgBouncerRules() {}

    /**
     * Checks {@code pgbouncer} and {@code migration-url} against the URL and the role.
     *
     * @throws ConfigException naming the setting: PgBouncer in front of another vendor, a role in transaction mode
     *     (SET ROLE is session state), a migration URL of another vendor
     */
    public static void check(PgBouncerMode mode, String migrationUrl, String role, DatabaseUrl url, VendorDescriptor descriptor,
            String urlProperty) {
        if (mode != null && !descriptor.poolsBehindPgBouncer()) {
            throw new ConfigException("pgbouncer", mode.id(), "PgBouncer pools PostgreSQL only; remove pgbouncer for a "
                    + url.vendor().displayName() + " URL");
        }
        if (mode != null && mode.sharesSessions() && role != null) {
            throw new ConfigException("role", role, "no role with pgbouncer: transaction: SET ROLE is session state, which "
                    + "transaction pooling hands on to other clients; log in as that role instead");
        }
        if (migrationUrl != null) {
            DatabaseUrl m = DatabaseUrl.parse(migrationUrl, "migration-url");
            if (m.vendor() != url.vendor()) {
                throw new ConfigException("migration-url", m.redacted(), "a " + url.vendor().displayName()
                        + " URL: the same vendor as " + urlProperty);
            }
        }
    }

    /**
     * The one-line refusal of work that needs a server session of its own (migrations, seeds, schema checks) through a
     * transaction-mode PgBouncer.
     *
     * @param migrationUrl the redacted {@code migration-url}, or {@code null} when it is not set
     */
    public static ConfigException needsOwnSessions(String work, PgBouncerMode mode, String url, String migrationUrl) {
        return ConfigException.of("migration-url", work + " cannot run through PgBouncer in transaction mode (pgbouncer: "
                + mode.id() + ", url " + url + "): " + (migrationUrl == null
                        ? "set migration-url to PostgreSQL itself or to a session-mode pool"
                        : "connect them with ConnectionConfig.forMigrations(), which uses migration-url " + migrationUrl));
    }
}
