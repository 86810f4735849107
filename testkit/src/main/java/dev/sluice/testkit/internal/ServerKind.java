package dev.sluice.testkit.internal;

import dev.sluice.connection.PerVendor;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The testkit's side of a server vendor, one subclass per vendor that has servers (the companion of core-connection's
 * vendor descriptor): where tests find its server (an environment variable, the usual local user and how to start one,
 * a Testcontainers image) and what tests may ask it from outside the code under test. Default ports, maintenance
 * databases and the SQL that creates and drops databases are the core descriptor's ({@link Vendor},
 * {@link dev.sluice.connection.ServerAdmin}).
 */
public abstract class ServerKind {
    private static final PerVendor<ServerKind> ALL = PerVendor.of("test server kind", ServerKind::vendor, v -> !v.embedded(),
            List.of(new PostgresServerKind(), new MySqlServerKind()));

    private final Vendor vendor;

    ServerKind(Vendor vendor) {
        this.vendor = vendor;
    }

    /**
     * The kind of a vendor's servers.
     *
     * @throws IllegalArgumentException for a vendor without servers (SQLite)
     */
    public static ServerKind of(Vendor vendor) {
        return ALL.get(vendor);
    }

    /** The vendor. */
    public Vendor vendor() {
        return vendor;
    }

    /** The servers' name in messages: {@code MySQL/MariaDB}. */
    String displayName() {
        return vendor.displayName();
    }

    /** The environment variable that names a server for tests: {@code SLUICE_TEST_PG_URL}. */
    abstract String envVariable();

    /** An example value of {@link #envVariable()}. */
    abstract String exampleUrl();

    /** The user a local server accepts without a password, out of the box. */
    abstract String localUser();

    /** How to start the local server on Debian, for messages. */
    abstract String localStart();

    /** The Testcontainers image tests start. */
    abstract String image();

    /** The Testcontainers module that starts it: {@code org.testcontainers:testcontainers-postgresql}. */
    abstract String testcontainersModule();

    /** Starts a container of {@code image}; called only once Testcontainers is known to be on the class path. */
    abstract TestServer startContainer(String image);

    /**
     * How many sessions the server has for an application name, counted on {@code admin}.
     *
     * @throws UnsupportedOperationException where the server does not show application names
     */
    public int sessions(Connection admin, String applicationName) throws SQLException {
        throw new UnsupportedOperationException("Sessions by application name are counted on PostgreSQL only; on "
                + displayName() + " servers count information_schema.PROCESSLIST rows by database instead");
    }
}
