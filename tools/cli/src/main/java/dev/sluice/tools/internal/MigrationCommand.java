package dev.sluice.tools.internal;

import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.tools.Sluice;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * The shape of every command that works on a schema: take the database and script locations, open a small pool, run,
 * close. Subclasses only say what to do and print.
 */
abstract class MigrationCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The CLI this command runs in, found when it is called (it may be a subcommand of a subcommand). */
    Sluice root;

    @Mixin
    MigrationOptions options;

    @Override
    public final Integer call() {
        root = root(spec);
        try (Database db = options.connect(root)) {
            return run(db, options.migrations(db));
        }
    }

    /** The {@link Sluice} at the top of a command's parents. */
    static Sluice root(CommandSpec spec) {
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            if (s.userObject() instanceof Sluice r) {
                return r;
            }
        }
        throw new IllegalStateException("command " + spec.qualifiedName() + " is not part of the sluice CLI");
    }

    /** Does the work; returns the exit code. */
    abstract int run(Database db, Migrations migrations);
}
