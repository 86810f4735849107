package dev.sluice.testkit.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CREATE and DROP DATABASE on a test server, through one small admin pool per server (opened by core-connection like
 * every other connection in Sluice).
 */
public final class Admin {
    private static final Map<TestServer, ConnectionManager> ADMINS = new ConcurrentHashMap<>();
    private static final Duration STALE_AFTER = Duration.ofHours(6);

    private Admin() {}

    /** The admin pool of a server, opened on first use. */
    public static ConnectionManager admin(TestServer server) {
        return ADMINS.computeIfAbsent(server, s -> {
            ConnectionConfig config = s.configFor(s.adminDatabase()).name("sluice-testkit-admin-" + s.vendor().id())
                    .pool(p -> p.min(0).max(2)).build();
            return ConnectionManager.connect(config);
        });
    }

    /** Creates a database. */
    public static void createDatabase(TestServer server, String name) {
        String sql = server.vendor() == Vendor.POSTGRESQL
                ? "CREATE DATABASE \"" + name + "\""
                : "CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
        execute(server, sql, "create test database " + name);
    }

    /** Drops a database, disconnecting anyone still connected to it. */
    public static void dropDatabase(TestServer server, String name) {
        String sql = server.vendor() == Vendor.POSTGRESQL
                ? "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)"
                : "DROP DATABASE IF EXISTS `" + name + "`";
        execute(server, sql, "drop test database " + name);
    }

    /** Drops test databases left by runs that crashed more than six hours ago. */
    public static void dropStaleDatabases(TestServer server) {
        String list = server.vendor() == Vendor.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'sluice\\_t\\_%'"
                : "SHOW DATABASES LIKE 'sluice\\_t\\_%'";
        List<String> stale = new ArrayList<>();
        try (Connection c = admin(server).getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(list)) {
            LocalDateTime cutoff = LocalDateTime.now().minus(STALE_AFTER);
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.split("_");
                try {
                    if (parts.length >= 4
                            && LocalDateTime.parse(parts[2], DateTimeFormatter.ofPattern("yyMMddHHmmss")).isBefore(cutoff)) {
                        stale.add(name);
                    }
                } catch (DateTimeParseException notOurs) {
                    // not a name we generated; leave it alone
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list databases on " + server + ": " + e.getMessage(), e);
        }
        stale.forEach(n -> dropDatabase(server, n));
    }

    private static void execute(TestServer server, String sql, String what) {
        try (Connection c = admin(server).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + " on " + server + ": " + e.getMessage(), e);
        }
    }
}
