package dev.sluice.connection.internal;

import dev.sluice.connection.BackupFailedException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite: {@code VACUUM INTO} writes a compact copy from one read transaction, so a backup of a live database is
 * consistent while other connections write; restored with the driver's online backup API ({@code restore from}),
 * which replaces the database's pages under a lock. No external program.
 */
final class SqliteBackupTool extends BackupTool {
    @Override
    public Vendor vendor() {
        return Vendor.SQLITE;
    }

    @Override
    public String backup(ConnectionConfig config, Path file, String searchPath) {
        // connecting would create an empty database where a mistyped path points: back up only a file that exists
        if (!java.nio.file.Files.isRegularFile(Path.of(config.database()))) {
            throw new BackupFailedException("Cannot back up " + config.redactedUrl() + ": there is no database file at " + config.database());
        }
        try (ConnectionManager m = ConnectionManager.connect(oneConnection(config, "sluice-backup"));
             Connection c = m.getConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO " + literal(file.toString()));
        } catch (SQLException e) {
            throw new BackupFailedException("Backup of " + config.redactedUrl() + " failed: " + e.getMessage(), e);
        }
        return "VACUUM INTO";
    }

    @Override
    public String verify(Path file, String searchPath) {
        ConnectionConfig copy = ConnectionConfig.builder().url("sqlite:" + file.toAbsolutePath()).name("sluice-backup-check")
                .pool(p -> p.min(0).max(1)).build();
        try (ConnectionManager m = ConnectionManager.connect(copy); Connection c = m.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = 1");
            String result;
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                result = rs.next() ? rs.getString(1) : "no answer";
            }
            int tables;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE type = 'table'")) {
                rs.next();
                tables = rs.getInt(1);
            }
            if (!"ok".equals(result)) {
                throw new BackupFailedException(file + " is not a sound SQLite database: integrity_check says " + result);
            }
            return "integrity_check ok, " + tables + " tables";
        } catch (SQLException | RuntimeException e) {
            if (e instanceof BackupFailedException b) {
                throw b;
            }
            throw new BackupFailedException(file + " is not a SQLite database backup: " + e.getMessage(), e);
        }
    }

    @Override
    public String restore(ConnectionConfig config, Path file, String searchPath) {
        try (ConnectionManager m = ConnectionManager.connect(oneConnection(config, "sluice-restore"));
             Connection c = m.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("restore from " + literal(file.toAbsolutePath().toString())); // sqlite-jdbc's online backup API
        } catch (SQLException e) {
            throw new BackupFailedException("Restore of " + file + " into " + config.redactedUrl() + " failed: " + e.getMessage(), e);
        }
        return "SQLite online backup API";
    }

    private static ConnectionConfig oneConnection(ConnectionConfig config, String name) {
        return config.toBuilder().name(name).pool(p -> p.min(0).max(1)).build();
    }

    /** A string literal: single quotes doubled. */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
