package dev.sluice.connection;

import dev.sluice.connection.internal.BackupTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Backs up and restores one database with the tools its vendor ships: {@code pg_dump}/{@code pg_restore} (custom
 * format) for PostgreSQL, {@code mariadb-dump}/{@code mysqldump} and the {@code mariadb}/{@code mysql} client (SQL
 * text, one consistent InnoDB snapshot) for MySQL and MariaDB, and SQLite's own {@code VACUUM INTO} and the driver's
 * online backup API for SQLite. A backup of a live database is consistent: each way reads one snapshot.
 *
 * <p>Passwords reach the tools only through their environment ({@code PGPASSWORD}, {@code MYSQL_PWD}), never on the
 * command line where {@code ps} would show them. A backup is written beside the file asked for and moved into place
 * once the tool succeeded and the file was verified, so a failed backup leaves no half file under that name. A restore
 * verifies the file before it touches the database.
 *
 * <pre>{@code
 * BackupResult r = Backups.of(ConnectionConfig.fromEnv()).backup(Path.of("app.dump"));
 * System.out.println(r.summary());   // app.dump: 1.2 MB in 0.84 s (pg_dump; pg_restore --list: 42 entries)
 * Backups.of(otherConfig).restore(Path.of("app.dump"));
 * }</pre>
 */
public final class Backups {
    private final ConnectionConfig config;
    private final String searchPath;

    private Backups(ConnectionConfig config, String searchPath) {
        this.config = config;
        this.searchPath = searchPath;
    }

    /**
     * Backups of the database {@code config} names; the tools are looked up on the {@code PATH}.
     *
     * @throws ConfigException when the database exists only in memory (there is nothing to back up between processes)
     */
    public static Backups of(ConnectionConfig config) {
        if (config == null) {
            throw new ConfigException("config", null, "the database to back up or restore");
        }
        if (config.inMemory()) {
            throw new ConfigException("url", config.redactedUrl(), "a database file or server; an in-memory database cannot be backed up");
        }
        String path = System.getenv("PATH");
        return new Backups(config, path == null ? "" : path);
    }

    /** A copy that looks the tools up on {@code searchPath} (directories separated by {@code :}) instead of {@code PATH}. */
    public Backups toolPath(String searchPath) {
        return new Backups(config, searchPath == null ? "" : searchPath);
    }

    /**
     * Writes a backup of the database to {@code file} (replacing it), verifies it and reports its size and time.
     *
     * @throws BackupFailedException when the tool is missing or fails, or the file does not verify
     */
    public BackupResult backup(Path file) {
        long start = System.nanoTime();
        BackupTool tool = BackupTool.of(config.vendor());
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            String used = tool.backup(config, partial, searchPath);
            String verification = tool.verify(partial, searchPath);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new BackupResult(file, Files.size(target), Duration.ofNanos(System.nanoTime() - start), used, verification);
        } catch (IOException e) {
            throw new BackupFailedException("Backup of " + config.redactedUrl() + " to " + file + " failed: " + e, e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the move succeeded or the failure is already being reported; a left-over .partial is harmless
            }
        }
    }

    /**
     * Verifies {@code file} and restores it into the database, replacing the tables, views and other objects the
     * backup holds (objects that are not in the backup are left alone, except on SQLite where the whole file is
     * replaced).
     *
     * @throws BackupFailedException when the file is missing or does not verify, or the tool is missing or fails
     */
    public BackupResult restore(Path file) {
        long start = System.nanoTime();
        if (!Files.isRegularFile(file)) {
            throw new BackupFailedException("Cannot restore " + file + ": no such file");
        }
        BackupTool tool = BackupTool.of(config.vendor());
        try {
            String verification = tool.verify(file, searchPath);
            String used = tool.restore(config, file, searchPath);
            return new BackupResult(file, Files.size(file), Duration.ofNanos(System.nanoTime() - start), used, verification);
        } catch (IOException e) {
            throw new BackupFailedException("Restore of " + file + " into " + config.redactedUrl() + " failed: " + e, e);
        }
    }
}
