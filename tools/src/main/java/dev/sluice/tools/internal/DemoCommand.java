package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ServerInfo;
import dev.sluice.connection.ShutdownReport;
import dev.sluice.tools.Sluice;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice demo}: the main job. Without a database given it uses an embedded SQLite file
 * ({@value #DEFAULT_URL}), so it runs with no server at all.
 */
@Command(name = "demo", description = "Run the demo: connect (embedded SQLite by default), write and read through the pool, report.")
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    /** The embedded default database. */
    public static final String DEFAULT_URL = "sqlite:sluice-demo.db";

    @ParentCommand
    Sluice root;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        PrintStream out = root.out();
        ConnectionConfig config = database.builder(root.environment(), DEFAULT_URL).name("sluice-demo").build();
        out.println("Sluice demo on " + config.redactedUrl());
        try (ConnectionManager m = ConnectionManager.connect(config)) {
            ServerInfo info = m.serverInfo();
            out.printf("  connected: %s %s via %s, round trip %.2f ms%n", info.product(), info.version(), info.driver(),
                    info.roundTrip().toNanos() / 1e6);
            try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS sluice_demo_runs (id INTEGER PRIMARY KEY, started_at VARCHAR(40) NOT NULL)");
                try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM sluice_demo_runs")) {
                    rs.next();
                    long next = rs.getLong(1) + 1;
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO sluice_demo_runs (id, started_at) VALUES (?, ?)")) {
                        ps.setLong(1, next);
                        ps.setString(2, Instant.now().toString());
                        ps.executeUpdate();
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sluice_demo_runs")) {
                    rs.next();
                    out.printf("  demo runs recorded in this database: %d%n", rs.getLong(1));
                }
            }
            out.printf("  health: %s%n", m.checkHealth().status());
            out.printf("  pool:   %s%n", m.poolStats().summary());
            ShutdownReport r = m.shutdown(Duration.ofSeconds(5));
            out.printf("  %s%n", r);
        }
        out.println("Demo finished.");
        return 0;
    }
}
