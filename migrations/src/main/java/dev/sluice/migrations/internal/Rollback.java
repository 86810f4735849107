package dev.sluice.migrations.internal;

import dev.sluice.connection.ConfigException;
import dev.sluice.migrations.AppliedMigration;
import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs down scripts newest first and removes their migrations from Flyway's history. Every down script is found
 * before anything runs; on vendors with transactional DDL each step (script plus history row) is one transaction.
 */
public final class Rollback {
    private static final Logger LOG = LoggerFactory.getLogger(Rollback.class);

    private final Database db;
    private final Flyway flyway;
    private final DownScripts downScripts;
    private final String table;
    private final Map<String, String> placeholders;

    /** Prepares a rollback. */
    public Rollback(Database db, Flyway flyway, DownScripts downScripts, String table, Map<String, String> placeholders) {
        this.db = db;
        this.flyway = flyway;
        this.downScripts = downScripts;
        this.table = table;
        this.placeholders = placeholders;
    }

    /** Rolls back to {@code target}. */
    public MigrationReport to(MigrationVersion target) {
        long start = System.nanoTime();
        MigrationInfo[] applied = flyway.info().applied();
        for (MigrationInfo i : applied) {
            if (i.getState() == MigrationState.FAILED) {
                throw new MigrationFailedException("Cannot roll back: migration " + i.getScript() + " is recorded as failed. "
                        + "Clean up what it left, run repair, then roll back.", null);
            }
        }
        String from = currentVersion();
        if (!target.getVersion().equals("0") && (from == null || target.isNewerThan(from))) {
            throw new ConfigException("rollback target", target.getVersion(), "a version at or below the current version ("
                    + (from == null ? "none: nothing is applied" : from) + "); rollback only goes back, migrate --target goes forward");
        }
        List<MigrationInfo> undo = new ArrayList<>();
        for (MigrationInfo i : applied) {
            if (i.getVersion() != null && i.getState().isApplied() && i.getVersion().isNewerThan(target)
                    && !i.getType().isBaseline() && !i.getType().isSynthetic()) {
                undo.add(i);
            }
        }
        undo.sort(Comparator.comparing(MigrationInfo::getVersion).reversed());
        List<DownScripts.Script> scripts = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (MigrationInfo i : undo) {
            downScripts.find(i.getScript()).ifPresentOrElse(scripts::add,
                    () -> missing.add(DownScripts.nameFor(i.getScript()) + " (for " + i.getScript() + ")"));
        }
        if (!missing.isEmpty()) {
            throw ConfigException.of("rollback target", "Cannot roll back to version " + target.getVersion() + ": "
                    + (missing.size() == 1 ? "a down script is" : missing.size() + " down scripts are") + " missing: "
                    + String.join(", ", missing) + " (looked in " + String.join(", ", downScriptLocations()) + "). "
                    + "Nothing was rolled back.");
        }
        List<AppliedMigration> done = new ArrayList<>();
        for (int k = 0; k < undo.size(); k++) {
            MigrationInfo i = undo.get(k);
            DownScripts.Script s = scripts.get(k);
            long t = System.nanoTime();
            apply(i, s);
            done.add(new AppliedMigration(i.getVersion().getVersion(), i.getDescription(), s.name(), Duration.ofNanos(System.nanoTime() - t)));
            LOG.info("rolled back {} with {}", i.getScript(), s.name());
        }
        String to = done.isEmpty() ? from : currentVersion();
        return new MigrationReport(from, to, done, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<String> downScriptLocations() {
        return List.of(flyway.getConfiguration().getLocations()).stream().map(Object::toString).toList();
    }

    private String currentVersion() {
        return currentVersion(flyway);
    }

    /** The newest version applied successfully, or {@code null}: a failed migration MySQL recorded does not count. */
    public static String currentVersion(Flyway flyway) {
        MigrationVersion newest = null;
        for (MigrationInfo i : flyway.info().applied()) {
            if (i.getVersion() != null && i.getState().isApplied() && !i.getState().isFailed()
                    && (newest == null || i.getVersion().isNewerThan(newest.getVersion()))) {
                newest = i.getVersion();
            }
        }
        return newest == null ? null : newest.getVersion();
    }

    private void apply(MigrationInfo migration, DownScripts.Script script) {
        String sql = script.sql();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            sql = sql.replace("${" + p.getKey() + "}", p.getValue());
        }
        List<SqlStatements.Statement> statements = SqlStatements.parse(sql, db.vendor());
        boolean transactional = db.vendor().transactionalDdl();
        try (Connection c = db.connections().getConnection()) {
            c.setAutoCommit(!transactional);
            try {
                ScriptRunner.run(c, statements, db.vendor());
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
                    ps.setString(1, migration.getVersion().getVersion());
                    ps.executeUpdate();
                }
                if (transactional) {
                    c.commit();
                }
            } catch (SQLException | RuntimeException e) {
                if (transactional) {
                    c.rollback(); // before autocommit is switched back on, which would commit
                }
                throw e;
            } catch (ScriptRunner.Failure e) {
                if (transactional) {
                    c.rollback();
                }
                String state = transactional ? "Nothing of it was applied." : "Statements 1 to " + (e.index() - 1)
                        + " were applied and may need to be undone by hand; version " + migration.getVersion().getVersion()
                        + " is still recorded as applied.";
                throw new MigrationFailedException("Down script " + script.name() + " failed " + e.describe() + ". " + state, e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationFailedException("Cannot run down script " + script.name() + ": " + e.getMessage(), e);
        }
    }
}
