package dev.sluice.migrations.internal;

import dev.sluice.connection.PerVendor;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import org.jooq.DataType;
import org.jooq.Meta;
import org.jooq.impl.SQLDataType;

/**
 * The migrations module's side of a vendor, one subclass per vendor (the companion of core-connection's vendor
 * descriptor): whether Flyway locks it, how its client splits scripts, its column types and catalog, how
 * {@code SchemaDiff} reads its tables and writes statements for it, and how generated data is bound for it.
 */
public abstract class MigrationDialect {
    private static final PerVendor<MigrationDialect> ALL = PerVendor.of("migrations dialect", MigrationDialect::vendor,
            List.of(new PostgresMigrationDialect(), new MySqlMigrationDialect(), new SqliteMigrationDialect()));

    private final Vendor vendor;
    private final SqlStatements.Syntax syntax;
    private final ColumnTypes columnTypes;
    private final Catalog catalog;

    /**
     * @param syntax how the vendor's own client splits a script into statements
     * @param columnTypes what the vendor's column types hold, as its driver reports them
     * @param catalog the reader of what only the vendor's own catalog knows (views, triggers, routines, checks...)
     */
    MigrationDialect(Vendor vendor, SqlStatements.Syntax syntax, ColumnTypes columnTypes, Catalog catalog) {
        this.vendor = vendor;
        this.syntax = syntax;
        this.columnTypes = columnTypes;
        this.catalog = catalog;
    }

    /** The migrations dialect of a vendor. */
    public static MigrationDialect of(Vendor vendor) {
        return ALL.get(vendor);
    }

    /** The vendor. */
    public Vendor vendor() {
        return vendor;
    }

    // ---- migrating and running scripts ----------------------------------------------------------------------------

    /**
     * Whether Flyway keeps two migrators of one database apart by itself (an advisory lock on PostgreSQL, GET_LOCK on
     * MySQL); where it does not, {@link MigrationLock} does.
     */
    public boolean flywayLocks() {
        return true;
    }

    /** How the vendor's own client splits a script into statements. */
    SqlStatements.Syntax syntax() {
        return syntax;
    }

    /**
     * Runs a {@code COPY ... FROM stdin} statement with its data lines. Only a vendor whose {@link #syntax()} reads COPY
     * data ever gets one.
     *
     * @return the rows copied
     */
    long copyIn(Connection c, String sql, String data) throws SQLException {
        throw new SQLException(vendor.displayName() + " has no COPY ... FROM stdin");
    }

    // ---- reading schemas ------------------------------------------------------------------------------------------

    /** What the vendor's column types hold, as its driver reports them. */
    ColumnTypes columnTypes() {
        return columnTypes;
    }

    /** The reader of what only the vendor's own catalog knows (views, triggers, routines, checks...). */
    Catalog catalog() {
        return catalog;
    }

    /** Whether a table is the vendor's own ({@code sqlite_sequence}), never the application's; {@code name} in lower case. */
    boolean ownTable(String name) {
        return false;
    }

    /**
     * The tables of the current schema as jOOQ's {@code Meta} (views are compared by their definitions instead),
     * without those {@code ignored} names (lower case).
     */
    public Meta tables(Database db, Predicate<String> ignored) {
        String current = db.dsl().connectionResult(vendor::currentSchema);
        return db.dsl().meta()
                .filterSchemas(s -> current == null || s.getName().equals(current))
                .filterTables(t -> t.getTableType().isTable() && !ignored.test(t.getName().toLowerCase(Locale.ROOT))
                        && (current == null || t.getSchema() == null || t.getSchema().getName().equals(current)));
    }

    /** The statement that creates a view, from the definition the catalog holds (see {@code SchemaObjects#views()}). */
    public String createView(String name, String definition) {
        return "CREATE VIEW " + vendor.quoteIdentifier(name) + " AS " + definition;
    }

    /** The statement that drops a view. */
    public String dropView(String name) {
        return "DROP VIEW " + vendor.quoteIdentifier(name);
    }

    /** A statement as rendered by jOOQ, as it is written into a script. */
    public String written(String sql) {
        return sql;
    }

    // ---- generating data ------------------------------------------------------------------------------------------

    /** What a column of type {@code type} (lower case, no length) holds; {@code null} when the generator cannot fill it. */
    ColumnFiller.Kind kind(String type, int jdbcType) {
        return ColumnFiller.kindOf(type);
    }

    /** Whether the values of a column restricted to an enum type's labels must be cast to that type (PostgreSQL). */
    boolean castsEnumLabels() {
        return false;
    }

    /**
     * The jOOQ type generated values of the kinds whose representation differs by vendor ({@code TIMESTAMP_TZ},
     * {@code UUID}, {@code JSON}) are bound with; by default as a local timestamp and as text.
     */
    DataType<?> bindType(ColumnFiller.Kind kind, boolean jsonb) {
        return kind == ColumnFiller.Kind.TIMESTAMP_TZ ? SQLDataType.LOCALDATETIME : SQLDataType.VARCHAR;
    }

    /**
     * A generated value as {@link #bindType} binds it: the generator makes the same portable value on every vendor (a
     * {@code LocalDateTime} in UTC, a {@code UUID}, JSON text), so one seed gives the same data everywhere.
     */
    Object represent(ColumnFiller.Kind kind, Object value, boolean jsonb) {
        return value instanceof UUID u ? u.toString() : value;
    }
}
