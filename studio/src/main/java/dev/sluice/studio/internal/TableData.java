package dev.sluice.studio.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Browsing, editing and inserting rows of any table: one page at a time on the server ({@code LIMIT}/{@code OFFSET},
 * the primary key breaking ties so pages do not overlap), sorted and filtered on columns checked against the schema's
 * metadata with the values bound; never user text in the SQL.
 */
final class TableData {
    /** Rows per page at most. */
    static final int MAX_PAGE_SIZE = 500;

    private final Catalog catalog;

    TableData(Catalog catalog) {
        this.catalog = catalog;
    }

    /** What the page asks to see. */
    record PageRequest(String table, int page, int size, String sort, boolean descending, String filterColumn, String filterOp,
            String filterValue) {}

    /** The tables and views with their row counts (in the scope's tenant). */
    List<Map<String, Object>> tables(Scope scope) {
        return scope.read(tx -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Table<?> t : catalog.tables()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", t.getName());
                m.put("view", Catalog.isView(t));
                m.put("rows", tx.fetchCount(t));
                out.add(m);
            }
            return out;
        });
    }

    /** One page of a table, with its columns, keys and the foreign keys pointing at it. */
    Map<String, Object> page(Scope scope, PageRequest r) {
        Table<?> table = catalog.table(r.table());
        if (r.page() < 1 || r.size() < 1 || r.size() > MAX_PAGE_SIZE) {
            throw new StudioException(400, "Page " + r.page() + " of size " + r.size() + ": pages count from 1, sizes from 1 to " + MAX_PAGE_SIZE);
        }
        Condition where = filter(table, r.filterColumn(), r.filterOp(), r.filterValue());
        List<SortField<?>> order = order(table, r.sort(), r.descending());
        Map<String, Object> out = describe(table);
        return scope.read(tx -> {
            // count(*) on the table itself: the tenant filter mis-scopes fetchCount(select)'s derived table "t"
            out.put("total", tx.fetchCount(table, where));
            var rows = tx.selectFrom(table).where(where).orderBy(order).limit(r.size()).offset((long) (r.page() - 1) * r.size()).fetch();
            out.put("rows", rows(table, rows));
            out.put("page", r.page());
            out.put("size", r.size());
            return out;
        });
    }

    /** Updates the row whose primary key is {@code key} with {@code values}; exactly one row or nothing. */
    Map<String, Object> update(Scope scope, String tableName, Map<String, Object> key, Map<String, Object> values) {
        Table<?> table = catalog.table(tableName);
        List<Field<?>> pk = requirePrimaryKey(table);
        Condition where = DSL.noCondition();
        for (Field<?> f : pk) {
            if (!key.containsKey(f.getName())) {
                throw new StudioException(400, "The row's key needs column '" + f.getName() + "' of table '" + table.getName() + "'");
            }
            where = where.and(eq(f, Values.fromText(f, key.get(f.getName()))));
        }
        Map<Field<?>, Object> set = assignments(table, values);
        if (set.isEmpty()) {
            throw new StudioException(400, "Nothing to change: give at least one column's new value");
        }
        Condition match = where;
        return scope.write(tx -> {
            int n = tx.update(table).set(set).where(match).execute();
            if (n != 1) {
                throw new StudioException(409, "The update matched " + n + " rows of '" + table.getName() + "', not one; nothing was changed");
            }
            return rows(table, tx.selectFrom(table).where(match).fetch()).getFirst();
        });
    }

    /** Inserts one row with {@code values} (columns left out take their defaults). */
    Map<String, Object> insert(Scope scope, String tableName, Map<String, Object> values) {
        Table<?> table = catalog.table(tableName);
        Map<Field<?>, Object> set = assignments(table, values);
        if (set.isEmpty()) {
            throw new StudioException(400, "Give at least one column's value for the new row");
        }
        return scope.write(tx -> Map.of("inserted", tx.insertInto(table).set(set).execute()));
    }

    private static Map<Field<?>, Object> assignments(Table<?> table, Map<String, Object> values) {
        if (Catalog.isView(table)) {
            throw new StudioException(400, "'" + table.getName() + "' is a view; edit the tables it reads");
        }
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Field<?> f = Catalog.column(table, e.getKey());
            if (Catalog.secret(f)) {
                throw new StudioException(400, "Column '" + f.getName() + "' holds secrets; the studio neither shows nor sets it");
            }
            set.put(f, Values.fromText(f, e.getValue()));
        }
        return set;
    }

    private static List<Field<?>> requirePrimaryKey(Table<?> table) {
        List<Field<?>> pk = Catalog.primaryKey(table);
        if (pk.isEmpty()) {
            throw new StudioException(400, "Table '" + table.getName() + "' has no primary key: the studio edits rows by their key");
        }
        return pk;
    }

    private Map<String, Object> describe(Table<?> table) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("table", table.getName());
        out.put("view", Catalog.isView(table));
        List<Map<String, Object>> columns = new ArrayList<>();
        List<Field<?>> pk = Catalog.primaryKey(table);
        for (Field<?> f : table.fields()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", f.getName());
            c.put("type", f.getDataType().getTypeName().toLowerCase(Locale.ROOT));
            c.put("key", pk.contains(f));
            c.put("secret", Catalog.secret(f));
            Catalog.Link target = catalog.referenced(table.getName(), f.getName());
            if (target != null) {
                c.put("references", Map.of("table", target.refTable(), "column", target.refColumn()));
            }
            columns.add(c);
        }
        out.put("columns", columns);
        out.put("primaryKey", pk.stream().map(Field::getName).toList());
        List<Map<String, Object>> referencedBy = new ArrayList<>();
        for (Catalog.Link l : catalog.links()) {
            // a composite key's shared tenant column is not a relation of its own to show
            boolean shared = l.columns() > 1 && l.column().equals(l.refColumn());
            Catalog.Link own = catalog.referenced(l.table(), l.column()); // the column's own relation, when it has several
            if (l.refTable().equals(table.getName()) && !shared && own != null && own.refTable().equals(table.getName())
                    && referencedBy.stream().noneMatch(m -> m.get("table").equals(l.table()) && m.get("column").equals(l.column()))) {
                referencedBy.add(Map.of("table", l.table(), "column", l.column(), "referencedColumn", l.refColumn()));
            }
        }
        out.put("referencedBy", referencedBy);
        return out;
    }

    private static List<Map<String, Object>> rows(Table<?> table, org.jooq.Result<? extends Record> result) {
        List<Map<String, Object>> out = new ArrayList<>();
        Field<?>[] fields = table.fields();
        for (Record rec : result) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Field<?> f : fields) {
                row.put(f.getName(), Catalog.secret(f) ? Values.MASK : Values.toJson(rec.get(f)));
            }
            out.add(row);
        }
        return out;
    }

    private static List<SortField<?>> order(Table<?> table, String sort, boolean descending) {
        List<SortField<?>> order = new ArrayList<>();
        List<Field<?>> tieBreak = new ArrayList<>(Catalog.primaryKey(table));
        if (sort != null && !sort.isBlank()) {
            Field<?> f = Catalog.column(table, sort);
            if (Catalog.secret(f)) {
                throw new StudioException(400, "Column '" + f.getName() + "' holds secrets; it cannot be sorted on");
            }
            order.add(descending ? f.desc() : f.asc());
            tieBreak.remove(f);
        }
        if (tieBreak.isEmpty() && order.isEmpty()) {
            tieBreak.add(table.fields()[0]); // no key: the first column keeps paging stable enough to browse
        }
        tieBreak.forEach(f -> order.add(f.asc()));
        return order;
    }

    @SuppressWarnings("unchecked")
    private static Condition filter(Table<?> table, String column, String op, String value) {
        if (column == null || column.isBlank()) {
            return DSL.noCondition();
        }
        Field<Object> f = (Field<Object>) Catalog.column(table, column);
        if (Catalog.secret(f)) {
            throw new StudioException(400, "Column '" + f.getName() + "' holds secrets; it cannot be filtered on");
        }
        String o = op == null || op.isBlank() ? "eq" : op;
        return switch (o) {
            case "eq" -> eq(f, Values.fromText(f, value));
            case "ne" -> f.ne(DSL.val(Values.fromText(f, value), f));
            case "lt" -> f.lt(DSL.val(Values.fromText(f, value), f));
            case "gt" -> f.gt(DSL.val(Values.fromText(f, value), f));
            case "contains" -> DSL.lower(f.cast(SQLDataType.VARCHAR)).contains(value == null ? "" : value.toLowerCase(Locale.ROOT));
            case "null" -> f.isNull();
            case "notnull" -> f.isNotNull();
            default -> throw new StudioException(400, "Filter '" + o + "' is not one of eq, ne, lt, gt, contains, null, notnull");
        };
    }

    @SuppressWarnings("unchecked")
    private static Condition eq(Field<?> column, Object value) {
        Field<Object> f = (Field<Object>) column;
        return value == null ? f.isNull() : f.eq(DSL.val(value, f));
    }
}
