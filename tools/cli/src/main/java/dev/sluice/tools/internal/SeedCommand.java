package dev.sluice.tools.internal;

import dev.sluice.migrations.GeneratorSettings;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.SeedReport;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.DemoSeed;
import dev.sluice.schema.ScaleSeed;
import dev.sluice.schema.Seed;
import dev.sluice.tools.Sluice;
import java.io.PrintStream;
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

        abstract Seed seed();

        @Override
        int run(Database db, Migrations migrations) {
            Progress progress = new Progress(json ? null : System.err);
            SeedReport r = Seeds.load(db, seed(), progress::update);
            progress.finish();
            report(this, r, json);
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

        @Override
        int run(Database db, Migrations migrations) {
            List<String> where = seedLocations == null ? List.of("filesystem:db/seed/{vendor}") : seedLocations.stream().map(String::strip).toList();
            List<SeedReport> reports = Seeds.applyScripts(db, where, null);
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

        @Override
        int run(Database db, Migrations migrations) {
            GeneratorSettings.Builder b = GeneratorSettings.builder().rows(rows).seed(seed);
            if (tables != null) {
                tables.forEach(b::table);
            }
            Progress progress = new Progress(json ? null : System.err);
            SeedReport r = Seeds.generate(db, b.build(), progress::update);
            progress.finish();
            report(this, r, json);
            return r.notFilled().isEmpty() ? 0 : Sluice.FAILED;
        }
    }

    /** Rows per table, the tables not filled, and a summary line; or JSON. */
    private static void report(MigrationCommand command, SeedReport r, boolean json) {
        Sluice root = command.root;
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

    /** A one-line progress display on stderr, redrawn in place on a terminal, one line per table otherwise. */
    static final class Progress {
        private final PrintStream err;
        private final boolean terminal = System.console() != null;
        private String table;
        private long rows;

        Progress(PrintStream err) {
            this.err = err;
        }

        synchronized void update(String t, long done, long total) {
            if (err == null) {
                return;
            }
            if (table != null && !table.equals(t) && !terminal) {
                err.printf("  loading %-14s %8d rows%n", table, rows);
            }
            table = t;
            rows = done;
            if (terminal) {
                err.printf("\r  loading %-14s %8d rows", t, done);
                err.flush();
            }
        }

        synchronized void finish() {
            if (err != null && table != null) {
                err.printf(terminal ? "\r  loading %-14s %8d rows%n" : "  loading %-14s %8d rows%n", table, rows);
            }
        }
    }
}
