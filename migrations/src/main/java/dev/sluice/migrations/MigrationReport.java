package dev.sluice.migrations;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Migrations#migrate()} or {@link Migrations#rollback(String)} did.
 *
 * @param fromVersion the schema version before ({@code null} for an empty database)
 * @param toVersion the schema version after ({@code null} when everything was rolled back)
 * @param migrations what ran, in the order it ran
 * @param took how long it all took
 */
public record MigrationReport(String fromVersion, String toVersion, List<AppliedMigration> migrations, Duration took) {
    /** Copies the list. */
    public MigrationReport {
        migrations = List.copyOf(migrations);
    }

    /** One line: {@code 2 migrations applied: <none> -> 2 in 120 ms}. */
    public String summary(String verb) {
        return migrations.size() + " migration" + (migrations.size() == 1 ? "" : "s") + " " + verb + ": "
                + (fromVersion == null ? "<empty>" : fromVersion) + " -> " + (toVersion == null ? "<empty>" : toVersion)
                + " in " + took.toMillis() + " ms";
    }
}
