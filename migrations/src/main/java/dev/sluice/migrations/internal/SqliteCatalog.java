package dev.sluice.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** SQLite's {@code sqlite_master}: views and triggers as written, and the CHECK constraints in each table's DDL. */
final class SqliteCatalog extends Catalog {
    @Override
    void read(Connection c, SchemaObjects out) throws SQLException {
        query(c, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                rs -> {
                    String type = rs.getString(1);
                    String sql = rs.getString(4);
                    switch (type) {
                        case "view" -> out.views.put(LiveSchema.key(rs.getString(2)), SchemaObjects.normalise(sql));
                        case "trigger" -> out.triggers.put(LiveSchema.key(rs.getString(2)) + " on " + LiveSchema.key(rs.getString(3)),
                                SchemaObjects.normalise(sql));
                        case "table" -> {
                            for (String check : checks(sql)) {
                                addCheck(out, rs.getString(2), check);
                            }
                        }
                        default -> { }
                    }
                });
    }

    /** The conditions of the {@code CHECK (...)} clauses in a CREATE TABLE statement, outside quotes. */
    static java.util.List<String> checks(String createTable) {
        java.util.List<String> out = new java.util.ArrayList<>();
        String upper = createTable.toUpperCase(java.util.Locale.ROOT);
        int i = 0;
        while ((i = upper.indexOf("CHECK", i)) >= 0) {
            int open = i + 5;
            while (open < createTable.length() && Character.isWhitespace(createTable.charAt(open))) {
                open++;
            }
            boolean word = i == 0 || !Character.isLetterOrDigit(createTable.charAt(i - 1)) && createTable.charAt(i - 1) != '_';
            if (!word || open >= createTable.length() || createTable.charAt(open) != '(') {
                i += 5;
                continue;
            }
            int depth = 0;
            int end = open;
            boolean quoted = false;
            for (; end < createTable.length(); end++) {
                char ch = createTable.charAt(end);
                if (ch == '\'') {
                    quoted = !quoted;
                } else if (!quoted && ch == '(') {
                    depth++;
                } else if (!quoted && ch == ')' && --depth == 0) {
                    break;
                }
            }
            out.add(createTable.substring(open + 1, Math.min(end, createTable.length())).strip());
            i = end;
        }
        return out;
    }
}
