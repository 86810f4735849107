package dev.sluice.migrations.internal;

import dev.sluice.migrations.DriftReport;
import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.Schema;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;

/**
 * Compares a live database with the jOOQ classes generated for its schema. For every table of the expected schema:
 * the table exists; each column exists with a compatible type (see {@link ColumnTypes}) and the same nullability; no
 * other columns; the primary key, foreign keys and unique keys have the same columns. Indexes that are not unique,
 * defaults, check constraints and constraint names are not compared; nor are views. Tables the expected schema does
 * not have are listed, not compared.
 */
public final class SchemaDrift {
    private SchemaDrift() {}

    /** Checks {@code db} against {@code expected}. */
    public static DriftReport check(Database db, Schema expected) {
        ColumnTypes types = MigrationDialect.of(db.vendor()).columnTypes();
        List<Table<?>> tables = new ArrayList<>();
        for (Table<?> t : expected.getTables()) {
            if (t.getTableType().isTable()) {
                tables.add(t);
            }
        }
        List<String> wanted = tables.stream().map(Table::getName).toList();
        LiveSchema live = db.dsl().connectionResult(c -> LiveSchema.read(c, types, wanted));

        List<String> differences = new ArrayList<>();
        for (Table<?> t : tables) {
            compare(t, live.table(t.getName()), types, differences);
        }
        Set<String> known = new HashSet<>();
        wanted.forEach(n -> known.add(LiveSchema.key(n)));
        List<String> others = live.tableNames().stream().filter(n -> !known.contains(LiveSchema.key(n))).toList();
        return new DriftReport(tables.size(), differences, others);
    }

    private static void compare(Table<?> expected, LiveSchema.Table live, ColumnTypes types, List<String> out) {
        String table = expected.getName();
        if (live == null) {
            out.add(table + ": table missing");
            return;
        }
        Set<String> expectedColumns = new HashSet<>();
        for (Field<?> f : expected.fields()) {
            expectedColumns.add(LiveSchema.key(f.getName()));
            LiveSchema.Column col = live.column(f.getName());
            if (col == null) {
                out.add(table + "." + f.getName() + ": missing");
                continue;
            }
            DataType<?> type = f.getDataType();
            if (!types.stores(type, col) || type.nullable() != col.nullable()) {
                out.add(table + "." + f.getName() + ": expected " + types.describe(type) + nullability(type.nullable())
                        + ", found " + col.declaredType().toUpperCase(Locale.ROOT) + nullability(col.nullable()));
            }
        }
        for (LiveSchema.Column col : live.columns().values()) {
            if (!expectedColumns.contains(LiveSchema.key(col.name()))) {
                out.add(table + ": unexpected column " + col.name());
            }
        }

        UniqueKey<?> pk = expected.getPrimaryKey();
        List<String> expectedPk = pk == null ? List.of() : names(pk.getFields());
        if (!LiveSchema.keys(expectedPk).equals(LiveSchema.keys(live.primaryKey()))) {
            out.add(table + ": primary key expected " + list(expectedPk) + ", found " + list(live.primaryKey()));
        }

        compareForeignKeys(expected, live, out);
        compareUniqueKeys(expected, live, pk, out);
    }

    private static void compareForeignKeys(Table<?> expected, LiveSchema.Table live, List<String> out) {
        List<String> found = new ArrayList<>();
        Set<String> foundKeys = new HashSet<>();
        for (LiveSchema.ForeignKey fk : live.foreignKeys()) {
            found.add(shown(fk.columns(), fk.referencedTable(), fk.referencedColumns()));
            foundKeys.add(identity(fk.columns(), fk.referencedTable(), fk.referencedColumns()));
        }
        Set<String> expectedKeys = new HashSet<>();
        for (ForeignKey<?, ?> fk : expected.getReferences()) {
            List<String> cols = names(fk.getFields());
            String referenced = fk.getKey().getTable().getName();
            List<String> refs = names(fk.getKeyFields());
            String identity = identity(cols, referenced, refs);
            expectedKeys.add(identity);
            if (!foundKeys.contains(identity)) {
                out.add(expected.getName() + ": foreign key " + shown(cols, referenced, refs) + " missing");
            }
        }
        List<LiveSchema.ForeignKey> liveKeys = live.foreignKeys();
        for (int i = 0; i < liveKeys.size(); i++) {
            LiveSchema.ForeignKey fk = liveKeys.get(i);
            if (!expectedKeys.contains(identity(fk.columns(), fk.referencedTable(), fk.referencedColumns()))) {
                out.add(expected.getName() + ": unexpected foreign key " + found.get(i));
            }
        }
    }

    /** How a foreign key reads in messages: {@code (organization_id) -> organizations (id)}. */
    private static String shown(List<String> columns, String referencedTable, List<String> referencedColumns) {
        return list(columns) + " -> " + referencedTable + " " + list(referencedColumns);
    }

    /** What makes two foreign keys the same: the referenced table and the column pairs, in any order, any case. */
    private static String identity(List<String> columns, String referencedTable, List<String> referencedColumns) {
        Set<String> pairs = new TreeSet<>();
        for (int i = 0; i < columns.size(); i++) {
            pairs.add(LiveSchema.key(columns.get(i)) + "=" + (i < referencedColumns.size() ? LiveSchema.key(referencedColumns.get(i)) : "?"));
        }
        return LiveSchema.key(referencedTable) + pairs;
    }

    private static void compareUniqueKeys(Table<?> expected, LiveSchema.Table live, UniqueKey<?> pk, List<String> out) {
        List<List<String>> wanted = new ArrayList<>();
        for (UniqueKey<?> k : expected.getKeys()) {
            if (!k.isPrimary() && (pk == null || !k.getQualifiedName().equals(pk.getQualifiedName()))) {
                wanted.add(names(k.getFields()));
            }
        }
        for (Index i : expected.getIndexes()) {
            if (i.getUnique()) {
                wanted.add(i.getFields().stream().map(SortField::getName).toList());
            }
        }
        // the primary key's own unique index is compared as the primary key, not here
        Set<String> livePk = LiveSchema.keys(live.primaryKey());
        List<List<String>> found = new ArrayList<>();
        boolean pkIndexSkipped = false;
        for (List<String> u : live.uniqueKeys()) {
            if (!pkIndexSkipped && !livePk.isEmpty() && LiveSchema.keys(u).equals(livePk)) {
                pkIndexSkipped = true;
            } else {
                found.add(u);
            }
        }
        List<Set<String>> foundSets = new ArrayList<>(found.stream().map(LiveSchema::keys).toList());
        List<Set<String>> wantedSets = new ArrayList<>(wanted.stream().map(LiveSchema::keys).toList());
        for (List<String> w : wanted) {
            if (!foundSets.remove(LiveSchema.keys(w))) {
                out.add(expected.getName() + ": unique key " + list(w) + " missing");
            }
        }
        for (List<String> f : found) {
            if (!wantedSets.remove(LiveSchema.keys(f))) {
                out.add(expected.getName() + ": unexpected unique key " + list(f));
            }
        }
    }

    private static List<String> names(List<? extends TableField<?, ?>> fields) {
        return fields.stream().map(Field::getName).toList();
    }

    private static String list(List<String> names) {
        return names.isEmpty() ? "none" : "(" + String.join(", ", names) + ")";
    }

    private static String nullability(boolean nullable) {
        return nullable ? " NULL" : " NOT NULL";
    }
}
