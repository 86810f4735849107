package dev.sluice.migrations;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Vendor;
import dev.sluice.migrations.internal.SchemaCatalog;
import dev.sluice.migrations.internal.SchemaCatalog.SchemaObject;
import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Query;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The next migration, worked out from two databases: {@code migrated} (a throwaway database the project's migrations
 * were applied to) and {@code changed} (a development database someone altered by hand). The statements come from
 * jOOQ's {@code Meta.migrateTo} (tables, columns, defaults, keys, foreign keys, indexes, views, sequences); each is then
 * run on {@code migrated}, and what still differs afterwards, in jOOQ's terms or among the objects jOOQ does not
 * compare (triggers, routines, view definitions, PostgreSQL enum types and domains), is listed in
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
        SchemaCatalog catalog = SchemaCatalog.of(vendor);
        DSLContext render = DSL.using(migrated.dialect(), new Settings().withRenderSchema(false).withRenderCatalog(false));
        Meta target = meta(catalog, changed);
        Map<String, SchemaObject> want = catalog.objects(changed.dsl());
        Map<String, SchemaObject> have = catalog.objects(migrated.dsl());

        // views go first when dropped and last when created: they depend on the tables the other statements change
        List<String> planned = new ArrayList<>();
        List<String> createViews = new ArrayList<>();
        for (SchemaObject h : have.values()) {
            SchemaObject w = want.get(h.key());
            if (h.drop() != null && (w == null || !w.definition().equals(h.definition()))) {
                planned.add(h.drop());
            }
        }
        for (Query q : meta(catalog, migrated).migrateTo(target).queries()) {
            if (isSchemaStatement(q)) {
                // the two are different databases by design; a script never creates or drops one
                continue;
            }
            planned.add(catalog.written(render.renderInlined(q)));
        }
        for (SchemaObject w : want.values()) {
            SchemaObject h = have.get(w.key());
            if (w.create() != null && (h == null || !h.definition().equals(w.definition()))) {
                createViews.add(w.create());
            }
        }
        planned.addAll(createViews);

        List<String> statements = new ArrayList<>();
        Set<String> problems = new LinkedHashSet<>();
        for (String sql : planned) {
            try {
                migrated.dsl().execute(sql);
                statements.add(sql);
            } catch (RuntimeException e) {
                problems.add("not applied, " + vendor.displayName() + " refuses it: " + sql + " (" + firstLine(e) + ")");
            }
        }

        // whatever still differs once the statements ran, for whatever reason, is said
        for (Query q : meta(catalog, migrated).migrateTo(target).queries()) {
            if (isSchemaStatement(q)) {
                continue;
            }
            problems.add("still different after the script: " + catalog.written(render.renderInlined(q)));
        }
        have = catalog.objects(migrated.dsl());
        Set<String> keys = new TreeSet<>(have.keySet());
        keys.addAll(want.keySet());
        for (String key : keys) {
            SchemaObject h = have.get(key);
            SchemaObject w = want.get(key);
            if (h == null) {
                problems.add(key + ": only in the changed database; write its CREATE by hand");
            } else if (w == null) {
                problems.add(key + ": only in the migrations, the changed database dropped it; write its DROP by hand");
            } else if (!h.definition().equals(w.definition())) {
                problems.add(key + ": defined differently in the changed database; write the change by hand");
            }
        }
        return new SchemaDiff(vendor, statements, List.copyOf(problems));
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
    private static Meta meta(SchemaCatalog catalog, Database db) {
        return catalog.tables(db, name -> HISTORY.contains(name.toLowerCase(java.util.Locale.ROOT)));
    }

    private static boolean isSchemaStatement(Query q) {
        return q instanceof org.jooq.CreateSchemaFinalStep || q instanceof org.jooq.DropSchemaFinalStep;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
