package dev.sluice.migrations.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.query.Database;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Seed scripts: the {@code *.sql} files of some locations, in file name order, each run in one transaction and recorded
 * in the seed history under its path and checksum, so an unchanged script runs once and a changed one runs again.
 */
public final class SeedScripts {
    /** The name seed scripts are recorded under in the seed history. */
    public static final String HISTORY_NAME = "script";

    /** A seed script: its file name, path under its location, text, and history parameters (path and checksum). */
    public record Script(String name, String path, String sql, String parameters) {}

    /** Records a script that ran, on its connection, inside its transaction. */
    @FunctionalInterface
    public interface Recorder {
        /** Records it. */
        void record(Connection c, long rows) throws SQLException;
    }

    private final Vendor vendor;
    private final List<Script> scripts;

    private SeedScripts(Vendor vendor, List<Script> scripts) {
        this.vendor = vendor;
        this.scripts = scripts;
    }

    /**
     * The seed scripts of {@code locations} ({@code {vendor}} replaced).
     *
     * @throws ConfigException {@code no seed scripts found at <location>} for a location without {@code .sql} files
     */
    public static SeedScripts find(Vendor vendor, List<String> locations, ClassLoader loader) {
        List<Script> out = new ArrayList<>();
        for (String given : locations) {
            String location = given.replace("{vendor}", vendor.id());
            List<ScriptLocations.Script> found = ScriptLocations.list(location, loader).stream()
                    .filter(s -> s.name().endsWith(".sql")).toList();
            if (found.isEmpty()) {
                throw ConfigException.of("seed locations", "no seed scripts found at " + location + ": "
                        + ScriptLocations.whyEmpty(location, loader).replace("V<version>__<description>.sql or R__<description>.sql scripts",
                                ".sql files"));
            }
            for (ScriptLocations.Script s : found) {
                String sql = s.read();
                out.add(new Script(s.name(), s.relativePath(), sql, parameters(s.relativePath(), sql)));
            }
        }
        out.sort(Comparator.comparing(Script::name).thenComparing(Script::path));
        return new SeedScripts(vendor, List.copyOf(out));
    }

    /** {@code <path> crc=<checksum>}, at most 200 characters (the path is cut from the front). */
    private static String parameters(String path, String sql) {
        CRC32 crc = new CRC32();
        crc.update(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        String suffix = " crc=" + Long.toHexString(crc.getValue());
        String p = path.length() + suffix.length() <= 200 ? path : path.substring(path.length() - (200 - suffix.length()));
        return p + suffix;
    }

    /** The scripts in the order they run. */
    public List<Script> scripts() {
        return scripts;
    }

    /**
     * Runs one script in a transaction and records it with {@code recorder} in the same transaction.
     *
     * @return rows changed
     * @throws MigrationFailedException naming the line and statement that failed, and what state is left
     */
    public long apply(Database db, Script script, Recorder recorder) {
        List<SqlStatements.Statement> statements = SqlStatements.parse(script.sql(), vendor);
        try (Connection c = db.connections().getConnection()) {
            c.setAutoCommit(false);
            try {
                long rows = ScriptRunner.run(c, statements, vendor);
                recorder.record(c, rows);
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback(); // before autocommit is switched back on, which would commit
                throw e;
            } catch (ScriptRunner.Failure e) {
                c.rollback();
                throw new MigrationFailedException("Seed script " + script.path() + " failed " + e.describe() + ". "
                        + (vendor.transactionalDdl() ? "Nothing of it was applied."
                                : "Its data changes were rolled back; DDL statements before the error stayed (MySQL and MariaDB commit them at once).")
                        + " Fix it and run the seed scripts again.", e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationFailedException("Cannot apply seed script " + script.path() + ": " + e.getMessage(), e);
        }
    }
}
