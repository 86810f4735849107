package dev.sluice.migrations.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Source;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * What {@code SchemaDiff} needs to know about each vendor's catalog, one constant per vendor: the objects it compares
 * itself rather than through jOOQ's {@code Meta} (views, with the statements that create and drop each, so a view
 * added by hand becomes part of the script; triggers, routines, PostgreSQL enum types and domains, which it can only
 * list), how jOOQ reads the vendor's schema, and how a statement jOOQ rendered is written.
 */
public enum SchemaCatalog {
    /** PostgreSQL: the current schema. */
    POSTGRESQL {
        @Override
        public Map<String, SchemaObject> objects(DSLContext dsl) {
                    Map<String, SchemaObject> out = listed(dsl, null,
                            "SELECT 'trigger ' || t.tgname, c.relname || ': ' || pg_get_triggerdef(t.oid) FROM pg_trigger t "
                                    + "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                                    + "WHERE NOT t.tgisinternal AND n.nspname = current_schema()",
                            "SELECT 'routine ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', pg_get_functiondef(p.oid) "
                                    + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                                    + "WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')",
                            "SELECT 'enum type ' || t.typname, string_agg(e.enumlabel, ', ' ORDER BY e.enumsortorder) FROM pg_type t "
                                    + "JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                                    + "WHERE n.nspname = current_schema() GROUP BY t.typname",
                            "SELECT 'domain ' || t.typname, format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END "
                                    + "|| coalesce(' DEFAULT ' || t.typdefault, '') || coalesce((SELECT ' ' || string_agg(pg_get_constraintdef(c.oid), ' ' "
                                    + "ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid), '') FROM pg_type t "
                                    + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() AND t.typtype = 'd'");
                    for (Record r : dsl.fetch("SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema()")) {
                        String name = r.get(0, String.class);
                        String body = stripSemicolon(r.get(1, String.class));
                        view(out, name, body, "CREATE VIEW " + dsl.render(org.jooq.impl.DSL.name(name)) + " AS " + body,
                                "DROP VIEW " + dsl.render(org.jooq.impl.DSL.name(name)));
                    }
                    return out;
        }

        @Override
        public String currentSchema(DSLContext dsl) {
            return dsl.fetchOne("SELECT current_schema()").get(0, String.class);
        }
    },
    /** MySQL and MariaDB: the current database. */
    MYSQL {
        @Override
        public Map<String, SchemaObject> objects(DSLContext dsl) {
                    String database = dsl.fetchOne("SELECT DATABASE()").get(0, String.class);
                    Map<String, SchemaObject> out = listed(dsl, database,
                            "SELECT CONCAT('trigger ', TRIGGER_NAME), CONCAT(EVENT_OBJECT_TABLE, ': ', ACTION_TIMING, ' ', EVENT_MANIPULATION, ' ', "
                                    + "ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()",
                            "SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME), ROUTINE_DEFINITION FROM information_schema.ROUTINES "
                                    + "WHERE ROUTINE_SCHEMA = DATABASE()");
                    for (Record r : dsl.fetch("SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")) {
                        String name = r.get(0, String.class);
                        String body = unqualified(r.get(1, String.class), database);
                        view(out, name, body, "CREATE VIEW `" + name + "` AS " + body, "DROP VIEW `" + name + "`");
                    }
                    return out;
        }

        @Override
        public String currentSchema(DSLContext dsl) {
            return dsl.fetchOne("SELECT DATABASE()").get(0, String.class);
        }

        /**
         * The tables as their {@code SHOW CREATE TABLE} statements describe them, read by jOOQ's DDL interpreter. Not
         * jOOQ's {@code meta()}: on MariaDB its MariaDB form queries a column 10.11 lacks, and its MySQL form reads the
         * columns of every database on the server, failing when another client drops one meanwhile. Read this way, the
         * tables also come without the database's name, so two databases on one server compare table by table.
         */
        @Override
        public Meta tables(Database db, Predicate<String> ignored) {
            DSLContext dsl = db.dsl();
            StringBuilder ddl = new StringBuilder();
            for (String table : dsl.fetch("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME").getValues(0, String.class)) {
                if (!ignored.test(table)) {
                    ddl.append(dsl.fetchOne("SHOW CREATE TABLE " + dsl.render(DSL.name(table))).get(1, String.class)).append(";\n");
                }
            }
            // tables come in name order, so a foreign key may name a table defined further down
            return DSL.using(SQLDialect.MYSQL, new Settings().withInterpreterDelayForeignKeyDeclarations(true))
                    .meta(Source.of(ddl.toString()));
        }
    },
    /** SQLite: the main database. */
    SQLITE {
        @Override
        public Map<String, SchemaObject> objects(DSLContext dsl) {
                    Map<String, SchemaObject> out = listed(dsl, null,
                            "SELECT 'trigger ' || name, sql FROM sqlite_master WHERE type = 'trigger'");
                    for (Record r : dsl.fetch("SELECT name, sql FROM sqlite_master WHERE type = 'view'")) {
                        String name = r.get(0, String.class);
                        String sql = r.get(1, String.class);
                        view(out, name, sql, sql, "DROP VIEW \"" + name + "\"");
                    }
                    return out;
        }

        @Override
        public String currentSchema(DSLContext dsl) {
            return null;
        }

        /**
         * Backticks become double quotes: jOOQ quotes SQLite names with backticks, and SQLite keeps them, but jOOQ's
         * own SQLite {@code meta()} then no longer sees a foreign key's name in the stored {@code CREATE TABLE}.
         */
        @Override
        public String written(String sql) {
            return SqlQuotes.backticksToDoubleQuotes(sql);
        }
    };

    /**
     * An object of a schema.
     *
     * @param key {@code view long_books}, {@code trigger books_touch}, {@code routine touch()}...
     * @param definition its definition, whitespace collapsed, for comparing two databases
     * @param create the statement that creates it, when Sluice writes it into a script (views), else {@code null}
     * @param drop the statement that drops it, when Sluice writes it into a script, else {@code null}
     */
    public record SchemaObject(String key, String definition, String create, String drop) {}

    /** The catalog of {@code vendor}. */
    public static SchemaCatalog of(Vendor vendor) {
        return valueOf(vendor.name());
    }

    /** The objects of the connection's current schema (PostgreSQL), database (MySQL) or main database (SQLite). */
    public abstract Map<String, SchemaObject> objects(DSLContext dsl);

    /** The name of the schema compared, or {@code null} where there is only one (SQLite). */
    public abstract String currentSchema(DSLContext dsl);

    /**
     * The tables of the current schema as jOOQ's {@code Meta} (views are compared as {@link SchemaObject}s), without
     * those {@code ignored} names (lower case).
     */
    public Meta tables(Database db, Predicate<String> ignored) {
        DSLContext dsl = db.dsl();
        String current = currentSchema(dsl);
        return dsl.meta()
                .filterSchemas(s -> current == null || s.getName().equals(current))
                .filterTables(t -> t.getTableType().isTable() && !ignored.test(t.getName().toLowerCase(Locale.ROOT))
                        && (current == null || t.getSchema() == null || t.getSchema().getName().equals(current)));
    }

    /** A statement as rendered by jOOQ, as it is written into the script. */
    public String written(String sql) {
        return sql;
    }

    private static void view(Map<String, SchemaObject> out, String name, String definition, String create, String drop) {
        out.put("view " + name, new SchemaObject("view " + name, collapse(definition), create, drop));
    }

    private static Map<String, SchemaObject> listed(DSLContext dsl, String database, String... queries) {
        Map<String, SchemaObject> out = new TreeMap<>();
        for (String q : queries) {
            for (Record r : dsl.fetch(q)) {
                String key = r.get(0, String.class);
                out.put(key, new SchemaObject(key, collapse(unqualified(r.get(1, String.class), database)), null, null));
            }
        }
        return out;
    }

    /** Without the database's own name, with which MySQL qualifies the names in view and routine definitions. */
    private static String unqualified(String definition, String database) {
        return definition == null || database == null ? definition : definition.replace("`" + database + "`.", "");
    }

    private static String collapse(String definition) {
        return definition == null ? "" : definition.strip().replaceAll("\\s+", " ");
    }

    private static String stripSemicolon(String s) {
        String t = s.strip();
        return t.endsWith(";") ? t.substring(0, t.length() - 1) : t;
    }
}
