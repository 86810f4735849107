package dev.sluice.migrations.internal;

import static java.util.Map.entry;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.SQLDialect;
import org.jooq.Source;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/** MySQL and MariaDB: the mysql client's script syntax, information_schema, Connector/J's type names. */
final class MySqlMigrationDialect extends MigrationDialect {
    private static final SqlStatements.Syntax SYNTAX = new SqlStatements.Syntax(false, false, true, true, true);

    /** As Connector/J reports them. */
    private static final ColumnTypes TYPES = new ColumnTypes(Map.ofEntries(
            entry(ColumnTypes.Kind.UUID, List.of("char(36)", "uuid")),            // MariaDB 10.7+ also has a native UUID type
            entry(ColumnTypes.Kind.JSON, List.of("json", "longtext")),            // MariaDB: JSON is LONGTEXT with a json_valid check
            entry(ColumnTypes.Kind.TIMESTAMP_TZ, List.of("datetime", "timestamp")),
            entry(ColumnTypes.Kind.TIMESTAMP, List.of("datetime", "timestamp")),
            entry(ColumnTypes.Kind.DATE, List.of("date")),
            entry(ColumnTypes.Kind.TIME, List.of("time")),
            entry(ColumnTypes.Kind.VARCHAR, List.of("varchar(n)", "char(n)")),
            entry(ColumnTypes.Kind.TEXT, List.of("text", "mediumtext", "longtext")),
            entry(ColumnTypes.Kind.SMALLINT, List.of("smallint")),
            entry(ColumnTypes.Kind.INTEGER, List.of("int")),
            entry(ColumnTypes.Kind.BIGINT, List.of("bigint")),
            entry(ColumnTypes.Kind.BOOLEAN, List.of("boolean", "bit", "tinyint")), // Connector/J reports BOOLEAN (TINYINT(1)) as BIT
            entry(ColumnTypes.Kind.DECIMAL, List.of("decimal")),
            entry(ColumnTypes.Kind.FLOAT, List.of("double", "float")),
            entry(ColumnTypes.Kind.BINARY, List.of("blob", "mediumblob", "longblob", "varbinary", "binary"))),
            Set.of("varchar", "char"), false);

    MySqlMigrationDialect() {
        super(Vendor.MYSQL, SYNTAX, TYPES, new MySqlCatalog());
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

    /** Connector/J reports TINYINT(1) and BIT(1) as BIT: booleans. */
    @Override
    ColumnFiller.Kind kind(String type, int jdbcType) {
        return jdbcType == java.sql.Types.BIT ? ColumnFiller.Kind.BOOLEAN : super.kind(type, jdbcType);
    }
}
