package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.MissingDriverException;
import dev.sluice.connection.PoolSettings;
import dev.sluice.connection.SslSettings;
import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Everything that differs between database vendors, in one small object per vendor (after Flyway's
 * {@code DatabaseType}): the names and URLs that mean the vendor, driver class and coordinates, default port, pool
 * defaults, the driver properties that carry timeouts, TLS and the application name, the ping SQL, session reset, how
 * error codes are classified, and the SQL that creates and drops databases. No code outside the descriptors asks which
 * vendor it has; it asks the descriptor (through {@link Vendor}). Modules above core-connection keep their own
 * vendor-specific parts in companions found with {@link dev.sluice.connection.PerVendor}.
 *
 * <p>Adding a vendor: a {@link Vendor} constant, a descriptor subclass listed below, and the companions the other
 * modules ask for (their registries fail at once, naming the vendor, until they exist).
 */
public abstract class VendorDescriptor extends VendorNaming {
    private static final Properties COORDINATES = loadCoordinates();
    private static final dev.sluice.connection.PerVendor<VendorDescriptor> ALL = dev.sluice.connection.PerVendor.of(
            "vendor descriptor", VendorDescriptor::vendor, List.of(new PostgresDescriptor(), new MySqlDescriptor(), new SqliteDescriptor()));
    /** The vendor a host given without a vendor ({@code DB_HOST} alone) means. */
    private static final Vendor FOR_BARE_HOST = Vendor.POSTGRESQL;

    private final String driverClassName;
    private final java.util.Set<String> tlsParameters;

    VendorDescriptor(Vendor vendor, String driverClassName) {
        this(vendor, driverClassName, java.util.Set.of());
    }

    /** @param tlsParameters see {@link #tlsParameters()} */
    VendorDescriptor(Vendor vendor, String driverClassName, java.util.Set<String> tlsParameters) {
        super(vendor);
        this.driverClassName = driverClassName;
        this.tlsParameters = java.util.Set.copyOf(tlsParameters);
    }

    /** The descriptor of a vendor. */
    public static VendorDescriptor of(Vendor vendor) {
        return ALL.get(vendor);
    }

    /** Every descriptor, in the order of {@link Vendor#values()}. */
    public static Collection<VendorDescriptor> all() {
        return ALL.all();
    }

    /** The descriptor of the vendor a host without a vendor means (PostgreSQL). */
    public static VendorDescriptor forBareHost() {
        return of(FOR_BARE_HOST);
    }

    /** The JDBC driver class. */
    public String driverClassName() {
        return driverClassName;
    }

    /** {@code group:artifact:version} of the driver Sluice is built with. */
    public String driverCoordinates() {
        return COORDINATES.getProperty(vendor.id());
    }

