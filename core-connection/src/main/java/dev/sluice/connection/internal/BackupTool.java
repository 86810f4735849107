package dev.sluice.connection.internal;

import dev.sluice.connection.BackupFailedException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PerVendor;
import dev.sluice.connection.Vendor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How one vendor's databases are backed up and restored (the vendor part behind {@link dev.sluice.connection.Backups}),
 * plus running an external tool: found on a search path, given its secrets in the environment only, its error output
 * kept for the message when it fails.
 */
public abstract class BackupTool {
    private static final PerVendor<BackupTool> ALL = PerVendor.of("backup tool", BackupTool::vendor,
            List.of(new PostgresBackupTool(), new MySqlBackupTool(), new SqliteBackupTool()));

    /** The tool of a vendor. */
    public static BackupTool of(Vendor vendor) {
        return ALL.get(vendor);
    }

    /** The vendor this tool serves. */
    public abstract Vendor vendor();

    /**
     * Writes a backup of {@code config}'s database to {@code file} (which does not exist yet).
     *
     * @param searchPath where to look for external programs ({@code PATH} syntax)
     * @return the program or mechanism used, for the report
     */
    public abstract String backup(ConnectionConfig config, Path file, String searchPath) throws IOException;

    /**
     * Checks that {@code file} is a complete backup this tool can restore.
     *
     * @return how it was checked and what was found, for the report
     * @throws BackupFailedException when it is not
     */
    public abstract String verify(Path file, String searchPath) throws IOException;

    /** Restores {@code file} (already verified) into {@code config}'s database; returns the program used. */
    public abstract String restore(ConnectionConfig config, Path file, String searchPath) throws IOException;

    /** A command line and the environment to add to the tool's: secrets go only in the environment. */
    public record Invocation(List<String> command, Map<String, String> environment) {
        /** Copies both. */
        public Invocation {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /**
     * The first of {@code names} found on {@code searchPath}.
     *
     * @throws BackupFailedException naming the programs and the Debian package that provides them
     */
    static Path find(String searchPath, String debianPackage, String... names) {
        for (String name : names) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path p = Path.of(dir, name);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
        }
        throw new BackupFailedException(String.join(" or ", names) + " is not installed (not found on PATH): install the Debian "
                + "package " + debianPackage + " (apt-get install " + debianPackage + ")");
    }

    /**
     * Runs {@code invocation} to its end; its standard input comes from {@code stdin} when not {@code null} and its
     * standard output goes to {@code stdout} when not {@code null} (else it is discarded).
     *
     * @throws BackupFailedException when it exits with a non-zero status: the message has its last lines of error output
     */
    static String run(Invocation invocation, Path stdin, Path stdout, String what) throws IOException {
        Path errors = Files.createTempFile("sluice-backup-", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(invocation.command()).redirectError(errors.toFile())
                    .redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            pb.environment().putAll(invocation.environment());
            Process p = pb.start();
            int exit;
            try {
                exit = p.waitFor();
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                throw new BackupFailedException(what + " was interrupted", e);
            }
            String err = Files.readString(errors, StandardCharsets.UTF_8).strip();
            if (exit != 0) {
                throw new BackupFailedException(what + " failed: " + Path.of(invocation.command().get(0)).getFileName()
                        + " exited with status " + exit + (err.isEmpty() ? "" : ": " + tail(err)));
            }
            return err;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** The last three lines of a tool's output, joined into one. */
    static String tail(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
