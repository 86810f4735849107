package dev.sluice.testkit;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.Redaction;
import dev.sluice.connection.Vendor;
import java.time.Duration;

/**
 * A database server tests may create databases on, and how it was found.
 *
 * @param vendor the vendor family
 * @param host the host (always loopback unless an env URL says otherwise)
 * @param port the port
 * @param user the admin user
 * @param password the admin password, or {@code null}
 * @param adminDatabase a database that always exists, to connect to for CREATE/DROP DATABASE
 * @param source how it was found: the env variable, "local server" or "Testcontainers"
 */
public record TestServer(Vendor vendor, String host, int port, String user, String password, String adminDatabase, String source) {

    /** A config for the given database on this server (pool kept small; periodic health checks off). */
    public ConnectionConfig.Builder configFor(String database) {
        ConnectionConfig.Builder b = ConnectionConfig.builder().vendor(vendor).host(host).port(port).user(user).password(password)
                .health(new HealthSettings(Duration.ZERO, Duration.ofSeconds(5), 3));
        if (database != null) {
            b.database(database);
        }
        return b;
    }

    /**
     * The shared admin pool of this server (connected to its admin database), for checks a test makes from outside
     * the code under test, such as counting sessions in {@code pg_stat_activity}. Do not close it.
     */
    public dev.sluice.connection.ConnectionManager admin() {
        return dev.sluice.testkit.internal.Admin.admin(this);
    }

    /**
     * How many sessions the server has for an application name, counted from outside the code under test
     * (PostgreSQL's {@code pg_stat_activity}; MySQL-family servers do not show application names, so there it fails).
     */
    public int sessions(String applicationName) {
        dev.sluice.testkit.internal.ServerKind kind = dev.sluice.testkit.internal.ServerKind.of(vendor);
        try (java.sql.Connection c = admin().getConnection()) {
            return kind.sessions(c, applicationName);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot count sessions on " + this + ": " + e.getMessage(), e);
        }
    }

    /** A URL of the given database, without the password: {@code postgres://postgres@127.0.0.1:5432/db}. */
    public String urlFor(String database) {
        return vendor.id() + "://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return vendor.displayName() + " at " + host + ":" + port + " as " + user + (password == null ? "" : ":" + Redaction.MASK)
                + " (" + source + ")";
    }
}
