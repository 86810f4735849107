package dev.sluice.migrations;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.internal.LiveSchema;
import dev.sluice.migrations.internal.SchemaComparison;
import dev.sluice.migrations.internal.MigrationDialect;
import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Query;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The next migration, worked out from two databases: {@code migrated} (a throwaway database the project's migrations
 * were applied to) and {@code changed} (a development database someone altered by hand). The statements come from
 * jOOQ's {@code Meta.migrateTo} (tables, columns, defaults, primary, unique and foreign keys, indexes), plus views
 * taken from the changed database's catalog. Each statement is then run on {@code migrated}, and whatever still differs
 * afterwards, as the drift check of {@link Migrations#checkSchemaAgainstMigrations()} sees it (exact types, checks,
 * triggers, functions and procedures, enum types, domains, row-level security...), is listed in
 * {@link #notExpressed()}: a difference is either in the script or in that list, never dropped silently.
 *
 * <pre>{@code
 * try (ThrowawayDatabase scratch = ThrowawayDatabase.builder(devConfig).locations("filesystem:db/migration").open();
 *      Database dev = Database.connect(devConfig)) {
 *     SchemaDiff diff = SchemaDiff.between(scratch.database(), dev);
 *     Files.writeString(Path.of("db/migration/V4__reviews.sql"), diff.script());
 *     diff.notExpressed().forEach(System.err::println);      // write those parts by hand
 * }
 * }</pre>
 *
 * @param vendor the vendor of both databases
 * @param statements the SQL statements, in order, that turn {@code migrated} into {@code changed}, each without its
 *     terminating semicolon
 * @param notExpressed one line per difference the statements do not cover, or a statement that failed on
 *     {@code migrated} (and is left out of {@link #statements()}) with the database's error
 */
public record SchemaDiff(Vendor vendor, List<String> statements, List<String> notExpressed) {
    private static final Set<String> HISTORY = Set.of(Migrations.DEFAULT_TABLE, Seeds.HISTORY_TABLE);

    /** Copies the lists. */
    public SchemaDiff {
        statements = List.copyOf(statements);
        notExpressed = List.copyOf(notExpressed);
    }

    /**
     * Compares {@code migrated} with {@code changed} (same vendor) and checks the result by applying it to
     * {@code migrated}, which is changed: pass a throwaway database. Flyway's and Sluice's history tables are ignored.
     *
     * @throws ConfigException when the vendors differ
     */
    public static SchemaDiff between(Database migrated, Database changed) {
        if (migrated.vendor() != changed.vendor()) {
            throw new ConfigException("changed database", changed.vendor().displayName(),
                    "a " + migrated.vendor().displayName() + " database, like the migrated one");
        }
        Vendor vendor = migrated.vendor();
        MigrationDialect dialect = MigrationDialect.of(vendor);
        DSLContext render = DSL.using(migrated.dialect(), new Settings().withRenderSchema(false).withRenderCatalog(false));
        Meta target = tables(dialect, changed);
        Map<String, String> wantViews = read(changed).objects().views();
        Map<String, String> haveViews = read(migrated).objects().views();

        // views are dropped first and created last: they depend on the tables the other statements change
        List<String> planned = new ArrayList<>();
        haveViews.forEach((name, definition) -> {
            if (!definition.equals(wantViews.get(name))) {
                planned.add(dialect.dropView(name));
            }
        });
        for (Query q : tables(dialect, migrated).migrateTo(target).queries()) {
            // the two are different databases by design; a script never creates or drops one
            if (!(q instanceof org.jooq.CreateSchemaFinalStep || q instanceof org.jooq.DropSchemaFinalStep)) {
                planned.add(dialect.written(render.renderInlined(q)));
            }
        }
        wantViews.forEach((name, definition) -> {
            if (!definition.equals(haveViews.get(name))) {
                planned.add(dialect.createView(name, definition));
            }
        });

        List<String> statements = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String sql : planned) {
            try {
                migrated.dsl().execute(sql);
                statements.add(sql);
            } catch (RuntimeException e) {
                problems.add("not applied, " + vendor.displayName() + " refuses it: " + sql + " (" + firstLine(e) + ")");
            }
        }
        // whatever still differs once the statements ran, for whatever reason, is said: the drift check's comparison
        DriftReport rest = SchemaComparison.compare(read(changed), read(migrated), HISTORY);
        for (String d : rest.differences()) {
            problems.add("not in the script: " + d);
        }
        return new SchemaDiff(vendor, statements, problems);
    }

    /** Whether the two databases are the same as far as can be told. */
    public boolean empty() {
        return statements.isEmpty() && notExpressed.isEmpty();
    }

    /**
     * The migration script: the statements, each ending with {@code ;}, after a comment that lists what the script
     * does not express (so a reader sees it before applying the script).
     */
    public String script() {
        StringBuilder sb = new StringBuilder("-- Generated by sluice diff (").append(vendor.displayName()).append(").\n");
        if (!notExpressed.isEmpty()) {
            sb.append("-- NOT EXPRESSED below; add these by hand:\n");
            notExpressed.forEach(p -> sb.append("--   ").append(p.replace("\n", " ")).append('\n'));
        }
        sb.append('\n');
        statements.forEach(s -> sb.append(s).append(";\n"));
        return sb.toString();
    }

    /** The database's tables as jOOQ sees them, without the history tables. */
    private static Meta tables(MigrationDialect dialect, Database db) {
        return dialect.tables(db, name -> HISTORY.contains(name));
    }

    /** The database as the drift check reads it. */
    private static LiveSchema read(Database db) {
        return db.dsl().connectionResult(c -> LiveSchema.readAll(c, db.vendor()));
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
