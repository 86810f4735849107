package dev.sluice.migrations.internal;

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
 * schema, the current MySQL database, SQLite's main database. Plain JDBC on purpose: jOOQ's {@code meta()} query fails
 * on MariaDB 10.11. Names are looked up ignoring case.
 */
final class LiveSchema {
    /** A column; {@code length} is the declared length of a length type ({@code varchar}), else {@code null}. */
    record Column(String name, String typeName, Integer length, boolean nullable) {
        /** The type as declared: {@code varchar(100)}, {@code int4}. */
        String declaredType() {
            return length == null ? typeName : typeName + "(" + length + ")";
        }
    }

    /** A foreign key: {@code columns[i]} references {@code referencedColumns[i]} of {@code referencedTable}. */
    record ForeignKey(List<String> columns, String referencedTable, List<String> referencedColumns) {}

    /** A table: columns in their order, primary key columns in key order, unique indexes' columns in index order. */
    record Table(String name, Map<String, Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
            List<List<String>> uniqueKeys) {
        /** A column by name, ignoring case, or {@code null}. */
        Column column(String columnName) {
            return columns.get(key(columnName));
        }
    }

    private final Map<String, String> tableNames;   // lower-case name -> name as the database spells it
    private final Map<String, Table> tables;

    private LiveSchema(Map<String, String> tableNames, Map<String, Table> tables) {
        this.tableNames = tableNames;
        this.tables = tables;
    }

    /**
     * Reads the names of all tables, and the details of those among {@code wanted} (names, any case) that exist.
     *
     * @throws SQLException as the driver throws it
     */
    static LiveSchema read(Connection c, ColumnTypes types, Collection<String> wanted) throws SQLException {
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
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
            }
        }

        Map<String, Table> tables = new LinkedHashMap<>();
        for (String w : wanted) {
            String name = names.get(key(w));
            if (name != null) {
                tables.put(key(name), table(md, catalog, schema, name, columns.getOrDefault(key(name), List.of()), types));
            }
        }
        return new LiveSchema(names, tables);
    }

    /** A table by name, ignoring case, or {@code null} when it does not exist. */
    Table table(String name) {
        return tables.get(key(name));
    }

    /** Every table's name as the database spells it, sorted. */
    Collection<String> tableNames() {
        return tableNames.values();
    }

    private static Table table(DatabaseMetaData md, String catalog, String schema, String name, List<Column> read,
            ColumnTypes types) throws SQLException {
        List<String> primaryKey = primaryKey(md, catalog, schema, name);
        Map<String, Column> columns = new LinkedHashMap<>();
        for (Column col : read) {
            if (col.nullable() && types.neverNull(col, primaryKey)) {
                col = new Column(col.name(), col.typeName(), col.length(), false);
            }
            columns.put(key(col.name()), col);
        }
        return new Table(name, columns, primaryKey, foreignKeys(md, catalog, schema, name), uniqueKeys(md, catalog, schema, name));
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
                byKey.computeIfAbsent(name + "\u0000" + referenced, k -> new ArrayList<>())
                        .add(new String[] {rs.getString("FKCOLUMN_NAME"), referenced, rs.getString("PKCOLUMN_NAME"), rs.getString("KEY_SEQ")});
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
            out.add(new ForeignKey(List.copyOf(cols), referenced, List.copyOf(refs)));
        }
        return out;
    }

    /** Unique indexes (which include unique constraints and the primary key's index), each as its columns in order. */
    private static List<List<String>> uniqueKeys(DatabaseMetaData md, String catalog, String schema, String table) throws SQLException {
        Map<String, Map<Integer, String>> byIndex = new LinkedHashMap<>();
        try (ResultSet rs = md.getIndexInfo(catalog, schema, table, true, true)) {
            while (rs.next()) {
                // sqlite-jdbc ignores the unique filter, so check NON_UNIQUE; skip table statistics rows
                if (rs.getBoolean("NON_UNIQUE") || rs.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic) {
                    continue;
                }
                String column = rs.getString("COLUMN_NAME");
                byIndex.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new TreeMap<>())
                        .put((int) rs.getShort("ORDINAL_POSITION"), column == null ? "<expression>" : column);
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (Map<Integer, String> cols : byIndex.values()) {
            out.add(List.copyOf(cols.values()));
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

    static String key(String name) {
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
