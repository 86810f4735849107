package dev.sluice.studio.internal;

import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The tenants the page offers: the rows of the table the tenant column refers to ({@code organizations} in the built-in
 * schema), labelled by a name-like column; without such a foreign key, the tenant column's distinct values.
 */
final class Tenants {
    private static final int MAX = 200;
    private static final List<String> LABELS = List.of("name", "slug", "title", "display_name");

    private final Database db;
    private final Catalog catalog;

    Tenants(Database db, Catalog catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    Map<String, Object> list() {
        String column = db.tenancy().tenantColumn();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("column", column);
        List<Map<String, Object>> tenants = new ArrayList<>();
        out.put("tenants", tenants);
        Table<?> source = null;
        Field<?> sourceKey = null;
        Table<?> anyTenantTable = null;
        for (Table<?> t : catalog.tables()) {
            if (Catalog.isView(t) || t.field(column) == null) {
                continue;
            }
            anyTenantTable = anyTenantTable == null ? t : anyTenantTable;
            for (ForeignKey<?, ?> fk : t.getReferences()) {
                if (fk.getFields().size() == 1 && fk.getFields().getFirst().getName().equals(column)) {
                    source = fk.getKey().getTable();
                    sourceKey = fk.getKey().getFields().getFirst();
                }
            }
            if (source != null) {
                break;
            }
        }
        if (source != null) {
            Table<?> table = catalog.table(source.getName());
            Field<?> key = Catalog.column(table, sourceKey.getName());
            Field<?> label = LABELS.stream().map(table::field).filter(f -> f != null).findFirst().orElse(key);
            for (Record r : db.readOnly(tx -> tx.select(key, label).from(table).orderBy(label).limit(MAX).fetch())) {
                tenants.add(Map.of("id", String.valueOf(r.get(0)), "label", String.valueOf(r.get(1))));
            }
        } else if (anyTenantTable != null) {
            Field<?> f = anyTenantTable.field(column);
            Table<?> table = anyTenantTable;
            for (Record r : db.readOnly(tx -> tx.selectDistinct(f).from(table).orderBy(f).limit(MAX).fetch())) {
                tenants.add(Map.of("id", String.valueOf(r.get(0)), "label", String.valueOf(r.get(0))));
            }
        }
        return out;
    }
}
