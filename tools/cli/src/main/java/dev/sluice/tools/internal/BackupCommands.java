package dev.sluice.tools.internal;

import dev.sluice.connection.BackupResult;
import dev.sluice.connection.Backups;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice backup FILE} and {@code sluice restore FILE}: adapters over {@link Backups}. */
public final class BackupCommands {
    private BackupCommands() {}

    /** What {@code --json} prints. */
    record Output(String url, String file, long bytes, long millis, String tool, String verification) {
        static Output of(String url, BackupResult r) {
            return new Output(url, r.file().toString(), r.bytes(), r.took().toMillis(), r.tool(), r.verification());
        }
    }

    /** The shape of both: a file, {@code --json}, one call to {@link Backups}, one line or one JSON object. */
    abstract static class FileCommand extends DatabaseCommand {
        @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
        Path file;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        /** Does the work on {@code file}. */
        abstract BackupResult apply(Backups backups, Path file);

        /** The word the text line starts with. */
        abstract String verb();

        @Override
        final int run() {
            var config = config().build();
            BackupResult r = apply(Backups.of(config), file);
            print(json, Output.of(config.redactedUrl(), r), () -> root.out().println(verb() + " " + r.summary()));
            return 0;
        }
    }

    /** {@code sluice backup FILE}. */
    @Command(name = "backup", description = {"Back up the database to FILE (replaced if it exists) and verify it; prints its size and time.",
        "PostgreSQL: pg_dump custom format (package postgresql-client); MySQL/MariaDB: mariadb-dump or mysqldump, one "
            + "consistent snapshot (package mariadb-client); SQLite: VACUUM INTO. Consistent while the database is in use; "
            + "passwords reach the tools through their environment only."})
    public static final class Backup extends FileCommand {
        @Override
        BackupResult apply(Backups backups, Path file) {
            return backups.backup(file);
        }

        @Override
        String verb() {
            return "backup";
        }
    }

    /** {@code sluice restore FILE}. */
    @Command(name = "restore", description = {"Verify FILE, then restore it into the database: the tables, views and other objects "
        + "in the backup replace those of the same name (SQLite: the whole database is replaced).",
        "Takes a file written by sluice backup (or pg_dump -Fc, mariadb-dump/mysqldump) for the same vendor."})
    public static final class Restore extends FileCommand {
        @Override
        BackupResult apply(Backups backups, Path file) {
            return backups.restore(file);
        }

        @Override
        String verb() {
            return "restored";
        }
    }
}