    /** Whether the driver class can be loaded. */
    public boolean isDriverAvailable(ClassLoader loader) {
        try {
            Class.forName(driverClassName, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loads the driver class or fails with the coordinates to add. */
    public Class<?> requireDriver(ClassLoader loader) {
        try {
            return Class.forName(driverClassName, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            MissingDriverException ex = new MissingDriverException(vendor, driverClassName, driverCoordinates());
            ex.initCause(e);
            throw ex;
        }
    }

    /** The port the vendor's servers listen on by default; -1 when there is no network. */
    public abstract int defaultPort();

    /** A pool settings builder preloaded with this vendor's defaults. */
    public PoolSettings.Builder poolDefaults() {
        return PoolSettings.builder();
    }

    /** Checks settings that only make sense for some vendors. */
    public void validate(DatabaseUrl url, PoolSettings pool, SslSettings ssl) {
        // network vendors accept everything the settings types accept
    }

    /**
     * The names, in lower case, of the driver parameters that decide TLS. Given in a URL or in driver-properties they
     * would override {@code ssl.mode} (drivers let URL parameters win), so {@link ConnectionConfig} reads them instead
     * of passing them on: a conflict with an explicit {@code ssl} configuration is an error, and without one they
     * become the TLS settings.
     */
    public java.util.Set<String> tlsParameters() {
        return tlsParameters;
    }

    /**
     * What TLS parameters from a URL or driver-properties ask for.
     *
     * @param params the parameters, named as written
     * @param property where they came from, for messages
     * @throws ConfigException for a parameter or value that Sluice does not accept (one that falls back to plain text,
     *     or replaces how certificates are checked)
     */
    public UrlTls tls(java.util.Map<String, String> params, String property) {
        throw new ConfigException(property, String.join(", ", params.keySet()), vendor.displayName() + " has no TLS settings");
    }

    /**
     * TLS as asked for by driver parameters.
     *
     * @param mode the mode
     * @param rootCertificate the root certificate file, or {@code null}
     */
    public record UrlTls(dev.sluice.connection.SslMode mode, java.nio.file.Path rootCertificate) {}

    /** Rejects a TLS parameter that would change how certificates are checked behind {@code ssl.mode}'s back. */
    static ConfigException unsupportedTls(String property, String name, String value, String instead) {
        return new ConfigException(property, name + "=" + value, "Sluice decides TLS from ssl.mode and ssl.root-cert (or "
                + instead + "); " + name + " would change how the server is checked behind them, so remove it");
    }

    /** The driver properties for a pooled connection: credentials, timeouts, TLS, application name, vendor tuning. */
    public Properties driverProperties(ConnectionConfig config) {
        return driverProperties(config, config.applicationName());
    }

    /**
     * As {@link #driverProperties(ConnectionConfig)}, under another application name: the manager's own health and
     * probe connections are labelled {@code <application>-health}, so counting a pool's sessions on the server by
     * its application name counts only the pool.
     */
    public Properties driverProperties(ConnectionConfig config, String applicationName) {
        Properties p = new Properties();
        if (config.user() != null) {
            p.setProperty("user", config.user());
        }
        if (config.password() != null) {
            p.setProperty("password", config.password());
        }
        addDriverProperties(config, applicationName, p);
        config.driverProperties().forEach(p::setProperty);
        return p;
    }

    /** Adds the vendor's own properties (timeouts, TLS, application name). */
    abstract void addDriverProperties(ConnectionConfig config, String applicationName, Properties p);

    /** The server product, from the metadata's product name and version string. */
    public String serverProduct(String metadataProduct, String fullVersion) {
        return metadataProduct;
    }

    /** The numeric server version ({@code 15.20}) from the metadata's version string. */
    public String serverVersion(String fullVersion) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)*)").matcher(fullVersion == null ? "" : fullVersion);
        return m.find() ? m.group(1) : fullVersion;
    }

    /** Whether the vendor's servers are pooled by PgBouncer (the {@code pgbouncer} setting): PostgreSQL's only. */
    public boolean poolsBehindPgBouncer() {
        return false;
    }

    /** Whether the config's connections go through a pooler that hands server sessions on between transactions. */
    static boolean sessionsShared(ConnectionConfig config) {
        return config.pgBouncer().filter(dev.sluice.connection.PgBouncerMode::sharesSessions).isPresent();
    }

    /** Whether the vendor has roles that a session can switch to with {@code SET ROLE}. */
    public boolean supportsRoles() {
        return true;
    }

    /** SQL run on every new pooled connection, or {@code null}: switches to the configured role. */
    public String connectionInitSql(ConnectionConfig config) {
        return config.role() == null ? null : "SET ROLE " + config.role();
    }

    /**
     * Checks at connect that the configured role can be used: switching to it works (it exists and the login user may
     * use it), and it is not one that row-level security would not apply to.
     *
     * @throws ConfigException naming the role and what is wrong
     * @throws SQLException when the check itself cannot run
     */
    public void checkRole(java.sql.Connection c, ConnectionConfig config) throws SQLException {
        if (config.role() == null) {
            return;
        }
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(connectionInitSql(config));
        } catch (SQLException e) {
            if (classify(e) != FailureReason.OTHER || e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e; // the connection failed, not the role
            }
            throw new ConfigException("role", config.role(), "a role that exists on the server and that user '" + config.user()
                    + "' may switch to; SET ROLE failed: " + e.getMessage());
        }
    }

