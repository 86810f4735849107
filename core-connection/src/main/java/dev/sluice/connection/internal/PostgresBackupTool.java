package dev.sluice.connection.internal;

import dev.sluice.connection.BackupFailedException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SslMode;
import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL: {@code pg_dump -Fc} (one snapshot, so consistent while writes run) and {@code pg_restore --clean
 * --if-exists --single-transaction}. Connection details go in libpq's variables ({@code PGHOST}, {@code PGPASSWORD},
 * {@code PGSSLMODE}...), so the command line carries no secret.
 */
final class PostgresBackupTool extends BackupTool {
    private static final String PACKAGE = "postgresql-client";

    @Override
    public Vendor vendor() {
        return Vendor.POSTGRESQL;
    }

    @Override
    public String backup(ConnectionConfig config, Path file, String searchPath) throws IOException {
        Path tool = find(searchPath, PACKAGE, "pg_dump");
        run(dump(tool, config, file), null, null, "Backup of " + config.redactedUrl());
        return "pg_dump";
    }

    @Override
    public String verify(Path file, String searchPath) throws IOException {
        Path tool = find(searchPath, PACKAGE, "pg_restore");
        Path list = java.nio.file.Files.createTempFile("sluice-backup-", ".list");
        try {
            try {
                run(new Invocation(List.of(tool.toString(), "--list", file.toString()), Map.of()), null, list, "Verifying " + file);
            } catch (BackupFailedException e) {
                throw new BackupFailedException(file + " is not a complete pg_dump backup (custom format): " + e.getMessage());
            }
            long entries = java.nio.file.Files.readAllLines(list).stream().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
            return "pg_restore --list: " + entries + " entries";
        } finally {
            java.nio.file.Files.deleteIfExists(list);
        }
    }

    @Override
    public String restore(ConnectionConfig config, Path file, String searchPath) throws IOException {
        Path tool = find(searchPath, PACKAGE, "pg_restore");
        run(restore(tool, config, file), null, null, "Restore of " + file + " into " + config.redactedUrl());
        return "pg_restore";
    }

    /** {@code pg_dump} of the database to {@code file}. */
    static Invocation dump(Path tool, ConnectionConfig config, Path file) {
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--format=custom", "--no-password", "--file=" + file));
        role(config, cmd);
        return new Invocation(cmd, environment(config));
    }

    /** {@code pg_restore} of {@code file} into the database, replacing the objects it holds, all or nothing. */
    static Invocation restore(Path tool, ConnectionConfig config, Path file) {
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--clean", "--if-exists", "--no-owner", "--single-transaction",
                "--exit-on-error", "--no-password", "--dbname=" + config.database()));
        role(config, cmd);
        cmd.add(file.toString());
        return new Invocation(cmd, environment(config));
    }

    private static void role(ConnectionConfig config, List<String> cmd) {
        if (config.role() != null) {
            cmd.add("--role=" + config.role()); // as the application's sessions run (SET ROLE), not as the login user
        }
    }

    /** libpq's variables for the connection: secrets never on the command line. */
    private static Map<String, String> environment(ConnectionConfig config) {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", config.host());
        env.put("PGPORT", Integer.toString(config.port()));
        env.put("PGDATABASE", config.database());
        env.put("PGAPPNAME", config.applicationName() == null ? "sluice-backup" : config.applicationName());
        if (config.user() != null) {
            env.put("PGUSER", config.user());
        }
        if (config.password() != null) {
            env.put("PGPASSWORD", config.password());
        }
        SslMode mode = config.ssl().mode();
        env.put("PGSSLMODE", mode.id());
        if (config.ssl().rootCertificate() != null) {
            env.put("PGSSLROOTCERT", config.ssl().rootCertificate().toString());
        }
        return env;
    }
}
