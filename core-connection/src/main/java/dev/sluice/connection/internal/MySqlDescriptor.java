package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SslMode;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.Vendor;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** MySQL and MariaDB through MySQL Connector/J. Connector/J counts its timeouts in milliseconds. */
final class MySqlDescriptor extends VendorDescriptor {
    MySqlDescriptor() {
        super(Vendor.MYSQL, "com.mysql.cj.jdbc.Driver", TLS);
    }

    @Override
    public int defaultPort() {
        return 3306;
    }

    @Override
    public List<String> names() {
        return List.of("mysql", "mariadb");
    }

    @Override
    public String nameInMessages() {
        return "mysql (also for MariaDB)";
    }

    @Override
    public List<String> urlForms() {
        return List.of("mysql://", "mariadb://");
    }

    /** Key store passwords, and the passwords of multi-factor authentication. */
    @Override
    public List<String> secretParameters() {
        return List.of("clientcertificatekeystorepassword", "trustcertificatekeystorepassword", "password1", "password2", "password3");
    }

    @Override
    public String jdbcSubprotocolHint(String subprotocol) {
        return subprotocol.equals("mariadb")
                ? "Sluice reaches MariaDB through MySQL Connector/J: write jdbc:mysql://... or mariadb://... instead" : null;
    }

    /** The connection's database: MySQL's schemas are its databases, and Connector/J reports them as catalogs. */
    @Override
    public String currentSchema(java.sql.Connection c) throws SQLException {
        return c.getCatalog();
    }

    @Override
    public String createDatabaseRight() {
        return "the CREATE privilege";
    }

