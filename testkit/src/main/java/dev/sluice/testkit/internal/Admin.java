package dev.sluice.testkit.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerAdmin;
import dev.sluice.testkit.TestServer;
import java.sql.SQLException;
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
 * every other connection in Sluice), as {@link ServerAdmin} writes them for the server's vendor.
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

    /** Creates a database (on MySQL-family servers with utf8mb4). */
    public static void createDatabase(TestServer server, String name) {
        execute(server, "create test database " + name, admin -> admin.createDatabase(name));
    }

    /** Drops a database, disconnecting anyone still connected to it. */
    public static void dropDatabase(TestServer server, String name) {
        execute(server, "drop test database " + name, admin -> admin.dropDatabase(name));
    }

    /** Drops test databases left by runs that crashed more than six hours ago. */
    public static void dropStaleDatabases(TestServer server) {
        List<String> stale = new ArrayList<>();
        LocalDateTime cutoff = LocalDateTime.now().minus(STALE_AFTER);
        List<String> names;
        try {
            names = ServerAdmin.on(admin(server)).databases("sluice_t_");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list databases on " + server + ": " + e.getMessage(), e);
        }
        for (String name : names) {
            String[] parts = name.split("_");
            try {
                if (parts.length >= 4 && LocalDateTime.parse(parts[2], DateTimeFormatter.ofPattern("yyMMddHHmmss")).isBefore(cutoff)) {
                    stale.add(name);
                }
            } catch (DateTimeParseException notOurs) {
                // not a name we generated; leave it alone
            }
        }
        stale.forEach(n -> dropDatabase(server, n));
    }

    /** One administrative statement. */
    private interface Work {
        void run(ServerAdmin admin) throws SQLException;
    }

    private static void execute(TestServer server, String what, Work work) {
        try {
            work.run(ServerAdmin.on(admin(server)));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot " + what + " on " + server + ": " + e.getMessage(), e);
        }
    }
}
