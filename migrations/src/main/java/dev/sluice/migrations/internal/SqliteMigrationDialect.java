package dev.sluice.migrations.internal;

import static java.util.Map.entry;

import dev.sluice.connection.Vendor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQLite: no lock from Flyway, the rowid, declared types as written and SQLite's type affinity, statements as jOOQ
 * renders them adjusted to what SQLite accepts.
 */
final class SqliteMigrationDialect extends MigrationDialect {
    private static final SqlStatements.Syntax SYNTAX = new SqlStatements.Syntax(false, false, false, false, false);

    /** Its driver reports the type as declared in CREATE TABLE, so these follow the built-in scripts. */
    private static final ColumnTypes TYPES = new ColumnTypes(Map.ofEntries(
            entry(ColumnTypes.Kind.UUID, List.of("text", "uuid")),
            entry(ColumnTypes.Kind.JSON, List.of("text", "json")),
            entry(ColumnTypes.Kind.TIMESTAMP_TZ, List.of("timestamp with time zone")),
            entry(ColumnTypes.Kind.TIMESTAMP, List.of("timestamp", "datetime")),
            entry(ColumnTypes.Kind.DATE, List.of("date")),
            entry(ColumnTypes.Kind.TIME, List.of("time")),
            entry(ColumnTypes.Kind.VARCHAR, List.of("varchar(n)", "char(n)")),    // declared lengths only: SQLite does not enforce them
            entry(ColumnTypes.Kind.TEXT, List.of("text", "clob")),
            entry(ColumnTypes.Kind.SMALLINT, List.of("smallint", "integer")),
            entry(ColumnTypes.Kind.INTEGER, List.of("integer", "int")),
            entry(ColumnTypes.Kind.BIGINT, List.of("integer", "bigint")),         // INTEGER PRIMARY KEY is the 64-bit rowid
            entry(ColumnTypes.Kind.BOOLEAN, List.of("boolean")),
            entry(ColumnTypes.Kind.DECIMAL, List.of("numeric", "decimal")),
            entry(ColumnTypes.Kind.FLOAT, List.of("real", "double", "float")),
            entry(ColumnTypes.Kind.BINARY, List.of("blob"))),
            Set.of("varchar", "char"), true);

    SqliteMigrationDialect() {
        super(Vendor.SQLITE, SYNTAX, TYPES, new SqliteCatalog());
    }

    /** Flyway does not lock SQLite: two migrators of one file would both create the history table. */
    @Override
    public boolean flywayLocks() {
        return false;
    }

    @Override
    boolean ownTable(String name) {
        return name.startsWith("sqlite_");
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

    /** SQLite's rules for a declared type it does not know by name. */
    @Override
    ColumnFiller.Kind kind(String type, int jdbcType) {
        ColumnFiller.Kind known = super.kind(type, jdbcType);
        if (known != null) {
            return known;
        }
        if (type.contains("int")) {
            return ColumnFiller.Kind.INTEGER;
        }
        if (type.contains("char") || type.contains("clob") || type.contains("text")) {
            return ColumnFiller.Kind.STRING;
        }
        if (type.contains("real") || type.contains("floa") || type.contains("doub")) {
            return ColumnFiller.Kind.FLOAT;
        }
        return null;
    }
}
