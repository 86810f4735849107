package dev.sluice.tools.internal;

import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import picocli.CommandLine.Mixin;

/**
 * The shape of every command that works on a schema: take the database and script locations, open a small pool, run,
 * close. Subclasses only say what to do and print.
 */
abstract class MigrationCommand extends DatabaseCommand {
    @Mixin
    MigrationOptions options;

    @Override
    final int run() {
        try (Database db = options.connect(config())) {
            return run(db, options.migrations(db));
        }
    }

    /** Does the work; returns the exit code. */
    abstract int run(Database db, Migrations migrations);
}
