package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.PoolSettings;
import dev.sluice.connection.SslSettings;
import dev.sluice.connection.Vendor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * SQLite through xerial sqlite-jdbc. SQLite allows one writer at a time, so the pool defaults to a single connection:
 * concurrent writers in one process queue for it instead of failing with SQLITE_BUSY. Across connections and processes
 * the defaults are safe too: WAL mode (readers run beside the writer), a busy timeout (a writer waits for the lock
 * instead of failing), and transactions that start with {@code BEGIN IMMEDIATE} (they wait for the write lock up front
 * rather than fail when a read turns into a write). A BUSY that still happens is transient: {@code Database} retries
 * the transaction within its retry policy.
 */
final class SqliteDescriptor extends VendorDescriptor {
    SqliteDescriptor() {
        super(Vendor.SQLITE, "org.sqlite.JDBC");
    }

    @Override
    public int defaultPort() {
        return -1;
    }

    @Override
    public PoolSettings.Builder poolDefaults() {
        // One connection: the single writer. It never idles out or expires, which in-memory databases depend on.
        return PoolSettings.builder(1, 1).idleTimeout(Duration.ZERO).maxLifetime(Duration.ZERO);
    }

    @Override
    public List<String> names() {
        return List.of("sqlite", "sqlite3");
    }

    @Override
    public List<String> urlForms() {
        return List.of("sqlite:", "file:");
    }

    /** {@code sqlite:///abs/path}, {@code sqlite://rel.db}, {@code sqlite:rel.db}, {@code file:app.db}. */
    @Override
    public DatabaseUrl parseUrl(String url, int colon, String property) {
        String rest = url.substring(colon + 1);
        // sqlite:///abs/path -> /abs/path ; sqlite://rel.db -> rel.db ; sqlite:rel.db -> rel.db
        return file(rest.startsWith("//") ? rest.substring(2) : rest, url, property);
    }

    @Override
    public DatabaseUrl parseJdbcUrl(String url, String rest, String property) {
        return file(rest, url, property);
    }

    @Override
    public String pathForm() {
        return "a SQLite file path ending in .db, .sqlite or .sqlite3";
    }

    @Override
    public boolean recognisesPath(String lowerCase) {
        return lowerCase.endsWith(".db") || lowerCase.endsWith(".sqlite") || lowerCase.endsWith(".sqlite3") || lowerCase.equals(":memory:");
    }

    @Override
    public DatabaseUrl parsePath(String path, String property) {
        return file(path, path, property);
    }

    @Override
    public DatabaseUrl fromParts(String host, Integer port, String database) {
        if (database == null) {
            throw new ConfigException("database", null, "a SQLite file path (or set url: sqlite:app.db)");
        }
        return DatabaseUrl.parse("sqlite:" + database, "database");
    }

    private DatabaseUrl file(String path, String original, String property) {
        String p = path;
        int q = p.indexOf('?');
        String query = "";
        if (q >= 0) {
            query = p.substring(q);
            p = p.substring(0, q);
        }
        if (p.isBlank()) {
            throw new ConfigException(property, DatabaseUrl.shown(original),
                    "a SQLite URL needs a file path (sqlite:app.db, sqlite:///abs/app.db) or :memory:");
        }
        return new DatabaseUrl(vendor(), "jdbc:sqlite:" + p + query, null, -1, p, null, null, Map.of(), Map.of());
    }

    @Override
    public boolean embedded() {
        return true;
    }

    /**
     * {@code :memory:}, {@code file::memory:} (with or without parameters) and a file URI with {@code mode=memory}:
     * each connection of such a URL opens its own database (unless the cache is shared), gone when it closes.
     */
    @Override
    public boolean inMemory(DatabaseUrl url) {
        String path = url.database();
        int q = url.jdbcUrl().indexOf('?');
        String query = q < 0 ? "" : url.jdbcUrl().substring(q + 1);
        return path.equals(":memory:") || path.startsWith("file::memory:")
                || java.util.Arrays.asList(query.split("&")).contains("mode=memory");
    }

    @Override
    public String currentSchema(java.sql.Connection c) {
        return null; // one main database
    }

    @Override
    public String unknownDatabaseMessage(ConnectionConfig config, String where, String detail) {
        return "Cannot open SQLite database file '" + where + "': " + detail + ". Check that its directory exists and is writable.";
    }

    @Override
    public boolean supportsRoles() {
        return false;
    }

