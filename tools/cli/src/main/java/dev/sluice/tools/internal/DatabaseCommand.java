package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.tools.Sluice;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape of every command that works on one database ({@code check}, {@code health}, {@code stats}, the migration
 * and seed commands, {@code demo}): find the CLI it runs in, take the database options, run, print text or JSON.
 */
abstract class DatabaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    /** The CLI this command runs in, found when it is called (it may be a subcommand of a subcommand). */
    Sluice root;

    @Override
    public final Integer call() throws Exception {
        root = root(spec);
        return run();
    }

    /** Does the work; returns the exit code. */
    abstract int run() throws Exception;

    /** The configuration from the options, else the environment, as a builder the command may adjust. */
    ConnectionConfig.Builder config() {
        return database.builder(root.environment(), null);
    }

    /** Prints {@code data} as one line of JSON when {@code json}, else runs {@code text}. */
    void print(boolean json, Object data, Runnable text) {
        if (json) {
            root.out().println(Json.write(data));
        } else {
            text.run();
        }
        root.out().flush();
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
}
