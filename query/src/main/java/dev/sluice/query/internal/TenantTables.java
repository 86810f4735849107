package dev.sluice.query.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final int CACHED_QUALIFIERS = 1024;

    private final String column;
    private volatile Set<String> named;
    private final ConcurrentHashMap<Name, Belonging> conditions = new ConcurrentHashMap<>();

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

    /**
     * {@code qualifier.tenant_column = tenant}. The last condition made for each qualifier is kept and given again for
     * the same table column and tenant: a scoped PK select otherwise builds a name, a field, a bind value and the
     * comparison (about 400 of its 16,000 bytes on SQLite) on every statement. jOOQ conditions are immutable, so one
     * may be rendered by several statements at once.
     */
    public Condition belongsTo(Table<?> table, Name qualifier, UUID tenant) {
        Field<?> own = table.field(column);
        Belonging last = conditions.get(qualifier);
        boolean sameColumn = last != null && last.own == own && sameQuoting(last.qualifier, qualifier);
        if (sameColumn && last.tenant.equals(tenant)) {
            return last.condition;
        }
        Field<Object> f = sameColumn ? last.column : column(table, qualifier);
        Condition condition = f.eq(DSL.val(tenant, f));
        if (conditions.size() >= CACHED_QUALIFIERS) {
            conditions.clear(); // more names and aliases than a schema has: stop keeping them rather than grow
        }
        conditions.put(qualifier, new Belonging(qualifier, own, f, tenant, condition));
        return condition;
    }

    /**
     * Whether two names that are {@code equals} render alike: jOOQ's {@code equals} ignores quoting, and {@code "Notes"}
     * is not {@code Notes} on PostgreSQL. The same object, or two one-part names quoted alike.
     */
    private static boolean sameQuoting(Name a, Name b) {
        return a == b || !a.qualified() && !b.qualified() && a.quoted() == b.quoted();
    }

    /**
     * A condition made by {@link #belongsTo}: the qualifier and the table's own tenant column it was made for (the
     * column compared by identity, {@code null} for a table known by name only), the column as qualified, the tenant
     * and the condition.
     */
    private record Belonging(Name qualifier, Field<?> own, Field<Object> column, UUID tenant, Condition condition) {}
}
