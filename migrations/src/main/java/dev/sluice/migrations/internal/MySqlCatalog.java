package dev.sluice.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * The information schema of MySQL and MariaDB, for the current database. Definitions are stored with the database's
 * name removed ({@code `app`.`orders`} becomes {@code `orders`}), so the same script run in two databases reads the same.
 */
final class MySqlCatalog extends Catalog {
    @Override
    void read(Connection c, SchemaObjects out) throws SQLException {
        String database = c.getCatalog();
        Pattern qualifier = Pattern.compile("`" + Pattern.quote(database == null ? "" : database) + "`\\.");
        query(c, "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS c WHERE TABLE_SCHEMA = DATABASE() "
                + "AND EXISTS (SELECT 1 FROM information_schema.TABLES t WHERE t.TABLE_SCHEMA = c.TABLE_SCHEMA "
                + "AND t.TABLE_NAME = c.TABLE_NAME AND t.TABLE_TYPE = 'BASE TABLE')",
                rs -> {
                    String column = LiveSchema.key(rs.getString(1)) + "." + LiveSchema.key(rs.getString(2));
                    String type = rs.getString(3);
                    out.columnTypes.put(column, type);
                    if (type.regionMatches(true, 0, "enum(", 0, 5)) {
                        out.enumValues.put(column, literals(type.substring(4)));
                    }
                });
        checks(c, out);
        query(c, "SELECT TABLE_NAME, VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()",
                rs -> out.views.put(LiveSchema.key(rs.getString(1)), unqualified(qualifier, rs.getString(2))));
        query(c, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT "
                + "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()",
                rs -> out.triggers.put(LiveSchema.key(rs.getString(1)) + " on " + LiveSchema.key(rs.getString(2)),
                        rs.getString(3) + " " + rs.getString(4) + ": " + unqualified(qualifier, rs.getString(5))));
        query(c, "SELECT ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = DATABASE()",
                rs -> out.routines.put(LiveSchema.key(rs.getString(1)), rs.getString(2).toLowerCase()
                        + (rs.getString(3) == null ? "" : " returning " + rs.getString(3)) + ": " + unqualified(qualifier, rs.getString(4))));
    }

    private static void checks(Connection c, SchemaObjects out) throws SQLException {
        try {
            // MariaDB names the table in CHECK_CONSTRAINTS, and names a column's check after the column, so the same
            // constraint name can appear in several tables
            query(c, "SELECT TABLE_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() "
                    + "ORDER BY 1, 2", rs -> addCheck(out, rs.getString(1), rs.getString(2)));
        } catch (SQLException mysql) {
            // MySQL 8: constraint names are unique per database; the table comes from TABLE_CONSTRAINTS
            query(c, "SELECT tc.TABLE_NAME, cc.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS tc "
                    + "JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
                    + "AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME WHERE tc.CONSTRAINT_TYPE = 'CHECK' AND tc.TABLE_SCHEMA = DATABASE() "
                    + "ORDER BY 1, 2", rs -> addCheck(out, rs.getString(1), rs.getString(2)));
        }
    }

    private static String unqualified(Pattern qualifier, String sql) {
        return SchemaObjects.normalise(sql == null ? null : qualifier.matcher(sql).replaceAll(""));
    }
}