    /**
     * With the character set and collation of {@code like}'s current database, so a throwaway database compares like
     * the one it stands in for; without one, the server's defaults; with no {@code like}, {@code utf8mb4}.
     */
    @Override
    public String createDatabaseSql(String name, java.sql.Connection like) throws SQLException {
        String charset = " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
        if (like != null) {
            try (java.sql.Statement s = like.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT DEFAULT_CHARACTER_SET_NAME, "
                    + "DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = DATABASE()")) {
                charset = rs.next() ? " CHARACTER SET " + rs.getString(1) + " COLLATE " + rs.getString(2) : "";
            }
        }
        return "CREATE DATABASE " + quoteIdentifier(name) + charset;
    }

    @Override
    public String dropDatabaseSql(String name, String serverVersion) {
        return "DROP DATABASE IF EXISTS " + quoteIdentifier(name);
    }

    @Override
    public String listDatabasesSql(String prefix) {
        return "SHOW DATABASES LIKE " + likePrefix(prefix);
    }

    private static final Set<String> TLS = Set.of("sslmode", "usessl", "requiressl", "verifyservercertificate",
            "trustcertificatekeystoreurl", "trustcertificatekeystoretype", "trustcertificatekeystorepassword", "fallbacktosystemtruststore");

    @Override
    public UrlTls tls(Map<String, String> params, String property) {
        SslMode mode = null;
        SslMode legacy = null; // useSSL, requireSSL, verifyServerCertificate: Connector/J lets sslMode win over them
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "sslmode" -> mode = switch (value.toUpperCase(Locale.ROOT)) {
                    case "DISABLED" -> SslMode.DISABLE;
                    case "REQUIRED" -> SslMode.REQUIRE;
                    case "VERIFY_CA" -> SslMode.VERIFY_CA;
                    case "VERIFY_IDENTITY" -> SslMode.VERIFY_FULL;
                    case "PREFERRED" -> throw new ConfigException(property, name + "=" + value,
                            "PREFERRED falls back to an unencrypted connection; use sslMode=DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY");
                    default -> throw new ConfigException(property, name + "=" + value, "one of DISABLED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY");
                };
                case "usessl" -> legacy = stronger(legacy, ConfigBinder.bool(property + ": " + name, value) ? SslMode.REQUIRE : SslMode.DISABLE);
                case "requiressl" -> legacy = ConfigBinder.bool(property + ": " + name, value) ? stronger(legacy, SslMode.REQUIRE) : legacy;
                case "verifyservercertificate" -> legacy = ConfigBinder.bool(property + ": " + name, value) ? stronger(legacy, SslMode.VERIFY_CA) : legacy;
                default -> throw unsupportedTls(property, name, value, "the URL's sslMode");
            }
        }
        SslMode asked = mode != null ? mode : legacy;
        if (asked == null) {
            throw new ConfigException(property, String.join(", ", params.keySet()), "give sslMode beside them");
        }
        return new UrlTls(asked, null);
    }

    private static SslMode stronger(SslMode a, SslMode b) {
        return a == null || b.ordinal() > a.ordinal() ? b : a;
    }

    @Override
    void addDriverProperties(ConnectionConfig config, String applicationName, Properties p) {
        p.setProperty("connectTimeout", Long.toString(config.timeouts().connect().toMillis()));
        p.setProperty("socketTimeout", Long.toString(config.timeouts().socket().toMillis()));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectionAttributes", "program_name:" + applicationName.replace(',', '_').replace(':', '_'));
        // Multi-row INSERTs for batches: the difference between minutes and seconds for bulk loads.
        p.setProperty("rewriteBatchedStatements", "true");
        // Timestamps travel in UTC whatever the JVM's or the server's time zone is.
        p.setProperty("connectionTimeZone", "UTC");
        p.setProperty("forceConnectionTimeZoneToSession", "false");
        switch (config.ssl().mode()) {
            case DISABLE -> p.setProperty("sslMode", "DISABLED");
            case REQUIRE -> p.setProperty("sslMode", "REQUIRED");
            case VERIFY_CA -> p.setProperty("sslMode", "VERIFY_CA");
            case VERIFY_FULL -> p.setProperty("sslMode", "VERIFY_IDENTITY");
        }
        if (config.ssl().rootCertificate() != null && config.ssl().mode().verifiesCertificate()) {
            // Connector/J reads Java key stores, not PEM: convert the PEM root certificate(s) into a PKCS#12 trust store.
            TrustStores.Store store = TrustStores.fromPem(config.ssl().rootCertificate());
            p.setProperty("trustCertificateKeyStoreUrl", store.url());
            p.setProperty("trustCertificateKeyStoreType", "PKCS12");
            p.setProperty("trustCertificateKeyStorePassword", store.password());
            p.setProperty("fallbackToSystemTrustStore", "false");
        }
    }

    private volatile java.lang.reflect.Method resetServerState;

    /** A plain select, without user variables ({@code SELECT @x := 1} sets one; {@code @@} reads are let go too). */
    @Override
    public boolean leavesSessionUnchanged(String sql) {
        return SessionNeutralSql.isPlainSelect(sql, "@");
    }

    /**
     * Connector/J's {@code resetServerState()}: COM_RESET_CONNECTION (user variables, session variables, temporary
     * tables, prepared statements, locks, the role), after which the driver sets up its session again; then the
     * configured role. Called by name so that Connector/J stays an optional dependency.
     */
    @Override
    public void resetSession(java.sql.Connection c, ConnectionConfig config) throws SQLException {
        endTransaction(c);
        java.lang.reflect.Method reset = resetServerState;
        try {
            if (reset == null) {
                Class<?> type = Class.forName("com.mysql.cj.jdbc.JdbcConnection", true, config.driverClassLoader());
                reset = type.getMethod("resetServerState");
                resetServerState = reset;
            }
            reset.invoke(c.unwrap(reset.getDeclaringClass()));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException("Connector/J could not reset the session", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new SQLException("Connector/J has no resetServerState(); set pool.reset-on-return: false", e);
        }
        String init = connectionInitSql(config);
        if (init != null) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(init);
            }
        }
    }

    @Override
    public String quoteIdentifier(String name) {
        return '`' + name.replace("`", "``") + '`';
    }

    @Override
    public boolean transactionalDdl() {
        return false; // every DDL statement commits implicitly
    }

    @Override
    public String serverProduct(String metadataProduct, String fullVersion) {
        return fullVersion != null && fullVersion.contains("MariaDB") ? "MariaDB" : metadataProduct;
    }

    @Override
    public String serverVersion(String fullVersion) {
        // MariaDB announces itself as "5.5.5-10.11.19-MariaDB..." for the sake of old MySQL clients
        String v = fullVersion != null && fullVersion.startsWith("5.5.5-") && fullVersion.contains("MariaDB")
                ? fullVersion.substring("5.5.5-".length()) : fullVersion;
        return super.serverVersion(v);
    }

    @Override
    public boolean synchronousCluster(java.sql.Connection c) throws SQLException {
        return Galera.on(c);
    }

    @Override
    public void checkReady(java.sql.Connection c) throws SQLException {
        Galera.requireSynced(c);
    }

    @Override
    FailureReason classifySql(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1049 -> FailureReason.UNKNOWN_DATABASE; // ER_BAD_DB_ERROR
            case 1045, 1044, 1698 -> FailureReason.AUTHENTICATION; // access denied (user, database, no password)
            default -> FailureReason.OTHER;
        };
    }

    @Override
    public boolean commitFailureRolledBack(SQLException e) {
        // a deadlock or lock wait timeout reported in answer to COMMIT: InnoDB rolled the transaction back. On a Galera
        // node 1213 at COMMIT is also a certification conflict with a write committed first on another node: the
        // transaction was rolled back on every node, so it is retried like a deadlock
        return e.getErrorCode() == 1213 || e.getErrorCode() == 1205;
    }

    @Override
    public boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        int code = e.getErrorCode();
        return code == 1213 // ER_LOCK_DEADLOCK
                || code == 1205 // ER_LOCK_WAIT_TIMEOUT
                || code == 1040 // ER_CON_COUNT_ERROR
                || code == 1053 // ER_SERVER_SHUTDOWN
                || code == 1927 // MariaDB: connection was killed
                || (state != null && (state.startsWith("08") || state.equals("40001")));
    }
}
