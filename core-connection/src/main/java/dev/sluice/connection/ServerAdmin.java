package dev.sluice.connection;

import dev.sluice.connection.internal.VendorDescriptor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates, lists and drops databases on a PostgreSQL or MySQL-family server, each written as its vendor wants it,
 * through a pool the caller connected to any database there (typically {@link Vendor#maintenanceDatabase()}). What
 * throwaway databases (migrations) and test databases (testkit) are made with. The caller keeps the pool open and
 * closes it.
 *
 * <pre>{@code
 * try (ConnectionManager pool = ConnectionManager.connect(adminConfig)) {
 *     ServerAdmin admin = ServerAdmin.on(pool);
 *     admin.createDatabase("scratch_1");
 *     admin.dropDatabase("scratch_1");
 * }
 * }</pre>
 */
public final class ServerAdmin {
    private final ConnectionManager pool;
    private final VendorDescriptor descriptor;

    private ServerAdmin(ConnectionManager pool, VendorDescriptor descriptor) {
        this.pool = pool;
        this.descriptor = descriptor;
    }

    /**
     * Administers the server {@code pool} is connected to.
     *
     * @throws ConfigException when the vendor has no server (SQLite)
     */
    public static ServerAdmin on(ConnectionManager pool) {
        Vendor vendor = pool.vendor();
        if (vendor.embedded()) {
            throw new ConfigException("admin pool", pool.config().redactedUrl(), "a pool on a database server; "
                    + vendor.displayName() + " has none, a new database is a new file");
        }
        return new ServerAdmin(pool, VendorDescriptor.of(vendor));
    }

    /** The right the pool's user needs to create databases, for messages: {@code CREATEDB}, {@code the CREATE privilege}. */
    public String createRight() {
        return descriptor.createDatabaseRight();
    }

    /** Creates a database with Sluice's defaults (on MySQL and MariaDB: {@code utf8mb4}, {@code utf8mb4_unicode_ci}). */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(descriptor.createDatabaseSql(name, null));
        }
    }

    /**
     * Creates a database like the one the pool is connected to: on MySQL and MariaDB with its character set and
     * collation (the server's defaults when the pool is on no database), so that a stand-in compares like the original.
     */
    public void createDatabaseLikeCurrent(String name) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(descriptor.createDatabaseSql(name, c));
        }
    }

    /** Drops a database if it exists, ending the sessions still on it where the server can (PostgreSQL 13+). */
    public void dropDatabase(String name) throws SQLException {
        String version = pool.serverInfo() == null ? null : pool.serverInfo().version();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(descriptor.dropDatabaseSql(name, version));
        }
    }

    /** The names of the databases whose name starts with {@code prefix} (taken literally, {@code _} included). */
    public List<String> databases(String prefix) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(descriptor.listDatabasesSql(prefix))) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
