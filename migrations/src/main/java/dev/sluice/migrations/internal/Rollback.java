package dev.sluice.migrations.internal;

import dev.sluice.migrations.AppliedMigration;
import dev.sluice.migrations.MigrationFailedException;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
        List<MigrationInfo> undo = new ArrayList<>();
        for (MigrationInfo i : applied) {
            if (i.getVersion() != null && i.getState().isApplied() && i.getVersion().isNewerThan(target)
                    && i.getType().isBaseline() == false && i.getType().isSynthetic() == false) {
                undo.add(i);
            }
        }
        undo.sort(Comparator.comparing(MigrationInfo::getVersion).reversed());
        MigrationInfo current = flyway.info().current();
        String from = current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
        List<DownScripts.Script> scripts = new ArrayList<>();
        for (MigrationInfo i : undo) {
            DownScripts.Script s = downScripts.find(i.getScript()).orElseThrow(() -> new MigrationFailedException(
                    "Cannot roll back to version " + target.getVersion() + ": there is no down script " + DownScripts.nameFor(i.getScript())
                            + " beside " + i.getScript() + " (looked in " + String.join(", ", downScriptLocations()) + "). "
                            + "Nothing was rolled back.", null));
            scripts.add(s);
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
        String to = done.isEmpty() ? from : (target.getVersion().equals("0") ? null : remainingVersion());
        return new MigrationReport(from, to, done, Duration.ofNanos(System.nanoTime() - start));
    }

    private List<String> downScriptLocations() {
        return List.of(flyway.getConfiguration().getLocations()).stream().map(Object::toString).toList();
    }

    private String remainingVersion() {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null ? null : current.getVersion().getVersion();
    }

    private void apply(MigrationInfo migration, DownScripts.Script script) {
        String sql = script.sql();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            sql = sql.replace("${" + p.getKey() + "}", p.getValue());
        }
        List<String> statements = SqlStatements.split(sql);
        boolean transactional = db.vendor().transactionalDdl();
        try (Connection c = db.connections().getConnection()) {
            c.setAutoCommit(!transactional);
            int index = 0;
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    index++;
                    s.execute(statement);
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE version = ?")) {
                    ps.setString(1, migration.getVersion().getVersion());
                    ps.executeUpdate();
                }
                if (transactional) {
                    c.commit();
                }
            } catch (SQLException e) {
                if (transactional) {
                    c.rollback();
                }
                String state = transactional ? "Nothing of it was applied." : "Statements 1 to " + (index - 1)
                        + " were applied and may need to be undone by hand; version " + migration.getVersion().getVersion()
                        + " is still recorded as applied.";
                throw new MigrationFailedException("Down script " + script.name() + " failed at statement " + index + ": "
                        + e.getMessage() + ". " + state, e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new MigrationFailedException("Cannot run down script " + script.name() + ": " + e.getMessage(), e);
        }
    }
}
