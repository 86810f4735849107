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
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;
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

    private static boolean containsIgnoringCase(Set<String> names, String name) {
        return names.stream().anyMatch(t -> t.equalsIgnoreCase(name));
    }

    /**
     * Lets the set whose history is {@code table} start in a schema that holds other sets, once Flyway has refused to
     * start it there ({@code refusal}: a schema with tables but without {@code table}, Flyway's
     * {@link CoreErrorCode#NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE}, thrown before it writes anything): when
     * another history table is there, Flyway is told to write a baseline at version 0 (described as
     * {@code << beside other_history >>}) and to apply every script after it. A schema with tables but no history at
     * all stays refused: nothing says those tables came from migrations. Asked only after the refusal, so that every
     * other migrate (an empty schema, one that holds this set's history) reads nothing before Flyway does.
     *
     * @return whether {@code flyway} was told to write that start; {@code false} for any other failure
     */
    public static boolean startBesideOthers(Database db, String table, FluentConfiguration flyway, FlywayException refusal) {
        if (refusal.getErrorCode() != CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
            return false;
        }
        Set<String> found = find(db);
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
