package dev.sluice.tools.internal;

import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.SeedReport;
import dev.sluice.migrations.Seeds;
import dev.sluice.query.Database;
import dev.sluice.schema.seed.DemoSeed;
import dev.sluice.schema.seed.ScaleSeed;
import dev.sluice.schema.seed.Seed;
import dev.sluice.tools.Sluice;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice seed demo|scale [--scale N --seed S]}: loads a seed into a migrated database, with progress. */
@Command(name = "seed", description = "Load seed data into a migrated database: demo (fixed, small) or scale (--scale N organizations, --seed S).")
public final class SeedCommand extends MigrationCommand {
    /** The seeds there are. */
    public enum Kind { demo, scale }

    @Parameters(index = "0", paramLabel = "SEED", description = "demo or scale")
    Kind kind;

    @Option(names = "--scale", defaultValue = "10", paramLabel = "N", description = "Organizations for the scale seed (default ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed for the scale seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    int run(Database db, Migrations migrations) {
        Seed s = kind == Kind.demo ? new DemoSeed() : new ScaleSeed(scale, seed);
        Progress progress = new Progress(json ? null : System.err);
        SeedReport r = Seeds.load(db, s, progress::update);
        progress.finish();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seed", r.seed());
            m.put("parameters", r.parameters());
            m.put("alreadyApplied", r.alreadyApplied());
            m.put("rows", r.rowsInserted());
            m.put("ms", r.took());
            root.out().println(Json.write(m));
        } else if (r.alreadyApplied()) {
            root.out().println("seed " + describe(r) + " was already loaded (see " + Seeds.HISTORY_TABLE + "); nothing changed");
        } else {
            r.rowsInserted().forEach((table, n) -> root.out().printf("  %-14s %8d rows%n", table, n));
            root.out().printf("seed %s loaded: %d rows in %d ms%n", describe(r), r.totalRows(), r.took().toMillis());
        }
        return 0;
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