    /**
     * Puts a returned connection's session back as the pool opened it, before the next borrower gets it: a transaction
     * left open is rolled back, then whatever a borrower may have changed on the server side (settings, the role,
     * temporary tables, prepared statements, locks) is cleared and the pool's own session setup
     * ({@link #connectionInitSql}) is applied again. HikariCP restores the JDBC-level state (auto-commit, isolation,
     * read-only, catalog, schema) itself.
     */
    public void resetSession(java.sql.Connection c, ConnectionConfig config) throws SQLException {
        endTransaction(c);
    }

    /**
     * Whether running {@code sql} leaves the server session as it was, so that a borrow that ran only such statements
     * needs no {@link #resetSession} on return: one plain {@code SELECT} without calls of functions that may change
     * anything (see {@link SessionNeutralSql}). Vendors add what they know to be harmless or harmful.
     */
    public boolean leavesSessionUnchanged(String sql) {
        return SessionNeutralSql.isPlainSelect(sql, "");
    }

    /** Rolls back a transaction a borrower left open and returns to auto-commit mode. */
    static void endTransaction(java.sql.Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    /** The row-level security that applies to the session on the given tables; empty when the vendor has none. */
    public java.util.Optional<dev.sluice.connection.RowSecurity> rowSecurity(java.sql.Connection c, java.util.Collection<String> tables)
            throws SQLException {
        return java.util.Optional.empty();
    }

    /** Whether DDL statements are transactional (a failed migration leaves nothing behind). */
    public boolean transactionalDdl() {
        return true;
    }

    /**
     * The server's place in replication, read on an open connection after a health check's round trip: whether it is a
     * replica and how far its replay lags. Empty for vendors (or servers) that do not tell; a cluster then routes by
     * each node's configured role.
     */
    public java.util.Optional<dev.sluice.connection.ReplicationStatus> replication(java.sql.Connection c) throws SQLException {
        return java.util.Optional.empty();
    }

    /**
     * Whether the server is a node of a synchronous multi-primary cluster (a MariaDB Galera node, {@code wsrep_on}),
     * whose nodes each lock only for themselves: work that must run once across the cluster needs a lock that is
     * replicated (see the migrations' cluster lock).
     */
    public boolean synchronousCluster(java.sql.Connection c) throws SQLException {
        return false;
    }

    /**
     * After a health check's round trip: fails when the server answers but must not serve (a Galera node that is not
     * {@code Synced} and ready). Nothing for vendors and servers that are always ready once they answer.
     */
    public void checkReady(java.sql.Connection c) throws SQLException {
        // a server that answers serves
    }

    /** The cheapest statement that makes a real round trip. */
    public String pingSql() {
        return "SELECT 1";
    }

    /** Classifies a failure to connect. */
    public FailureReason classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException) {
                return FailureReason.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException) {
                return FailureReason.TIMEOUT;
            }
            if (t instanceof SQLException sql) {
                FailureReason r = classifySql(sql);
                if (r != FailureReason.OTHER) {
                    return r;
                }
            }
        }
        return FailureReason.OTHER;
    }

    /** Classifies a vendor error code or SQLState. */
    abstract FailureReason classifySql(SQLException e);

    /**
     * Whether an error is worth retrying as is: a serialization failure, a deadlock, a lost connection, a busy lock.
     */
    public abstract boolean isTransient(SQLException e);

    /**
     * Commits the connection's transaction and leaves it in auto-commit mode, without starting another transaction.
     * Most drivers do that with {@code commit()} followed by {@code setAutoCommit(true)}; see the SQLite descriptor
     * for the exception.
     */
    public void commit(java.sql.Connection c) throws SQLException {
        c.commit();
    }

    /**
     * Whether a failed commit is known to have rolled the transaction back: the server answered the COMMIT with an
     * error that ends the transaction (a serialization failure, a deferred constraint). Anything else, above all a
     * lost connection, leaves the outcome unknown: the commit may have taken effect.
     */
    public boolean commitFailureRolledBack(SQLException e) {
        return false;
    }

    /**
     * The schema (PostgreSQL) or database (MySQL) a connection's unqualified names resolve to, where the application's
     * tables live; {@code null} where there is only one (SQLite's main database).
     */
    public String currentSchema(java.sql.Connection c) throws SQLException {
        return c.getSchema();
    }

    /** The message for a database that does not exist: what to create, or what to check. */
    public String unknownDatabaseMessage(ConnectionConfig config, String where, String detail) {
        return vendor.displayName() + " at " + where + " has no database '" + config.database() + "'. Create it (CREATE DATABASE "
                + quoteIdentifier(config.database()) + ") or fix the database name in the URL.";
    }

    // ---- creating and dropping databases (servers only) -----------------------------------------------------------

    /**
     * A database every user may connect to, to create others from (PostgreSQL's {@code postgres}); {@code null} where
     * a connection needs no database (MySQL) or there is no server.
     */
    public String maintenanceDatabase() {
        return null;
    }

    /** The right a user needs to create databases, for messages: {@code CREATEDB}. */
    public String createDatabaseRight() {
        throw noServer();
    }

    /**
     * {@code CREATE DATABASE}.
     *
     * @param like a connection whose current database's character set the new one takes where the vendor has one per
     *     database (MySQL), or {@code null} for Sluice's default ({@code utf8mb4})
     */
    public String createDatabaseSql(String name, java.sql.Connection like) throws SQLException {
        throw noServer();
    }

    /** {@code DROP DATABASE IF EXISTS}, ending the sessions still on it where the server version can. */
    public String dropDatabaseSql(String name, String serverVersion) {
        throw noServer();
    }

    /** A query for the names of the databases whose name starts with {@code prefix} (taken literally). */
    public String listDatabasesSql(String prefix) {
        throw noServer();
    }

    private UnsupportedOperationException noServer() {
        return new UnsupportedOperationException(vendor.displayName() + " has no server to create or drop databases on");
    }

    /** {@code prefix} as the start of a LIKE pattern: {@code _} and {@code %} escaped with a backslash. */
    static String likePrefix(String prefix) {
        return "'" + prefix.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%").replace("'", "''") + "%'";
    }

    /** An identifier quoted for this vendor's SQL, so a hint can be pasted as is: {@code "my db"}. */
    public String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Where the database is, for messages: {@code 127.0.0.1:5432/app} or the SQLite path. */
    public String describeTarget(ConnectionConfig config) {
        return config.host() + ":" + config.port() + (config.database() == null ? "" : "/" + config.database());
    }

    /** Seconds for drivers that count in whole seconds; rounds up so 1500ms does not become 1s. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        return Long.toString(ms == 0 ? 0 : (ms + 999) / 1000);
    }

    /** Requires TLS to be off, for vendors without a network. */
    static void requireNoSsl(Vendor vendor, SslSettings ssl) {
        if (ssl.mode() != dev.sluice.connection.SslMode.DISABLE) {
            throw new ConfigException("ssl.mode", ssl.mode().id(), vendor.displayName() + " has no network connection; only disable is allowed");
        }
    }

    private static Properties loadCoordinates() {
        Properties p = new Properties();
        try (InputStream in = VendorDescriptor.class.getResourceAsStream("driver-coordinates.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read driver-coordinates.properties from the Sluice jar", e);
        }
        if (p.size() < 3) {
            throw new IllegalStateException("driver-coordinates.properties is missing from the Sluice jar; rebuild it");
        }
        return p;
    }
}
