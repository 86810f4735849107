package dev.sluice.migrations;

/**
 * Told about each script as soon as it has run, so a tool can print progress while a long migration goes on rather
 * than only at the end. Called on the migrating thread; it should return quickly and not throw.
 */
@FunctionalInterface
public interface MigrationListener {
    /** Does nothing. */
    MigrationListener NONE = m -> { };

    /** A script was applied (or, during a rollback, a down script ran). */
    void applied(AppliedMigration migration);
}
