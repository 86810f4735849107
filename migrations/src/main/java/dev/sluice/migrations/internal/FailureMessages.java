package dev.sluice.migrations.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.migrations.MigrationFailedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

/**
 * Turns Flyway's multi-line failure reports into one sentence a user can act on: the script, the line and statement,
 * the database's message, and what state the database is left in (on MySQL and MariaDB, which earlier statements of
 * the script stayed applied, and the repair to run). Flyway's own "-X" hints and separators never reach the user.
 */
public final class FailureMessages {
    private final Vendor vendor;
    private final String table;
    private final List<String> locations;
    private final ClassLoader loader;

    /**
     * @param vendor the database's vendor
     * @param table the history table
     * @param locations where the scripts are, to read the failed one
     * @param loader for {@code classpath:} locations
     */
    public FailureMessages(Vendor vendor, String table, List<String> locations, ClassLoader loader) {
        this.vendor = vendor;
        this.table = table;
        this.locations = locations;
        this.loader = loader;
    }

    /** The exception to throw for a Flyway failure. */
    public MigrationFailedException of(FlywayException e) {
        if (e.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
            return new MigrationFailedException("The database already has tables but no " + table + " history, so Flyway will not "
                    + "guess which migrations it has. Baseline it at the version it is at (sluice baseline --version V, or "
                    + "Migrations.baseline), or migrate an empty database.", e);
        }
        SQLException sql = sqlCause(e);
        FlywayMigrateException migrate = find(e, FlywayMigrateException.class);
        if (sql == null && migrate == null && (e.getMessage() == null || !e.getMessage().contains("Failed to execute script"))) {
            return new MigrationFailedException("Migration failed: " + firstLine(e.getMessage()), e);
        }
        String script = migrate != null && migrate.getMigration() != null ? migrate.getMigration().getScript() : null;
        int line = migrate != null ? migrate.getLineNumber() : -1;
        if (line <= 0) {
            String l = field(e.getMessage(), "Line");
            line = l != null && l.matches("\\d+") ? Integer.parseInt(l) : -1;
        }
        List<SqlStatements.Statement> statements = script == null ? List.of() : statements(script);
        Optional<SqlStatements.Statement> failed = statementAt(statements, line);
        String database = sql != null ? firstLine(sql.getMessage()) : field(e.getMessage(), "Message");

        StringBuilder sb = new StringBuilder();
        sb.append(script != null ? "Migration " + script + " failed" : firstLine(e.getMessage()).replaceAll("\\.$", ""));
        if (line > 0) {
            sb.append(" at line ").append(line);
        }
        failed.ifPresent(s -> sb.append(" (").append(s.summary()).append(')'));
        if (database != null) {
            sb.append(": ").append(database.replaceAll("\\.$", ""));
        }
        sb.append(". ").append(state(migrate == null ? null : migrate.getMigration(), statements, line, failed));
        return new MigrationFailedException(sb.toString(), e);
    }

    private String state(MigrationInfo migration, List<SqlStatements.Statement> statements, int line,
            Optional<SqlStatements.Statement> failed) {
        if (vendor.transactionalDdl()) {
            return vendor.displayName() + " rolled the failed migration back as a whole: the database is as it was before that script.";
        }
        String repair = "run repair (sluice repair): it removes the failed entry from " + table + " so the script can run again.";
        if (migration == null || line <= 0 || statements.isEmpty()) {
            return "MySQL and MariaDB commit each DDL statement on its own, so the statements of the failed script that ran "
                    + "before the error are still applied and may need manual clean-up. Undo them by hand, then " + repair;
        }
        // DDL commits at once and commits what ran before it; DML after the last DDL is rolled back with the script
        List<SqlStatements.Statement> before = statements.stream().filter(s -> s.line() < line).toList();
        int lastDdl = -1;
        for (int k = 0; k < before.size(); k++) {
            if (before.get(k).ddl()) {
                lastDdl = k;
            }
        }
        List<String> kept = new ArrayList<>();
        for (int k = 0; k <= lastDdl; k++) {
            kept.add("line " + before.get(k).line() + " " + before.get(k).summary());
        }
        String rolledBack = "";
        if (lastDdl + 1 < before.size()) {
            boolean ddlFailed = failed.map(SqlStatements.Statement::ddl).orElse(false);
            rolledBack = " The data changes after line " + (lastDdl < 0 ? "0" : before.get(lastDdl).line()) + " were rolled back"
                    + (ddlFailed ? " unless the failed DDL statement committed them before it failed" : "") + ".";
        }
        if (kept.isEmpty()) {
            return "No statement of " + migration.getScript() + " before the error stayed applied (MySQL and MariaDB commit "
                    + "only DDL at once)." + rolledBack + " Fix the script, then " + repair;
        }
        return "MySQL and MariaDB commit each DDL statement on its own, so these statements of " + migration.getScript()
                + " stayed applied and may need manual clean-up: " + String.join("; ", kept) + "." + rolledBack
                + " Undo them by hand, then " + repair;
    }

    private List<SqlStatements.Statement> statements(String script) {
        for (String location : locations) {
            Optional<ScriptLocations.Script> found = ScriptLocations.find(location, script, loader);
            if (found.isPresent()) {
                return SqlStatements.parse(found.get().read(), vendor);
            }
        }
        return List.of();
    }

    /** The statement a reported line belongs to: the last one starting at or before it. */
    private static Optional<SqlStatements.Statement> statementAt(List<SqlStatements.Statement> statements, int line) {
        SqlStatements.Statement at = null;
        for (SqlStatements.Statement s : statements) {
            if (s.line() <= line) {
                at = s;
            }
        }
        return Optional.ofNullable(at);
    }

    private static SQLException sqlCause(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                found = s;
            }
        }
        return found;
    }

    private static <T> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The value of a {@code Name : value} line of Flyway's report, or {@code null}. */
    static String field(String text, String name) {
        if (text == null) {
            return null;
        }
        for (String l : text.split("\n")) {
            String t = l.strip();
            if (t.startsWith(name) && t.substring(name.length()).strip().startsWith(":")) {
                String v = t.substring(t.indexOf(':') + 1).strip();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The first line of a message, stripped; empty for {@code null}. */
    public static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }
}
