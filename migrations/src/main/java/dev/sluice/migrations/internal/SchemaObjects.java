package dev.sluice.migrations.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a vendor's catalog says about a schema beyond JDBC's table metadata, keyed by lower-case names so that two
 * databases can be compared entry by entry. Filled once by a {@link Catalog}; read-only afterwards by convention.
 */
public final class SchemaObjects {
    /** Row-level security of a PostgreSQL table: ENABLE and FORCE flags, and its policies by name. */
    public record RowSecurity(boolean enabled, boolean forced, Map<String, String> policies) {}

    /** {@code table.column} -> the exact declared type ({@code character varying(200)}, {@code enum('a','b')}). */
    final Map<String, String> columnTypes = new TreeMap<>();
    /** {@code table.column} -> the values it may hold (enum types, MySQL ENUM, {@code CHECK (c IN (...))}). */
    final Map<String, List<String>> enumValues = new TreeMap<>();
    /** table -> its CHECK constraints' conditions as the catalog renders them, sorted. */
    final Map<String, List<String>> checks = new TreeMap<>();
    /** view -> its definition, normalised. */
    final Map<String, String> views = new TreeMap<>();
    /** trigger -> {@code on <table>: <definition>}, normalised. */
    final Map<String, String> triggers = new TreeMap<>();
    /** function or procedure signature -> its definition, normalised. */
    final Map<String, String> routines = new TreeMap<>();
    /** user-defined type (enum, domain) -> what it is. */
    final Map<String, String> types = new TreeMap<>();
    /** domain -> its base type ({@code numeric(12,2)}), PostgreSQL. */
    final Map<String, String> domainBases = new TreeMap<>();
    /** table -> its row-level security (PostgreSQL). */
    final Map<String, RowSecurity> security = new TreeMap<>();

    /** The values a column may hold, or an empty list when not restricted to a known set. */
    public List<String> enumValues(String table, String column) {
        return enumValues.getOrDefault(LiveSchema.key(table) + "." + LiveSchema.key(column), List.of());
    }

    /** The CHECK conditions of a table. */
    public List<String> checks(String table) {
        return checks.getOrDefault(LiveSchema.key(table), List.of());
    }

    /** The exact declared type of a column, or {@code null} when the catalog was not read. */
    public String columnType(String table, String column) {
        return columnTypes.get(LiveSchema.key(table) + "." + LiveSchema.key(column));
    }

    /** The base type of a domain ({@code numeric(12,2)}), or {@code null} when {@code type} is not a domain. */
    public String domainBase(String type) {
        return type == null ? null : domainBases.get(LiveSchema.key(type));
    }

    /** Views by name. */
    public Map<String, String> views() {
        return views;
    }

    /** Triggers by name. */
    public Map<String, String> triggers() {
        return triggers;
    }

    /** Routines by signature. */
    public Map<String, String> routines() {
        return routines;
    }

    /** User-defined types by name. */
    public Map<String, String> types() {
        return types;
    }

    /** Row-level security by table. */
    public Map<String, RowSecurity> security() {
        return security;
    }

    /** Collapses whitespace and drops a trailing semicolon, so formatting alone never counts as a difference. */
    static String normalise(String sql) {
        if (sql == null) {
            return "";
        }
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }
}
