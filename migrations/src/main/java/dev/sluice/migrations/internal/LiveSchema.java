package dev.sluice.migrations.internal;

import dev.sluice.connection.Vendor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of a live database as its JDBC driver describes them ({@link DatabaseMetaData}: getTables, getColumns,
 * getPrimaryKeys, getImportedKeys, getIndexInfo), in the connection's own catalog and schema: PostgreSQL's current
 * schema, the current MySQL database, SQLite's main database; with {@link #readAll}, also what only the vendor's
 * catalog knows ({@link SchemaObjects}: views, triggers, routines, checks, exact types, row-level security). Plain JDBC
 * on purpose: jOOQ's {@code meta()} query fails on MariaDB 10.11. Names are looked up ignoring case.
 */
public final class LiveSchema {
    /**
     * A column. {@code length} is the declared length of a length type ({@code varchar}), else {@code null};
     * {@code jdbcType} is its {@link java.sql.Types} code, {@code size} and {@code scale} the driver's COLUMN_SIZE and
     * DECIMAL_DIGITS; {@code generated} is true when the database fills it (identity, auto-increment, computed).
     */
    public record Column(String name, String typeName, Integer length, boolean nullable, int jdbcType, int size, int scale,
            String defaultValue, boolean generated) {
        /** The type as declared: {@code varchar(100)}, {@code int4}. */
        public String declaredType() {
            return length == null ? typeName : typeName + "(" + length + ")";
        }

        Column notNull() {
            return new Column(name, typeName, length, false, jdbcType, size, scale, defaultValue, generated);
        }
    }

