package dev.sluice.connection;

import dev.sluice.connection.internal.VendorDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The database products Sluice supports. Everything that differs between them (URL syntax, driver class and Maven
 * coordinates, pool defaults, SSL properties, ping SQL, session reset, error classification, the SQL that creates
 * databases) lives in one descriptor per vendor, so code elsewhere asks the vendor instead of testing which one it is.
 * Modules with vendor-specific knowledge of their own keep it in one class per vendor, found with {@link PerVendor}.
 *
 * <p>{@link #MYSQL} is the MySQL family: MySQL and MariaDB servers, both reached through MySQL Connector/J.
 */
public enum Vendor {
    /** PostgreSQL, through the pgjdbc driver. */
    POSTGRESQL("postgresql", "PostgreSQL"),
    /** MySQL and MariaDB, through MySQL Connector/J. */
    MYSQL("mysql", "MySQL"),
    /** SQLite, embedded, through the xerial sqlite-jdbc driver. */
    SQLITE("sqlite", "SQLite");

    private final String id;
    private final String displayName;

    Vendor(String id, String displayName) {
        this.id = id;
        this.displayName = displayName;
    }

    /** The short lower-case name used in configuration ({@code vendor: postgresql}) and in pool names. */
    public String id() {
        return id;
    }

    /** The human name used in messages. */
    public String displayName() {
        return displayName;
    }

    /** The fully qualified class name of the JDBC driver this vendor needs. */
    public String driverClassName() {
        return VendorDescriptor.of(this).driverClassName();
    }

    /** The Maven coordinates ({@code group:artifact:version}) of the driver Sluice is built and tested with. */
    public String driverCoordinates() {
        return VendorDescriptor.of(this).driverCoordinates();
    }

    /** Whether this vendor's JDBC driver can be loaded from the given class loader. */
    public boolean isDriverAvailable(ClassLoader loader) {
        return VendorDescriptor.of(this).isDriverAvailable(loader);
    }

    /**
     * Fails at once with a {@link MissingDriverException} naming the driver class and the Maven coordinates to add
     * when this vendor's driver cannot be loaded from {@code loader}.
     */
    public void requireDriver(ClassLoader loader) {
        VendorDescriptor.of(this).requireDriver(loader);
    }

    /**
     * Whether DDL statements take part in transactions, so a failed migration script leaves nothing behind
     * (PostgreSQL, SQLite), or commit one by one (MySQL, MariaDB).
     */
    public boolean transactionalDdl() {
        return VendorDescriptor.of(this).transactionalDdl();
    }

    /**
     * Whether the server of {@code connection} is a node of a synchronous multi-primary cluster (MariaDB Galera,
     * {@code wsrep_on = ON}), where a lock taken on one node does not hold on the others.
     */
    public boolean synchronousCluster(java.sql.Connection connection) throws java.sql.SQLException {
        return VendorDescriptor.of(this).synchronousCluster(connection);
    }

    /** The cheapest statement that makes a real round trip to the server: what health checks run. */
    public String pingSql() {
        return VendorDescriptor.of(this).pingSql();
    }

    /**
     * Whether an error from this vendor is worth retrying as is: a serialization failure, a deadlock, a lock timeout,
     * a lost connection, a busy SQLite database. Looks at the whole chain of causes.
     */
    public boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && VendorDescriptor.of(this).isTransient(e)) {
                return true;
            }
            if (t instanceof java.sql.SQLTransientException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Commits the transaction of {@code connection} and leaves it in auto-commit mode, without the driver starting
     * another transaction behind the caller's back (sqlite-jdbc's {@code commit()} would).
     */
    public void commit(java.sql.Connection connection) throws java.sql.SQLException {
        VendorDescriptor.of(this).commit(connection);
    }

    /**
     * Whether a commit that failed with {@code error} is known to have rolled the transaction back (the server
     * answered the COMMIT with a serialization failure, a deadlock, a deferred constraint violation). When it is not,
     * above all when the connection was lost, whether the commit took effect is unknown.
     */
    public boolean commitFailureRolledBack(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && VendorDescriptor.of(this).commitFailureRolledBack(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the row-level security that applies to the session of {@code connection} on {@code tables} (names in the
     * session's current schema); empty for vendors without row-level security (MySQL, MariaDB, SQLite).
     */
    public java.util.Optional<RowSecurity> rowSecurity(java.sql.Connection connection, java.util.Collection<String> tables)
            throws java.sql.SQLException {
        return VendorDescriptor.of(this).rowSecurity(connection, tables);
    }

    /**
     * Detects the vendor of a URL: a JDBC URL ({@code jdbc:postgresql:}, {@code jdbc:mysql:}, {@code jdbc:sqlite:}), a
     * {@code DATABASE_URL}-style URL ({@code postgres://}, {@code postgresql://}, {@code mysql://}, {@code mariadb://},
     * {@code sqlite:}, {@code file:}) or a plain SQLite file path ending in {@code .db}, {@code .sqlite} or
     * {@code .sqlite3}.
     *
     * @throws ConfigException when the URL is empty or its scheme is not supported
     */
    public static Vendor fromUrl(String url) {
        return dev.sluice.connection.internal.DatabaseUrl.parse(url, "url").vendor();
    }

    /**
     * Parses a vendor name as written in configuration: {@code postgresql} (or {@code postgres}, {@code pg}),
     * {@code mysql} (or {@code mariadb}), {@code sqlite}; case does not matter.
     *
     * @throws ConfigException for any other name
     */
    public static Vendor fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        List<String> allowed = new ArrayList<>();
        for (VendorDescriptor d : VendorDescriptor.all()) {
            if (d.names().contains(n)) {
                return d.vendor();
            }
            allowed.add(d.nameInMessages());
        }
        throw new ConfigException("vendor", name, "one of " + String.join(", ", allowed));
    }

    /**
     * Whether the database lives in the application's process, in a file or in memory (SQLite): there is no server,
     * so no host, port, user, TLS, and no {@code CREATE DATABASE}; a new database is a new file.
     */
    public boolean embedded() {
        return VendorDescriptor.of(this).embedded();
    }

    /** The port the vendor's servers listen on by default; -1 when there is no server (SQLite). */
    public int defaultPort() {
        return VendorDescriptor.of(this).defaultPort();
    }

    /**
     * A database on this vendor's servers that every user may connect to in order to create others ({@code postgres}
     * on PostgreSQL); {@code null} where a connection needs no database (MySQL) or there is no server (SQLite).
     */
    public String maintenanceDatabase() {
        return VendorDescriptor.of(this).maintenanceDatabase();
    }

    /**
     * The schema (PostgreSQL) or database (MySQL, MariaDB) the unqualified names of {@code connection} resolve to,
     * where the application's tables live; {@code null} for SQLite, which has only its main database.
     */
    public String currentSchema(java.sql.Connection connection) throws java.sql.SQLException {
        return VendorDescriptor.of(this).currentSchema(connection);
    }

    /** An identifier quoted as this vendor's SQL quotes it: {@code "order"} or {@code `order`}. */
    public String quoteIdentifier(String name) {
        return VendorDescriptor.of(this).quoteIdentifier(name);
    }
}