    @Override
    public void validate(DatabaseUrl url, PoolSettings pool, SslSettings ssl) {
        requireNoSsl(vendor(), ssl);
        if (inMemory(url) && pool.max() != 1) {
            throw new ConfigException("pool.max", pool.max(),
                    "must be 1 for an in-memory SQLite database: every connection would open a different, empty database");
        }
    }

    @Override
    void addDriverProperties(ConnectionConfig config, String applicationName, Properties p) {
        if (!config.inMemory()) {
            p.setProperty("journal_mode", "WAL");
        }
        sessionPragmas(config).forEach(p::setProperty);
        // Every transaction takes the write lock when it begins, waiting up to busy_timeout for it. A DEFERRED
        // transaction that reads and then writes while another connection or process committed in between fails at
        // once with SQLITE_BUSY (the busy timeout cannot help it), which is what two processes on one file ran into.
        p.setProperty("transaction_mode", "IMMEDIATE");
    }

    /** The per-connection pragmas Sluice sets (journal_mode belongs to the file, not the connection). */
    private static java.util.Map<String, String> sessionPragmas(ConnectionConfig config) {
        java.util.Map<String, String> pragmas = new java.util.LinkedHashMap<>();
        if (!config.inMemory()) {
            pragmas.put("synchronous", "NORMAL");
        }
        pragmas.put("busy_timeout", Long.toString(config.timeouts().sqliteBusy().toMillis()));
        pragmas.put("foreign_keys", "true");
        return pragmas;
    }

    /**
     * What a connection keeps in SQLite: temporary tables and views, attached databases, and pragmas (a borrower that
     * turned {@code foreign_keys} off would turn it off for the next one). Temporary objects are dropped, attached
     * databases detached, and Sluice's pragmas set again. Measured (sqlite-jdbc, in-process): plain statements, about
     * 8us in all; reading the state through the pragma table functions first costs more than setting it again.
     */
    @Override
    public void resetSession(java.sql.Connection c, ConnectionConfig config) throws SQLException {
        endTransaction(c);
        try (java.sql.Statement s = c.createStatement()) {
            java.util.List<String> undo = new java.util.ArrayList<>();
            boolean temp;
            try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM temp.sqlite_master")) {
                temp = rs.next() && rs.getInt(1) > 0;
            }
            if (temp) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT type, name FROM temp.sqlite_master "
                        + "WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type DESC")) {
                    while (rs.next()) {
                        undo.add("DROP " + rs.getString(1) + " temp." + quoteIdentifier(rs.getString(2)));
                    }
                }
            }
            try (java.sql.ResultSet rs = s.executeQuery("PRAGMA database_list")) {
                while (rs.next()) {
                    String name = rs.getString("name");
                    if (!name.equals("main") && !name.equals("temp")) {
                        undo.add("DETACH DATABASE " + quoteIdentifier(name));
                    }
                }
            }
            for (java.util.Map.Entry<String, String> pragma : sessionPragmas(config).entrySet()) {
                undo.add("PRAGMA " + pragma.getKey() + " = " + pragma.getValue());
            }
            for (String sql : undo) {
                s.execute(sql);
            }
        }
    }

    @Override
    FailureReason classifySql(SQLException e) {
        // SQLITE_CANTOPEN (14), SQLITE_NOTADB (26): the file is missing from an unwritable place, or is not a database
        return e.getErrorCode() == 14 || e.getErrorCode() == 26 ? FailureReason.UNKNOWN_DATABASE : FailureReason.OTHER;
    }

    /**
     * sqlite-jdbc's {@code commit()} runs {@code COMMIT} and then {@code BEGIN} at once, to stay in a transaction; in
     * IMMEDIATE mode that {@code BEGIN} takes the write lock again and may wait for another process, then fail with
     * SQLITE_BUSY after the commit took effect. Leaving transaction mode commits with a single {@code COMMIT}. (A
     * failed commit is never known to be rolled back here, for the same reason.)
     */
    @Override
    public void commit(java.sql.Connection c) throws SQLException {
        c.setAutoCommit(true);
    }

    @Override
    public boolean isTransient(SQLException e) {
        int code = e.getErrorCode() & 0xff; // primary result code
        return code == 5 || code == 6; // SQLITE_BUSY, SQLITE_LOCKED
    }

    @Override
    public String describeTarget(ConnectionConfig config) {
        return config.database();
    }
}
