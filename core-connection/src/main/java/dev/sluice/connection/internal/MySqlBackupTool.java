package dev.sluice.connection.internal;

import dev.sluice.connection.BackupFailedException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.SslMode;
import dev.sluice.connection.Vendor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MySQL and MariaDB: {@code mariadb-dump} (else {@code mysqldump}) with {@code --single-transaction}, one consistent
 * InnoDB snapshot while writes run, routines and triggers included; restored by feeding the SQL to the {@code mariadb}
 * (else {@code mysql}) client. The password goes in {@code MYSQL_PWD}, never on the command line.
 */
final class MySqlBackupTool extends BackupTool {
    private static final String PACKAGE = "mariadb-client";
    /** The last line mysqldump and mariadb-dump write when they finish (with comments on, their default). */
    private static final String COMPLETED = "-- Dump completed";

    @Override
    public Vendor vendor() {
        return Vendor.MYSQL;
    }

    @Override
    public String backup(ConnectionConfig config, Path file, String searchPath) throws IOException {
        Path tool = find(searchPath, PACKAGE, "mariadb-dump", "mysqldump");
        run(dump(tool, config, file), null, null, "Backup of " + config.redactedUrl());
        return tool.getFileName().toString();
    }

    @Override
    public String verify(Path file, String searchPath) throws IOException {
        String last = lastLine(file);
        if (!last.startsWith(COMPLETED)) {
            throw new BackupFailedException(file + " is not a complete mysqldump/mariadb-dump backup: its last line is not '"
                    + COMPLETED + " on ...' (the dump was cut short or is another kind of file)");
        }
        return "ends with '" + COMPLETED + "'";
    }

    @Override
    public String restore(ConnectionConfig config, Path file, String searchPath) throws IOException {
        Path tool = find(searchPath, PACKAGE, "mariadb", "mysql");
        run(load(tool, config), file, null, "Restore of " + file + " into " + config.redactedUrl());
        return tool.getFileName().toString();
    }

    /** The dump of the database to {@code file}. */
    static Invocation dump(Path tool, ConnectionConfig config, Path file) {
        List<String> cmd = connection(tool, config);
        // --no-tablespaces: MySQL 8 wants the PROCESS privilege for tablespaces, which an application user rarely has
        cmd.addAll(List.of("--single-transaction", "--routines", "--triggers", "--no-tablespaces", "--result-file=" + file,
                config.database()));
        return new Invocation(cmd, environment(config));
    }

    /** The client that reads the SQL of a dump (on its standard input) into the database. */
    static Invocation load(Path tool, ConnectionConfig config) {
        List<String> cmd = connection(tool, config);
        cmd.add("--database=" + config.database());
        return new Invocation(cmd, environment(config));
    }

    private static List<String> connection(Path tool, ConnectionConfig config) {
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--protocol=TCP", "--host=" + config.host(),
                "--port=" + config.port()));
        if (config.user() != null) {
            cmd.add("--user=" + config.user());
        }
        cmd.addAll(tls(tool, config));
        return cmd;
    }

    /** MariaDB's clients and MySQL's spell the TLS options differently. */
    private static List<String> tls(Path tool, ConnectionConfig config) {
        SslMode mode = config.ssl().mode();
        boolean mariadb = tool.getFileName().toString().startsWith("mariadb");
        List<String> opts = new ArrayList<>();
        if (mode == SslMode.DISABLE) {
            opts.add(mariadb ? "--skip-ssl" : "--ssl-mode=DISABLED");
            return opts;
        }
        if (mariadb) {
            opts.add("--ssl");
            if (mode.verifiesCertificate()) {
                opts.add("--ssl-verify-server-cert");
            }
        } else {
            opts.add("--ssl-mode=" + switch (mode) {
                case VERIFY_CA -> "VERIFY_CA";
                case VERIFY_FULL -> "VERIFY_IDENTITY";
                default -> "REQUIRED";
            });
        }
        if (config.ssl().rootCertificate() != null) {
            opts.add("--ssl-ca=" + config.ssl().rootCertificate());
        }
        return opts;
    }

    private static Map<String, String> environment(ConnectionConfig config) {
        return config.password() == null ? Map.of() : Map.of("MYSQL_PWD", config.password());
    }

    /** The last non-empty line of a file, read from its end (a dump may be gigabytes). */
    static String lastLine(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            int n = (int) Math.min(length, 4096);
            byte[] tail = new byte[n];
            f.seek(length - n);
            f.readFully(tail);
            List<String> lines = new String(tail, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
        }
    }
}
