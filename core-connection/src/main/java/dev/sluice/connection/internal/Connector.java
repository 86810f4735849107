package dev.sluice.connection.internal;

import dev.sluice.connection.Durations;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionFailedException;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.ServerInfo;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Opens single, unpooled connections through the vendor's {@link Driver}: for {@code connect()}'s first round trip,
 * for health checks that must not compete with borrowers for pool slots, and for reconnect probes. Failures become
 * {@link ConnectionFailedException}s that say why in words.
 */
public final class Connector {
    private final ConnectionConfig config;
    private final VendorDescriptor descriptor;
    private final Driver driver;
    private final Properties properties;
    private final Properties directProperties;

    /** Loads the driver (failing with its coordinates when missing) and prepares the connection properties. */
    public Connector(ConnectionConfig config) {
        this.config = config;
        this.descriptor = VendorDescriptor.of(config.vendor());
        Class<?> driverClass = descriptor.requireDriver(config.driverClassLoader());
        try {
            this.driver = (Driver) driverClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot instantiate JDBC driver " + driverClass.getName() + ": " + e, e);
        }
        this.properties = descriptor.driverProperties(config);
        String direct = config.applicationName().length() > 56 ? config.applicationName().substring(0, 56) : config.applicationName();
        this.directProperties = descriptor.driverProperties(config, direct + "-health");
    }

    /** The vendor descriptor. */
    public VendorDescriptor descriptor() {
        return descriptor;
    }

    /**
     * Where the pool gets its connections: this connector's driver instance, loaded from the configured class loader,
     * with the properties of pooled connections. Handing HikariCP a data source rather than a driver class name keeps
     * it from picking another driver of the same name that its own class loader sees.
     */
    public DataSource pooledDataSource() {
        return new PooledSource();
    }

    /** Opens one pooled connection with the pool's properties (they contain the password; never print them). */
    private Connection openPooled() throws SQLException {
        return connect(properties);
    }

    /** Opens one unpooled connection (health checks, probes), labelled {@code <application>-health} on the server. */
    public Connection open() throws SQLException {
        return connect(directProperties);
    }

    private Connection connect(Properties props) throws SQLException {
        Connection c = driver.connect(config.jdbcUrl(), props);
        if (c == null) {
            throw new SQLException("Driver " + driver.getClass().getName() + " does not accept URL " + config.redactedUrl());
        }
        return c;
    }

    /**
     * Opens a connection, makes one round trip, checks the configured role and reads what the server says about itself.
     *
     * @throws ConnectionFailedException with the reason in words
     * @throws dev.sluice.connection.ConfigException when the configured role does not exist, may not be used, or is a
     *     superuser
     */
    public ServerInfo probe() {
        try (Connection c = open()) {
            long start = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute(descriptor.pingSql());
            }
            Duration rt = Duration.ofNanos(System.nanoTime() - start);
            descriptor.checkReady(c); // reconnected only once a Galera node is Synced again
            descriptor.checkRole(c, config);
            return serverInfo(c, rt);
        } catch (dev.sluice.connection.ConfigException e) {
            throw e; // the server answered; the configuration is wrong (a role that cannot be used)
        } catch (SQLException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** Reads product, version and driver from an open connection. */
    public ServerInfo serverInfo(Connection c, Duration roundTrip) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String full = md.getDatabaseProductVersion();
        return new ServerInfo(config.vendor(), descriptor.serverProduct(md.getDatabaseProductName(), full),
                descriptor.serverVersion(full), full, md.getDriverName() + " " + md.getDriverVersion(), roundTrip);
    }

    /** Turns a failure to connect into an exception whose message says what happened and what to check. */
    public ConnectionFailedException failure(Throwable e) {
        if (e instanceof ConnectionFailedException cfe) {
            return cfe;
        }
        FailureReason reason = descriptor.classify(e);
        String vendor = config.vendor().displayName();
        String where = descriptor.describeTarget(config);
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        while (detail.endsWith(".")) {
            detail = detail.substring(0, detail.length() - 1); // our sentence continues after it
        }
        String message = switch (reason) {
            case UNREACHABLE -> "Cannot reach " + vendor + " at " + where + ": " + detail
                    + ". Is the server running and accepting TCP connections on that host and port?";
            case TIMEOUT -> vendor + " at " + where + " did not answer within " + Durations.format(config.timeouts().connect())
                    + " (connect-timeout): " + detail;
            case UNKNOWN_DATABASE -> descriptor.unknownDatabaseMessage(config, where, detail);
            case AUTHENTICATION -> vendor + " at " + where + " rejected the credentials of "
                    + (config.user() == null ? "the default user (none was given)" : "user '" + config.user() + "'") + ": " + detail + ". Check the user name and password (the password is not shown).";
            case OTHER -> "Cannot connect to " + vendor + " at " + where + ": " + detail;
        };
        return new ConnectionFailedException(reason, message + " [" + config.redactedUrl() + "]", e);
    }

    /** {@link #pooledDataSource()}: only what HikariCP calls; timeouts travel in the driver properties. */
    private final class PooledSource implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return openPooled();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool's credentials are in its configuration");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // Sluice logs through SLF4J
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // connect-timeout is already among the driver properties; HikariCP's value would only repeat it
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("Sluice logs through SLF4J");
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("Not a wrapper for " + iface.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }

        @Override
        public String toString() {
            return "Sluice pooled connections of " + config.redactedUrl();
        }
    }
}
