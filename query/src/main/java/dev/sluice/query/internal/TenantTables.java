package dev.sluice.query.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Which tables hold tenant rows: those with the tenant column, known from the jOOQ table itself (generated classes
 * list their fields) or else from the database's metadata, read once, when the first tenant transaction starts, for
 * tables named without their fields ({@code DSL.table(name("notes"))}). So it works for any schema, not only the
 * built-in one.
 */
public final class TenantTables {
    private final String column;
    private volatile Set<String> named;

    /** @param column the tenant column, e.g. {@code organization_id} */
    public TenantTables(String column) {
        this.column = column;
    }

    /** The tenant column's name. */
    public String column() {
        return column;
    }

    /** Reads the names of the tables with the tenant column on {@code c}, unless already read. */
    public void load(Connection c) throws SQLException {
        if (named == null) {
            named = TenantIsolation.tenantTables(c, column).stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }
    }

    /** Whether {@code table} (not aliased, not a join) holds tenant rows. */
    public boolean isTenantTable(Table<?> table) {
        if (table.field(column) != null) {
            return true;
        }
        Set<String> names = named;
        return table.getName() != null && names != null && names.contains(table.getName().toLowerCase(Locale.ROOT));
    }

    /** The tenant column of {@code table} as referenced by {@code qualifier} (the table's name or its alias). */
    @SuppressWarnings("unchecked")
    public Field<Object> column(Table<?> table, Name qualifier) {
        Field<?> own = table.field(column);
        return (Field<Object>) (own != null ? DSL.field(qualifier.append(own.getUnqualifiedName()), own.getDataType())
                : DSL.field(qualifier.append(column), SQLDataType.UUID));
    }

    /** {@code qualifier.tenant_column = tenant}. */
    public Condition belongsTo(Table<?> table, Name qualifier, UUID tenant) {
        Field<Object> f = column(table, qualifier);
        return f.eq(DSL.val(tenant, f));
    }
}
