package dev.sluice.query.internal;

import dev.sluice.connection.RowSecurity;
import dev.sluice.connection.Vendor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The checks behind {@code Database.verifyTenantIsolation}: finds the tenant tables of the session's schema and turns
 * what the vendor reports about row-level security into problems that say what to fix.
 */
public final class TenantIsolation {
    /** The findings, before they become a public report. */
    public record Findings(String role, List<String> tables, List<String> problems, String limitation) {}

    private TenantIsolation() {}

    /** Checks the session of {@code c}. */
    public static Findings check(Vendor vendor, Connection c, String tenantColumn, List<String> extraTables) throws SQLException {
        List<String> tables = tenantTables(c, tenantColumn);
        List<String> problems = new ArrayList<>();
        for (String extra : extraTables) {
            if (tables.stream().noneMatch(t -> t.equalsIgnoreCase(extra))) {
                tables.add(extra);
            }
        }
        if (tables.isEmpty()) {
            problems.add("no tenant tables: no table in schema " + c.getSchema() + " has a column " + tenantColumn);
        }
        Optional<RowSecurity> security = vendor.rowSecurity(c, tables);
        if (security.isEmpty()) {
            String limitation = vendor.displayName() + " has no row-level security: tenant isolation rests on every query filtering on "
                    + tenantColumn + ", which Sluice's tenant filter adds to jOOQ statements in db.forTenant(...) transactions "
                    + "(not to plain SQL marked trusted, nor to JDBC used directly), and on the composite foreign keys that keep "
                    + "references inside a tenant";
            return new Findings(null, tables, problems, limitation);
        }
        RowSecurity rs = security.get();
        String role = rs.role();
        if (rs.superuser()) {
            problems.add("role " + role + " is a superuser, so row-level security does not apply to it (connect with a role "
                    + "that is not, e.g. role: sluice_app)");
        }
        if (rs.bypassesRowSecurity()) {
            problems.add("role " + role + " has BYPASSRLS, so row-level security does not apply to it (ALTER ROLE " + role + " NOBYPASSRLS)");
        }
        for (String t : tables) {
            RowSecurity.Table table = rs.tables().get(t);
            if (table == null) {
                problems.add("table " + t + " does not exist in schema " + c.getSchema());
                continue;
            }
            if (table.ownedByRole()) {
                problems.add("role " + role + " owns table " + t + " (or is a member of its owner), so it can turn row-level "
                        + "security off; let another role own it");
            }
            if (!table.enabled()) {
                problems.add("table " + t + ": row-level security is not enabled (ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY)");
            }
            if (!table.forced()) {
                problems.add("table " + t + ": row-level security is not forced, so the table's owner bypasses it (ALTER TABLE "
                        + t + " FORCE ROW LEVEL SECURITY)");
            }
            if (table.policies() == 0) {
                problems.add("table " + t + ": no row-level security policy applies to role " + role);
            }
        }
        return new Findings(role, tables, problems, null);
    }

    /** The tables (not views) of the session's schema that have the tenant column, sorted. */
    static List<String> tenantTables(Connection c, String column) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String catalog = c.getCatalog();
        String schema = c.getSchema();
        java.util.Set<String> tables = new java.util.HashSet<>();
        try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        TreeSet<String> out = new TreeSet<>();
        try (ResultSet rs = md.getColumns(catalog, schema, "%", column)) { // '_' is a wildcard here: compare exactly below
            while (rs.next()) {
                String table = rs.getString("TABLE_NAME");
                if (tables.contains(table) && rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT).equals(column.toLowerCase(Locale.ROOT))) {
                    out.add(table);
                }
            }
        }
        return new ArrayList<>(out);
    }
}
