package dev.sluice.query;

import dev.sluice.connection.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which tables hold tenant data, for {@link Database#verifyTenantIsolation(Tenancy)} and
 * {@link Database#connect(dev.sluice.connection.ConnectionConfig, Tenancy)}: every table of the session's current
 * schema that has the tenant column, plus tables named here (such as the table of the tenants themselves, whose
 * {@code id} is the tenant).
 *
 * @param tenantColumn the column that names a row's tenant ({@code organization_id})
 * @param extraTables tables that are tenant data without that column ({@code organizations})
 */
public record Tenancy(String tenantColumn, List<String> extraTables) {
    private static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_$]{0,62}";

    /** Checks the names. */
    public Tenancy {
        if (tenantColumn == null || !tenantColumn.matches(IDENTIFIER)) {
            throw new ConfigException("tenancy.column", tenantColumn, "a column name: a letter or '_', then letters, digits, '_' or '$'");
        }
        for (String t : extraTables == null ? List.<String>of() : extraTables) {
            if (t == null || !t.matches(IDENTIFIER)) {
                throw new ConfigException("tenancy.tables", t, "a table name: a letter or '_', then letters, digits, '_' or '$'");
            }
        }
        extraTables = extraTables == null ? List.of() : List.copyOf(extraTables);
    }

    /** The built-in schema's tenancy: tables with {@code organization_id}, and {@code organizations}. */
    public static Tenancy builtIn() {
        return new Tenancy("organization_id", List.of("organizations"));
    }

    /** Tenant tables are those with this column. */
    public static Tenancy column(String tenantColumn) {
        return new Tenancy(tenantColumn, List.of());
    }

    /** A copy that also counts these tables as tenant data. */
    public Tenancy andTables(String... tables) {
        List<String> all = new ArrayList<>(extraTables);
        all.addAll(List.of(tables));
        return new Tenancy(tenantColumn, all);
    }
}
