package dev.sluice.tools.internal;

import dev.sluice.migrations.GeneratorSettings;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.SeedProgress;
import dev.sluice.migrations.SeedReport;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.schema.ScaleSeed;
import dev.sluice.schema.Seed;
import dev.sluice.tools.Sluice;
import dev.sluice.migrations.TextColumns;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice seed demo|scale|scripts|generate}: loads seed data into a migrated database, with progress; adapters
 * over {@link Seeds}.
 */
@Command(name = "seed", description = "Load seed data into a migrated database.",
        subcommands = {SeedCommand.Demo.class, SeedCommand.Scale.class, SeedCommand.Scripts.class, SeedCommand.Generate.class})
public final class SeedCommand {
    /** The help of every {@code --quiet}. */
    static final String QUIET = "Print only errors: no progress, no report (--json still prints its data).";

    /** {@code sluice seed demo}. */
    @Command(name = "demo", description = "The built-in schema's fixed, small demo data.")
    public static final class Demo extends BuiltIn {
        @Override
        Seed seed() {
            return new DemoSeed();
        }
    }

    /** {@code sluice seed scale --scale N --seed S}. */
    @Command(name = "scale", description = "The built-in schema's deterministic volume data: --scale N organizations from --seed S.")
    public static final class Scale extends BuiltIn {
        @Option(names = "--scale", defaultValue = "10", paramLabel = "N", description = "Organizations (default ${DEFAULT-VALUE}).")
        int scale;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        Seed seed() {
            return new ScaleSeed(scale, seed);
        }
    }

    /** The built-in schema's seeds. */
    abstract static class BuiltIn extends MigrationCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--quiet", description = QUIET)
        boolean quiet;

        abstract Seed seed();

        @Override
        int run(Database db, Migrations migrations) {
            Seed seed = seed();
            SeedReport r;
            try (Progress progress = new Progress("seed " + seed.name(), "rows", Progress.Mode.of(quiet || json), System.err)) {
                r = Seeds.load(db, seed, new SeedProgress() {
                    @Override
                    public void progress(String table, long rowsDone, long rowsTotal) {
                        progress.update(table, rowsDone);
                    }

                    @Override
                    public void batchDone(long batchesDone, long batchesTotal) {
                        if (batchesTotal > 0) { // the rows left, estimated from the rows per batch so far
                            progress.expect(progress.done() * batchesTotal / batchesDone);
                        }
                    }
                });
            }
            report(this, r, json, quiet);
            return 0;
        }
    }

    /** {@code sluice seed scripts [--seed-locations L]}. */
    @Command(name = "scripts", description = {"Apply your own SQL seed scripts (*.sql, in file name order), each once; a script "
            + "whose content changed runs again. Default location: filesystem:db/seed/{vendor}."})
    public static final class Scripts extends MigrationCommand {
        @Option(names = "--seed-locations", split = ",", paramLabel = "LOCATION", description = "Where the seed scripts are "
                + "(filesystem:..., classpath:...; {vendor} is replaced). Default: filesystem:db/seed/{vendor}.")
        List<String> seedLocations;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--quiet", description = QUIET)
        boolean quiet;

        @Override
        int run(Database db, Migrations migrations) {
            List<String> where = seedLocations == null ? List.of("filesystem:db/seed/{vendor}") : seedLocations.stream().map(String::strip).toList();
            List<SeedReport> reports = Seeds.applyScripts(db, where, null);
            if (quiet && !json) {
                return 0;
            }
            print(json, reports, () -> {
                TextColumns.ofScripts(reports).lines().forEach(root.out()::println);
                long applied = reports.stream().filter(r -> !r.alreadyApplied()).count();
                root.out().println("seed scripts: " + applied + " applied, " + (reports.size() - applied) + " unchanged");
            });
            return 0;
        }
    }

    /** {@code sluice seed generate --rows N --seed S [--table T=N ...]}. */
    @Command(name = "generate", description = {"Fill every table of the database (your own schema too) with deterministic data "
            + "read from its metadata: foreign-key order, values that fit each column's type, length, nullability, uniqueness "
            + "and enum or check values. The same --seed gives the same data on every vendor. Exit 1 when a table could not "
            + "be filled; the reason is printed (leave such a table out with --table T=0)."})
    public static final class Generate extends MigrationCommand {
        @Option(names = "--rows", defaultValue = "10", paramLabel = "N", description = "Rows per table (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--table", paramLabel = "T=N", description = "Rows for one table (0 leaves it out); repeatable.")
        List<String> tables;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--quiet", description = QUIET)
        boolean quiet;

        @Override
        int run(Database db, Migrations migrations) {
            GeneratorSettings.Builder b = GeneratorSettings.builder().rows(rows).seed(seed);
            if (tables != null) {
                tables.forEach(b::table);
            }
            SeedReport r;
            try (Progress progress = new Progress("seed generate", "rows", Progress.Mode.of(quiet || json), System.err)) {
                r = Seeds.generate(db, b.build(), (table, rowsDone, rowsTotal) -> progress.update(table, rowsDone));
            }
            report(this, r, json, quiet);
            return r.notFilled().isEmpty() ? 0 : Sluice.FAILED;
        }
    }

    /** Rows per table, the tables not filled, and a summary line; or JSON; nothing with {@code --quiet} alone. */
    private static void report(MigrationCommand command, SeedReport r, boolean json, boolean quiet) {
        Sluice root = command.root;
        if (quiet && !json) {
            return;
        }
        command.print(json, r, () -> {
            if (r.alreadyApplied()) {
                root.out().println("seed " + describe(r) + " was already loaded (see " + Seeds.HISTORY_TABLE + "); nothing changed");
                return;
            }
            TextColumns.of(r).lines().forEach(root.out()::println);
            r.notFilled().forEach((t, why) -> root.out().println("  not filled: " + t + ": " + why));
            root.out().printf("seed %s loaded: %d rows in %d ms%s%n", describe(r), r.totalRows(), r.took().toMillis(),
                    r.notFilled().isEmpty() ? "" : "; " + r.notFilled().size() + " table(s) not filled");
        });
    }

    private static String describe(SeedReport r) {
        return r.seed() + (r.parameters().isEmpty() ? "" : " (" + r.parameters() + ")");
    }
}
