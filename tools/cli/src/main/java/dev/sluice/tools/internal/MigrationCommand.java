package dev.sluice.tools.internal;

import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.tools.Sluice;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * The shape of every command that works on a schema: take the database and script locations, open a small pool, run,
 * close. Subclasses only say what to do and print.
 */
abstract class MigrationCommand implements Callable<Integer> {
    @ParentCommand
    Sluice root;

    @Mixin
    MigrationOptions options;

    @Override
    public final Integer call() {
        try (Database db = options.connect(root)) {
            return run(db, options.migrations(db));
        }
    }

    /** Does the work; returns the exit code. */
    abstract int run(Database db, Migrations migrations);
}
