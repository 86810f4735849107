package dev.sluice.migrations.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** PostgreSQL's catalog, for the connection's current schema; objects that belong to extensions are left out. */
final class PostgresCatalog extends Catalog {
    private static final String NOT_FROM_EXTENSION = " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %s AND d.deptype = 'e')";

    @Override
    void read(Connection c, SchemaObjects out) throws SQLException {
        Map<String, List<String>> enumLabels = new TreeMap<>();
        query(c, "SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid "
                + "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() "
                + "ORDER BY t.typname, e.enumsortorder",
                rs -> enumLabels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        enumLabels.forEach((type, labels) -> out.types.put(LiveSchema.key(type), "enum " + labels));
        query(c, "SELECT t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault, "
                + "(SELECT string_agg(pg_get_constraintdef(k.oid), ' AND ' ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid) "
                + "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'd' AND n.nspname = current_schema()"
                + String.format(NOT_FROM_EXTENSION, "t.oid"),
                rs -> {
                    out.domainBases.put(LiveSchema.key(rs.getString(1)), rs.getString(2));
                    out.types.put(LiveSchema.key(rs.getString(1)), "domain " + rs.getString(2) + (rs.getBoolean(3) ? " NOT NULL" : "")
                            + (rs.getString(4) == null ? "" : " DEFAULT " + rs.getString(4))
                            + (rs.getString(5) == null ? "" : " " + rs.getString(5)));
                });

        // exact types; a column of an enum type (or a domain over one) holds its labels
        query(c, "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), "
                + "CASE WHEN bt.typtype = 'd' THEN format_type(bt.typbasetype, NULL) END "
                + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_type bt ON bt.oid = a.atttypid "
                + "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped",
                rs -> {
                    String column = LiveSchema.key(rs.getString(1)) + "." + LiveSchema.key(rs.getString(2));
                    out.columnTypes.put(column, rs.getString(3));
                    for (String type : new String[] {rs.getString(3), rs.getString(4)}) {
                        if (type != null && enumLabels.containsKey(unquote(type))) {
                            out.enumValues.put(column, List.copyOf(enumLabels.get(unquote(type))));
                        }
                    }
                });

        query(c, "SELECT r.relname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid "
                + "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE k.contype = 'c' AND n.nspname = current_schema() ORDER BY 1, 2",
                rs -> addCheck(out, rs.getString(1), rs.getString(2)));

        query(c, "SELECT c.relname, c.relkind, pg_get_viewdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('v', 'm') AND n.nspname = current_schema()" + String.format(NOT_FROM_EXTENSION, "c.oid"),
                rs -> out.views.put(LiveSchema.key(rs.getString(1)),
                        ("m".equals(rs.getString(2)) ? "materialized: " : "") + SchemaObjects.normalise(rs.getString(3))));

        query(c, "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal AND n.nspname = current_schema()",
                rs -> out.triggers.put(LiveSchema.key(rs.getString(1)) + " on " + LiveSchema.key(rs.getString(2)),
                        SchemaObjects.normalise(rs.getString(3))));

        query(c, "SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', p.prokind, "
                + "pg_get_function_result(p.oid), l.lanname, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "JOIN pg_language l ON l.oid = p.prolang WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')"
                + String.format(NOT_FROM_EXTENSION, "p.oid"),
                rs -> out.routines.put(rs.getString(1), ("p".equals(rs.getString(2)) ? "procedure" : "function returning " + rs.getString(3))
                        + " language " + rs.getString(4) + ": " + SchemaObjects.normalise(rs.getString(5))));

        Map<String, Map<String, String>> policies = new TreeMap<>();
        query(c, "SELECT tablename, policyname, permissive, array_to_string(roles, ','), cmd, qual, with_check FROM pg_policies "
                + "WHERE schemaname = current_schema()",
                rs -> policies.computeIfAbsent(LiveSchema.key(rs.getString(1)), k -> new TreeMap<>()).put(rs.getString(2),
                        rs.getString(3).toLowerCase() + " for " + rs.getString(5) + " to " + rs.getString(4)
                                + (rs.getString(6) == null ? "" : " using (" + SchemaObjects.normalise(rs.getString(6)) + ")")
                                + (rs.getString(7) == null ? "" : " with check (" + SchemaObjects.normalise(rs.getString(7)) + ")")));
        query(c, "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()",
                rs -> out.security.put(LiveSchema.key(rs.getString(1)), new SchemaObjects.RowSecurity(rs.getBoolean(2), rs.getBoolean(3),
                        policies.getOrDefault(LiveSchema.key(rs.getString(1)), Map.of()))));
    }

    private static String unquote(String type) {
        String t = type.startsWith("\"") && type.endsWith("\"") ? type.substring(1, type.length() - 1) : type;
        int dot = t.lastIndexOf('.');
        return dot < 0 ? t : t.substring(dot + 1);
    }
}
