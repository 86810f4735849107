package dev.sluice.tools.internal;

import dev.sluice.migrations.AppliedMigration;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.migrations.MigrationState;
import dev.sluice.migrations.MigrationStatus;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.ValidationReport;
import dev.sluice.query.Database;
import dev.sluice.tools.Sluice;
import dev.sluice.migrations.TextColumns;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate}, {@code info}, {@code validate}, {@code rollback}, {@code baseline}, {@code repair}: adapters over {@link Migrations}. */
public final class MigrateCommands {
    private MigrateCommands() {}

    /** One line per script and a summary; or JSON. */
    static void report(MigrationCommand command, MigrationReport r, String verb, boolean json) {
        command.print(json, r, () -> {
            r.migrations().forEach(a -> line(command.root, a));
            command.root.out().println(r.summary(verb));
        });
    }

    /** One line per script: version, script, time. */
    static void line(Sluice root, AppliedMigration a) {
        root.out().printf("  %-8s %-50s %6d ms%n", a.version(), a.script(), a.took().toMillis());
        root.out().flush();
    }

    /** {@code sluice migrate [--target V]}. */
    @Command(name = "migrate", description = "Apply pending migrations (up to --target).")
    public static final class Migrate extends MigrationCommand {
        @Option(names = "--target", paramLabel = "VERSION", description = "Stop at this version.")
        String target;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--quiet", description = SeedCommand.QUIET)
        boolean quiet;

        @Override
        int run(Database db, Migrations m) {
            if (json) {
                report(this, m.migrate(target), "applied", true);
                return 0;
            }
            Progress.Mode mode = Progress.Mode.of(quiet);
            try (Progress progress = new Progress("migrate", "scripts", mode, System.err)) {
                if (mode == Progress.Mode.BAR) {
                    // on a terminal: a bar over the pending scripts, then each script's line
                    progress.expect(m.info().stream().filter(s -> s.state() == MigrationState.PENDING).count());
                    MigrationReport r = m.migrate(target, a -> progress.step(a.script()));
                    progress.close();
                    report(this, r, "applied", false);
                } else {
                    // each script's line as soon as it has run; after a failure the error names the script that failed
                    MigrationReport r = m.migrate(target, a -> {
                        progress.step(a.script());
                        if (!quiet) {
                            line(root, a);
                        }
                    });
                    if (!quiet) {
                        root.out().println(r.summary("applied"));
                    }
                }
            }
            return 0;
        }
    }

    /** {@code sluice info}. */
    @Command(name = "info", description = "List migrations: version, description, state, when applied, whether a down script exists.")
    public static final class Info extends MigrationCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        /** What {@code --json} prints: the current version, the failed ones, and every migration. */
        record Output(String current, List<String> failed, List<MigrationStatus> migrations) {}

        @Override
        int run(Database db, Migrations m) {
            List<MigrationStatus> rows = m.info();
            String current = Migrations.currentVersion(rows); // from the same reading: no second pass through Flyway
            List<MigrationStatus> failed = rows.stream().filter(r -> r.state().isFailed()).toList();
            print(json, new Output(current, failed.stream().map(MigrationStatus::version).toList(), rows), () -> {
                TextColumns.of(rows, current).lines().forEach(root.out()::println);
                root.out().println("current version: " + (current == null ? "<empty>" : current)
                        + (failed.isEmpty() ? "" : " (the newest applied successfully)"));
                for (MigrationStatus f : failed) {
                    root.out().println("failed: " + f.script() + " (version " + f.version() + "); undo what it left, then run sluice repair");
                }
            });
            return 0;
        }
    }

    /** {@code sluice validate}: exit 1 when applied migrations differ from the scripts. */
    @Command(name = "validate", description = "Check that applied migrations match the scripts. Exit 1 when they do not.")
    public static final class Validate extends MigrationCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        int run(Database db, Migrations m) {
            ValidationReport r = m.validate();
            print(json, r, () -> {
                if (r.valid()) {
                    root.out().println("valid: applied migrations match the scripts");
                } else {
                    root.out().println("invalid:");
                    r.problems().forEach(p -> root.out().println("  " + p));
                }
            });
            return r.valid() ? 0 : Sluice.FAILED;
        }
    }

    /** {@code sluice rollback --to V}. */
    @Command(name = "rollback", description = "Roll back to a version with the U (down) scripts; 0 rolls everything back.")
    public static final class Rollback extends MigrationCommand {
        @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The version to roll back to (0: before the first).")
        String to;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        int run(Database db, Migrations m) {
            report(this, m.rollback(to), "rolled back", json);
            return 0;
        }
    }

    /** {@code sluice baseline --version V}. */
    @Command(name = "baseline", description = "Mark an existing database as being at a version, without running scripts up to it.")
    public static final class Baseline extends MigrationCommand {
        @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The version the database is at.")
        String version;

        @Override
        int run(Database db, Migrations m) {
            m.baseline(version);
            root.out().println("baselined at version " + version);
            return 0;
        }
    }

    /** {@code sluice repair}. */
    @Command(name = "repair", description = "Remove failed entries from the migration history and realign checksums.")
    public static final class Repair extends MigrationCommand {
        @Override
        int run(Database db, Migrations m) {
            root.out().println(m.repair());
            return 0;
        }
    }
}
