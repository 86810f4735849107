package dev.sluice.migrations.internal;

import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway history tables in the current schema. Several sets of migrations can share one schema, each with its own
 * history table (the built-in schema's {@code sluice_schema_history} beside an application's
 * {@code flyway_schema_history}); Flyway refuses to start a history in a schema that already has tables, so a set that
 * finds only other sets' history there starts its own at version 0, before its first script.
 */
public final class HistoryTables {
    /** Columns every Flyway history table has, in lower case. */
    private static final Set<String> SHAPE = Set.of("installed_rank", "version", "script", "checksum", "success");
    /** The description of the version-0 row that starts a set beside others. */
    static final String BESIDE = "<< beside ";

    private HistoryTables() {}

    /** The names of the current schema's tables shaped like a Flyway history table, sorted. */
    public static Set<String> find(Database db) {
        return db.dsl().connectionResult(HistoryTables::find);
    }

    private static Set<String> find(Connection c) throws SQLException {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT);
                if (SHAPE.contains(column)) {
                    columns.computeIfAbsent(rs.getString("TABLE_NAME"), k -> new TreeSet<>()).add(column);
                }
            }
        }
        Set<String> out = new TreeSet<>();
        columns.forEach((table, found) -> {
            if (found.containsAll(SHAPE)) {
                out.add(table);
            }
        });
        return out;
    }

    /** The names of the current schema's tables. */
    private static Set<String> tableNames(Connection c) throws SQLException {
        Set<String> out = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    private static boolean containsIgnoringCase(Set<String> names, String name) {
        return names.stream().anyMatch(t -> t.equalsIgnoreCase(name));
    }

    /**
     * Lets the set whose history is {@code table} start in a schema that holds other sets: when {@code table} does not
     * exist yet and another history table does, Flyway writes a baseline at version 0 (described as
     * {@code << beside other_history >>}) and applies every script after it. A schema with tables but no history at
     * all is left to Flyway's refusal: nothing says those tables came from migrations.
     *
     * @return whether {@code flyway} was told to write that start
     */
    public static boolean startBesideOthers(Database db, String table, FluentConfiguration flyway) {
        Set<String> found = db.dsl().connectionResult(c -> {
            // the usual cases, an empty schema (a first migrate) and one that holds this set's history (every later
            // migrate), are told from the tables' names; every table's columns are read only when neither holds
            Set<String> tables = tableNames(c);
            return tables.isEmpty() || containsIgnoringCase(tables, table) ? Set.<String>of() : find(c);
        });
        if (found.isEmpty() || containsIgnoringCase(found, table)) {
            return false;
        }
        flyway.baselineOnMigrate(true).baselineVersion("0").baselineDescription(BESIDE + String.join(", ", found) + " >>");
        return true;
    }

    /** Whether a history row is the version-0 start of a set beside others: before the set's first script. */
    public static boolean isStartBesideOthers(String version, String description, boolean baseline) {
        return baseline && "0".equals(version) && description != null && description.startsWith(BESIDE);
    }
}
