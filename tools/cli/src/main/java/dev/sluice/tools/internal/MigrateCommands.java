package dev.sluice.tools.internal;

import dev.sluice.migrations.AppliedMigration;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.migrations.MigrationStatus;
import dev.sluice.migrations.Migrations;
import dev.sluice.migrations.ValidationReport;
import dev.sluice.query.Database;
import dev.sluice.tools.Sluice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrate}, {@code info}, {@code validate}, {@code rollback}, {@code baseline}, {@code repair}: adapters over {@link Migrations}. */
public final class MigrateCommands {
    private static final java.time.format.DateTimeFormatter INSTALLED =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    private MigrateCommands() {}

    static Map<String, Object> json(MigrationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", r.fromVersion());
        m.put("to", r.toVersion());
        List<Map<String, Object>> list = new ArrayList<>();
        for (AppliedMigration a : r.migrations()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("version", a.version());
            x.put("description", a.description());
            x.put("script", a.script());
            x.put("ms", a.took());
            list.add(x);
        }
        m.put("migrations", list);
        m.put("ms", r.took());
        return m;
    }

    static void print(Sluice root, MigrationReport r, String verb, boolean json) {
        if (json) {
            root.out().println(Json.write(json(r)));
            return;
        }
        r.migrations().forEach(a -> line(root, a));
        root.out().println(r.summary(verb));
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

        @Override
        int run(Database db, Migrations m) {
            if (json) {
                print(root, m.migrate(target), "applied", true);
            } else {
                // each script's line as soon as it has run; after a failure the error names the script that failed
                root.out().println(m.migrate(target, a -> line(root, a)).summary("applied"));
            }
            return 0;
        }
    }

    /** {@code sluice info}. */
    @Command(name = "info", description = "List migrations: version, description, state, when applied, whether a down script exists.")
    public static final class Info extends MigrationCommand {
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        int run(Database db, Migrations m) {
            List<MigrationStatus> rows = m.info();
            String current = m.currentVersion();
            List<MigrationStatus> failed = rows.stream().filter(r -> r.state().isFailed()).toList();
            if (json) {
                List<Map<String, Object>> out = new ArrayList<>();
                for (MigrationStatus s : rows) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("version", s.version());
                    x.put("description", s.description());
                    x.put("script", s.script());
                    x.put("state", s.state().displayName());
                    x.put("installedOn", s.installedOn());
                    x.put("downScript", s.hasDownScript());
                    out.add(x);
                }
                Map<String, Object> m2 = new LinkedHashMap<>();
                m2.put("current", current);
                m2.put("failed", failed.stream().map(MigrationStatus::version).toList());
                m2.put("migrations", out);
                root.out().println(Json.write(m2));
                return 0;
            }
            // '>' marks the current version, '!' a failed one
            TextColumns table = new TextColumns("", "VERSION", "DESCRIPTION", "STATE", "INSTALLED (UTC)", "DOWN");
            for (MigrationStatus s : rows) {
                String mark = s.state().isFailed() ? "!" : s.version() != null && s.version().equals(current) ? ">" : "";
                table.add(mark, s.version() == null ? "R" : s.version(), s.description(), s.state().displayName(),
                        s.installedOn() == null ? null : INSTALLED.format(s.installedOn()), s.hasDownScript() ? "yes" : "no");
            }
            table.print(root.out());
            root.out().println("current version: " + (current == null ? "<empty>" : current)
                    + (failed.isEmpty() ? "" : " (the newest applied successfully)"));
            for (MigrationStatus f : failed) {
                root.out().println("failed: " + f.script() + " (version " + f.version() + "); undo what it left, then run sluice repair");
            }
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
            if (json) {
                root.out().println(Json.write(Map.of("valid", r.valid(), "problems", r.problems())));
            } else if (r.valid()) {
                root.out().println("valid: applied migrations match the scripts");
            } else {
                root.out().println("invalid:");
                r.problems().forEach(p -> root.out().println("  " + p));
            }
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
            print(root, m.rollback(to), "rolled back", json);
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