    /** A foreign key: {@code columns[i]} references {@code referencedColumns[i]} of {@code referencedTable}. */
    public record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns, String onDelete) {}

    /** An index: its columns (or expressions) in order; {@code filter} is a partial index's condition, else {@code null}. */
    public record Index(String name, boolean unique, List<String> columns, String filter) {}

    /** A table: columns in their order, primary key columns in key order, foreign keys, indexes (unique ones included). */
    public record Table(String name, Map<String, Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
            List<Index> indexes) {
        /** A column by name, ignoring case, or {@code null}. */
        public Column column(String columnName) {
            return columns.get(key(columnName));
        }

        /** The columns of each unique index (unique constraints and the primary key's index included). */
        public List<List<String>> uniqueKeys() {
            return indexes.stream().filter(Index::unique).map(Index::columns).toList();
        }
    }

    private final Map<String, String> tableNames;   // lower-case name -> name as the database spells it
    private final Map<String, Table> tables;
    private final SchemaObjects objects;

    private LiveSchema(Map<String, String> tableNames, Map<String, Table> tables, SchemaObjects objects) {
        this.tableNames = tableNames;
        this.tables = tables;
        this.objects = objects;
    }

    /**
     * Reads the names of all tables, and the details of those among {@code wanted} (names, any case) that exist.
     *
     * @throws SQLException as the driver throws it
     */
    static LiveSchema read(Connection c, ColumnTypes types, Collection<String> wanted) throws SQLException {
        return read(c, types, wanted, new SchemaObjects());
    }

    /**
     * Reads every table with its details, and the vendor's catalog objects.
     *
     * @throws SQLException as the driver throws it
     */
    public static LiveSchema readAll(Connection c, Vendor vendor) throws SQLException {
        SchemaObjects objects = new SchemaObjects();
        MigrationDialect dialect = MigrationDialect.of(vendor);
        dialect.catalog().read(c, objects);
        return read(c, dialect.columnTypes(), null, objects);
    }

    private static LiveSchema read(Connection c, ColumnTypes types, Collection<String> wanted, SchemaObjects objects) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = c.getCatalog();
        String schema = c.getSchema();
        String schemaPattern = schema == null ? null : escape(schema, md.getSearchStringEscape());

        Map<String, String> names = new TreeMap<>();
        try (ResultSet rs = md.getTables(catalog, schemaPattern, "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                if ("TABLE".equalsIgnoreCase(type) || "PARTITIONED TABLE".equalsIgnoreCase(type)) {
                    String name = rs.getString("TABLE_NAME");
                    names.put(key(name), name);
                }
            }
        }

        // all columns at once: a table name used as a pattern would need escaping, which not every driver honours
        Map<String, List<Column>> columns = new TreeMap<>();
        try (ResultSet rs = md.getColumns(catalog, schemaPattern, "%", "%")) {
            while (rs.next()) {
                String typeName = rs.getString("TYPE_NAME");
                columns.computeIfAbsent(key(rs.getString("TABLE_NAME")), k -> new ArrayList<>()).add(new Column(
                        rs.getString("COLUMN_NAME"), typeName, types.length(typeName, rs.getInt("COLUMN_SIZE")),
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"),
                        rs.getInt("DECIMAL_DIGITS"), rs.getString("COLUMN_DEF"),
                        "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT")) || "YES".equalsIgnoreCase(generated(rs))));
            }
        }

        Map<String, Table> tables = new LinkedHashMap<>();
        for (String w : wanted == null ? names.values() : wanted) {
            String name = names.get(key(w));
            if (name != null) {
                tables.put(key(name), table(md, catalog, schema, name, columns.getOrDefault(key(name), List.of()), types));
            }
        }
        return new LiveSchema(names, tables, objects);
    }

    private static String generated(ResultSet rs) {
        try {
            return rs.getString("IS_GENERATEDCOLUMN");
        } catch (SQLException notReported) {
            return null; // JDBC 4.1 column; older drivers lack it
        }
    }

    /** A table by name, ignoring case, or {@code null} when it does not exist or was not read. */
    public Table table(String name) {
        return tables.get(key(name));
    }

    /** The tables read in detail, by name. */
    public Collection<Table> tables() {
        return tables.values();
    }

    /** Every table's name as the database spells it, sorted. */
    public Collection<String> tableNames() {
        return tableNames.values();
    }

    /** What the vendor's catalog adds; empty unless read with {@link #readAll}. */
    public SchemaObjects objects() {
        return objects;
    }

    private static Table table(DatabaseMetaData md, String catalog, String schema, String name, List<Column> read,
            ColumnTypes types) throws SQLException {
        List<String> primaryKey = primaryKey(md, catalog, schema, name);
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Column col : read) {
            if (col.nullable() && types.isRowid(col, primaryKey)) {
                col = col.notNull();
            }
            columns.put(key(col.name()), col);
        }
        return new Table(name, columns, primaryKey, foreignKeys(md, catalog, schema, name), indexes(md, catalog, schema, name));
    }

    private static List<String> primaryKey(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        Map<Integer, String> bySeq = new TreeMap<>();
        try (ResultSet rs = md.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        return List.copyOf(bySeq.values());
    }

    private static List<ForeignKey> foreignKeys(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        // grouped by constraint name; an unnamed key (SQLite) ends where the next one's KEY_SEQ starts again at 1
        Map<String, List<String[]>> byKey = new LinkedHashMap<>();
        int unnamed = 0;
        try (ResultSet rs = md.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                String referenced = rs.getString("PKTABLE_NAME");
                if (name == null || name.isEmpty()) {
                    if (rs.getInt("KEY_SEQ") <= 1) {
                        unnamed++;
                    }
                    name = "#" + unnamed;
                }
                byKey.computeIfAbsent(name + "\u0000" + referenced, k -> new ArrayList<>()).add(new String[] {
                    rs.getString("FKCOLUMN_NAME"), referenced, rs.getString("PKCOLUMN_NAME"), rs.getString("KEY_SEQ"),
                    deleteRule(rs.getShort("DELETE_RULE"))});
            }
        }
        List<ForeignKey> out = new ArrayList<>();
        for (List<String[]> rows : byKey.values()) {
            rows.sort((a, b) -> Integer.compare(Integer.parseInt(a[3]), Integer.parseInt(b[3])));
            List<String> cols = new ArrayList<>();
            List<String> refs = new ArrayList<>();
            for (String[] r : rows) {
                cols.add(r[0]);
                refs.add(r[2]);
            }
            String referenced = rows.get(0)[1];
            if (refs.contains(null)) {
                refs = new ArrayList<>(primaryKey(md, catalog, schema, referenced)); // SQLite: REFERENCES t means t's primary key
            }
            out.add(new ForeignKey(List.copyOf(cols), referenced, List.copyOf(refs), rows.get(0)[4]));
        }
        return out;
    }

    private static String deleteRule(short rule) {
        return switch (rule) {
            case DatabaseMetaData.importedKeyCascade -> "CASCADE";
            case DatabaseMetaData.importedKeySetNull -> "SET NULL";
            case DatabaseMetaData.importedKeySetDefault -> "SET DEFAULT";
            case DatabaseMetaData.importedKeyRestrict -> "RESTRICT";
            default -> "NO ACTION";
        };
    }

    /** Indexes (unique constraints and the primary key's index included), each with its columns in order. */
    private static List<Index> indexes(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        Map<String, Map<Integer, String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, false, true)) {
            while (rs.next()) {
                if (rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic || rs.getString("INDEX_NAME") == null) {
                    continue;
                }
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                columns.computeIfAbsent(index, k -> new TreeMap<>())
                        .put((int) rs.getShort("ORDINAL_POSITION"), column == null ? "<expression>" : column);
                unique.put(index, !rs.getBoolean("NON_UNIQUE"));
                String filter = rs.getString("FILTER_CONDITION");
                if (filter != null && !filter.isBlank()) {
                    filters.put(index, filter);
                }
            }
        }
        List<Index> out = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, String>> e : columns.entrySet()) {
            out.add(new Index(e.getKey(), unique.get(e.getKey()), List.copyOf(e.getValue().values()), filters.get(e.getKey())));
        }
        return out;
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder();
        for (char ch : name.toCharArray()) {
            if (ch == '_' || ch == '%') {
                sb.append(escape);
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    /** The lower-case form names are compared in. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Lower-case names, for comparing column lists as sets. */
    static Set<String> keys(List<String> names) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            out.add(key(n));
        }
        return out;
    }
}
