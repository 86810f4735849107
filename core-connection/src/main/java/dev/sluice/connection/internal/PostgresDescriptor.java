package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SslMode;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.Vendor;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** PostgreSQL through pgjdbc. pgjdbc counts its timeouts in whole seconds. */
final class PostgresDescriptor extends VendorDescriptor {
    PostgresDescriptor() {
        super(Vendor.POSTGRESQL, "org.postgresql.Driver", TLS);
    }

    @Override
    public int defaultPort() {
        return 5432;
    }

    @Override
    public List<String> names() {
        return List.of("postgresql", "postgres", "pg");
    }

    @Override
    public List<String> urlForms() {
        return List.of("postgres://", "postgresql://");
    }

    @Override
    public List<String> secretParameters() {
        return List.of("sslpassword", "sslkeypassword");
    }

    /** Also pgjdbc's short form {@code jdbc:postgresql:dbname[?params]}: localhost, the default port. */
    @Override
    public DatabaseUrl parseJdbcUrl(String url, String rest, String property) {
        boolean shortForm = !rest.startsWith("//") && !rest.isBlank() && !rest.contains("/");
        return super.parseJdbcUrl(url, shortForm ? "//localhost/" + rest : rest, property);
    }

    @Override
    public boolean poolsBehindPgBouncer() {
        return true;
    }

    @Override
    public String maintenanceDatabase() {
        return "postgres";
    }

    @Override
    public String createDatabaseRight() {
        return "CREATEDB";
    }

    @Override
    public String createDatabaseSql(String name, java.sql.Connection like) {
        return "CREATE DATABASE " + quoteIdentifier(name);
    }

    /** {@code WITH (FORCE)}, PostgreSQL 13+, ends the sessions still on the database (a failed code generator's). */
    @Override
    public String dropDatabaseSql(String name, String serverVersion) {
        return "DROP DATABASE IF EXISTS " + quoteIdentifier(name) + (majorVersion(serverVersion) >= 13 ? " WITH (FORCE)" : "");
    }

    @Override
    public String listDatabasesSql(String prefix) {
        return "SELECT datname FROM pg_database WHERE datname LIKE " + likePrefix(prefix);
    }

