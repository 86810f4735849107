package dev.sluice.migrations.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import java.util.Locale;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.SQLDialect;
import org.jooq.Source;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * How {@code SchemaDiff} reads a vendor's tables as jOOQ's {@code Meta} and writes statements for it: one constant per
 * vendor.
 */
public enum ScriptDialect {
    /** PostgreSQL: the current schema. */
    POSTGRESQL('"') {
        @Override
        String currentSchema(DSLContext dsl) {
            return dsl.fetchOne("SELECT current_schema()").get(0, String.class);
        }
    },
    /** MySQL and MariaDB: the current database. */
    MYSQL('`') {
        @Override
        String currentSchema(DSLContext dsl) {
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
                if (!ignored.test(table.toLowerCase(Locale.ROOT))) {
                    ddl.append(dsl.fetchOne("SHOW CREATE TABLE " + dsl.render(DSL.name(table))).get(1, String.class)).append(";\n");
                }
            }
            // tables come in name order, so a foreign key may name a table defined further down
            return DSL.using(SQLDialect.MYSQL, new Settings().withInterpreterDelayForeignKeyDeclarations(true))
                    .meta(Source.of(ddl.toString()));
        }
    },
    /** SQLite: the main database. */
    SQLITE('"') {
        @Override
        String currentSchema(DSLContext dsl) {
            return null;
        }

        /** See {@link SqliteSyntax#fromJooq(String)}. */
        @Override
        public String written(String sql) {
            return SqliteSyntax.fromJooq(sql);
        }

        /** SQLite keeps a view's whole {@code CREATE VIEW} statement, which is its definition here. */
        @Override
        public String createView(String name, String definition) {
            return definition;
        }
    };

    private final char quote;

    ScriptDialect(char quote) {
        this.quote = quote;
    }

    /** The dialect of {@code vendor}. */
    public static ScriptDialect of(Vendor vendor) {
        return valueOf(vendor.name());
    }

    /** The name of the schema compared, or {@code null} where there is only one (SQLite). */
    abstract String currentSchema(DSLContext dsl);

    /** The statement that creates a view, from the definition the catalog holds (see {@code SchemaObjects#views()}). */
    public String createView(String name, String definition) {
        return "CREATE VIEW " + quoted(name) + " AS " + definition;
    }

    /** The statement that drops a view. */
    public String dropView(String name) {
        return "DROP VIEW " + quoted(name);
    }

    private String quoted(String name) {
        return quote + name.replace(String.valueOf(quote), String.valueOf(quote) + quote) + quote;
    }

    /**
     * The tables of the current schema as jOOQ's {@code Meta} (views are compared by their definitions instead),
     * without those {@code ignored} names (lower case).
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
}