    private static int majorVersion(String version) {
        try {
            return Integer.parseInt(version == null ? "0" : version.split("\\.")[0].trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static final Set<String> TLS = Set.of("sslmode", "ssl", "sslrootcert", "sslfactory", "sslfactoryarg", "sslhostnameverifier");

    @Override
    public UrlTls tls(Map<String, String> params, String property) {
        SslMode mode = null;
        Path root = null;
        String ssl = null;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "sslmode" -> mode = switch (value.toLowerCase(Locale.ROOT)) {
                    case "allow", "prefer" -> throw new ConfigException(property, name + "=" + value,
                            "allow and prefer fall back to an unencrypted connection; use sslmode=disable, require, verify-ca or verify-full");
                    default -> SslMode.parse(property + ": " + name, value);
                };
                case "ssl" -> ssl = value;
                case "sslrootcert" -> root = Path.of(value);
                default -> throw unsupportedTls(property, name, value, "the URL's sslmode and sslrootcert");
            }
        }
        if (mode == null && ssl != null) {
            // pgjdbc: ssl=true without sslmode verifies the full certificate
            mode = ConfigBinder.bool(property + ": ssl", ssl) ? SslMode.VERIFY_FULL : SslMode.DISABLE;
        }
        if (mode == null) {
            throw new ConfigException(property, "sslrootcert=" + root, "sslrootcert needs an sslmode (verify-ca or verify-full) beside it");
        }
        return new UrlTls(mode, root);
    }

    @Override
    void addDriverProperties(ConnectionConfig config, String applicationName, Properties p) {
        p.setProperty("ApplicationName", applicationName);
        // With a 9.0+ server assumed, pgjdbc sends application_name and extra_float_digits in the startup packet instead
        // of SET after login: they become the session's defaults, which the session reset (RESET ALL) returns to, and
        // login saves a round trip. Sluice needs PostgreSQL 10+ anyway (identity columns).
        p.setProperty("assumeMinServerVersion", "10");
        p.setProperty("connectTimeout", seconds(config.timeouts().connect()));
        // loginTimeout bounds the whole login, including a server that accepts TCP but never answers.
        p.setProperty("loginTimeout", seconds(config.timeouts().connect()));
        p.setProperty("socketTimeout", seconds(config.timeouts().socket()));
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        if (sessionsShared(config)) {
            // pgjdbc prepares a statement on the server after 5 executions; through a transaction-mode PgBouncer the
            // next transaction runs on another server connection, which does not have it ("S_4" does not exist).
            // driver-properties (added after these) may turn them back on for PgBouncer 1.21+ with max_prepared_statements.
            p.setProperty("prepareThreshold", "0");
        }
        p.setProperty("sslmode", config.ssl().mode().id());
        if (config.ssl().rootCertificate() != null) {
            p.setProperty("sslrootcert", config.ssl().rootCertificate().toAbsolutePath().toString());
        }
    }

    /**
     * What {@code DISCARD ALL} does, spelled out so that it can share one round trip with {@code SET ROLE} (which
     * {@code DISCARD ALL} undoes, and cannot be sent with in one batch: it refuses to run inside a transaction block).
     */
    private static final String DISCARD_ALL_STEPS = "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; CLOSE ALL; "
            + "UNLISTEN *; SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES";

    /**
     * Statements whose effect ends with the transaction, which a returned connection's rollback or its borrower's
     * commit already ended: {@code SET LOCAL} (statement timeouts) and {@code set_config(name, value, true)} (the
     * tenant of a tenant scope).
     */
    private static final java.util.regex.Pattern TRANSACTION_LOCAL = java.util.regex.Pattern.compile(
            "(?i)\\s*(SET\\s+LOCAL\\s+[^;\\\\]*|SELECT\\s+set_config\\s*\\(\\s*(\\?|'[^'\\\\]*')\\s*,\\s*(\\?|'[^'\\\\]*')\\s*,\\s*true\\s*\\))\\s*");

    /** A plain select, or a setting for the current transaction only. */
    @Override
    public boolean leavesSessionUnchanged(String sql) {
        return SessionNeutralSql.isPlainSelect(sql, "") || TRANSACTION_LOCAL.matcher(sql).matches();
    }

    /**
     * {@code DISCARD ALL}: settings ({@code set_config}, {@code SET}, {@code search_path}), the role, temporary
     * tables, prepared statements (pgjdbc notices and forgets its own), cursors, LISTENs and advisory locks; then the
     * configured role again. One round trip either way.
     */
    @Override
    public void resetSession(java.sql.Connection c, ConnectionConfig config) throws SQLException {
        endTransaction(c);
        if (sessionsShared(config)) {
            // between transactions this client has no server session of its own: DISCARD ALL would reset whichever
            // server connection PgBouncer picks for it, and PgBouncer resets those itself (server_reset_query)
            return;
        }
        String init = connectionInitSql(config);
        try (java.sql.Statement s = c.createStatement()) {
            s.execute(init == null ? "DISCARD ALL" : DISCARD_ALL_STEPS + "; " + init);
        }
    }

    @Override
    public java.util.Optional<dev.sluice.connection.RowSecurity> rowSecurity(java.sql.Connection c, java.util.Collection<String> tables)
            throws SQLException {
        String role;
        boolean superuser;
        boolean bypass;
        try (java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT rolname, rolsuper, rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            rs.next();
            role = rs.getString(1);
            superuser = rs.getBoolean(2);
            bypass = rs.getBoolean(3);
        }
        Map<String, dev.sluice.connection.RowSecurity.Table> found = new java.util.LinkedHashMap<>();
        // policies that apply to the role: those for PUBLIC (role 0) and those for a role it is a member of
        String sql = "SELECT c.relname, pg_catalog.pg_has_role(current_user, c.relowner, 'MEMBER'), c.relrowsecurity, c.relforcerowsecurity,"
                + " (SELECT count(*) FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid AND (0 = ANY (p.polroles)"
                + "   OR EXISTS (SELECT 1 FROM unnest(p.polroles) r WHERE r <> 0 AND pg_catalog.pg_has_role(current_user, r, 'MEMBER'))))"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname = ANY (?)";
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("text", tables.toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new dev.sluice.connection.RowSecurity.Table(rs.getBoolean(2), rs.getBoolean(3),
                            rs.getBoolean(4), rs.getInt(5)));
                }
            }
        }
        return java.util.Optional.of(new dev.sluice.connection.RowSecurity(role, superuser, bypass, found));
    }

    /**
     * {@code pg_is_in_recovery()} tells a standby from a primary. A standby's lag is the age of the last replayed
     * transaction ({@code now() - pg_last_xact_replay_timestamp()}), except when everything it has received is
     * replayed: then it is caught up (lag 0), however long ago the primary last wrote. So a paused or slow replay shows
     * a growing lag as soon as the primary writes, and an idle primary does not make its standbys look stale. A standby
     * that is behind but has replayed no transaction since it started counts its lag from its start, an upper bound.
     */
    private static final String REPLICATION_SQL = "SELECT pg_catalog.pg_is_in_recovery(), CASE"
            + " WHEN NOT pg_catalog.pg_is_in_recovery() THEN NULL"
            + " WHEN pg_catalog.pg_last_wal_receive_lsn() IS NOT NULL"
            + "  AND pg_catalog.pg_last_wal_receive_lsn() <= pg_catalog.pg_last_wal_replay_lsn() THEN 0"
            + " ELSE EXTRACT(EPOCH FROM now() - COALESCE(pg_catalog.pg_last_xact_replay_timestamp(),"
            + " pg_catalog.pg_postmaster_start_time())) END";

    @Override
    public java.util.Optional<dev.sluice.connection.ReplicationStatus> replication(java.sql.Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(REPLICATION_SQL)) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return java.util.Optional.of(dev.sluice.connection.ReplicationStatus.PRIMARY);
            }
            java.math.BigDecimal seconds = rs.getBigDecimal(2);
            java.time.Duration lag = seconds == null ? null
                    : java.time.Duration.ofNanos(Math.max(0, seconds.movePointRight(9).longValue()));
            return java.util.Optional.of(new dev.sluice.connection.ReplicationStatus(true, lag));
        }
    }

    @Override
    public void checkRole(java.sql.Connection c, ConnectionConfig config) throws SQLException {
        super.checkRole(c, config);
        if (config.role() == null) {
            return;
        }
        try (java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")) {
            if (rs.next() && rs.getBoolean(1)) {
                throw new ConfigException("role", config.role(), "a role without SUPERUSER: row-level security does not apply to a "
                        + "superuser, so tenant isolation would do nothing (ALTER ROLE " + config.role() + " NOSUPERUSER, or use another role)");
            }
        }
    }

    @Override
    FailureReason classifySql(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return FailureReason.OTHER;
        }
        return switch (state) {
            case "3D000" -> FailureReason.UNKNOWN_DATABASE; // invalid_catalog_name
            case "28P01", "28000" -> FailureReason.AUTHENTICATION; // invalid_password, invalid_authorization_specification
            case "08001" -> e.getMessage() != null && e.getMessage().contains("timed out") ? FailureReason.TIMEOUT : FailureReason.OTHER;
            default -> FailureReason.OTHER;
        };
    }

    @Override
    public boolean commitFailureRolledBack(SQLException e) {
        String state = e.getSQLState();
        // class 40: transaction rollback (serialization failure, deadlock); class 23: a deferred constraint failed at
        // commit; 25P02: the transaction had already failed. In each case the server replied and ended it.
        return state != null && (state.startsWith("40") || state.startsWith("23") || state.equals("25P02"));
    }

    @Override
    public boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return false;
        }
        return state.startsWith("08") // connection exceptions
                || state.equals("40001") // serialization_failure
                || state.equals("40P01") // deadlock_detected
                || state.equals("55P03") // lock_not_available
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // shutdown, crash, starting up
                || state.equals("53300"); // too_many_connections
    }
}
