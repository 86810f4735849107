package dev.sluice.migrations.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sluice.connection.ConfigException;
import dev.sluice.migrations.GeneratorSettings;
import dev.sluice.migrations.SeedProgress;
import dev.sluice.query.BulkOptions;
import dev.sluice.query.ConflictPolicy;
import dev.sluice.query.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.jooq.Field;
import org.jooq.TableField;
import org.jooq.exception.DataAccessException;

/**
 * Fills the tables of any schema with deterministic data: reads the live schema (plain JDBC metadata plus the vendor's
 * catalog), orders tables by their foreign keys, makes each row's values with {@link ColumnFiller} from generators
 * seeded by the settings' seed and the table and column names, picks foreign keys among the referenced table's rows,
 * keeps unique keys unique (retrying a row a few times), and loads through {@code Database.insertSkippingExisting}
 * (tables whose primary key the database generates are inserted in the same batches without it). Tables it cannot
 * fill are named with the reason.
 */
public final class DataGenerator {
    /** What was done: rows inserted per table in fill order, and the tables not (fully) filled with the reason. */
    public record Result(Map<String, Long> inserted, Map<String, String> notFilled) {}

    private static final int BATCH = Batches.SIZE;
    private static final int ATTEMPTS = 20;
    private static final int POOL_LIMIT = 100_000;

    private final Database db;
    private final MigrationDialect dialect;
    private final GeneratorSettings settings;
    private final SeedProgress progress;
    private final Map<String, Long> inserted = new LinkedHashMap<>();
    private final Map<String, String> notFilled = new LinkedHashMap<>();
    private LiveSchema schema;

    private DataGenerator(Database db, GeneratorSettings settings, SeedProgress progress) {
        this.db = db;
        this.dialect = MigrationDialect.of(db.vendor());
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Fills the tables of {@code db}, except those in {@code ignored} (history tables) and the vendor's own.
     *
     * @throws ConfigException when the settings name a table the database does not have
     */
    public static Result run(Database db, GeneratorSettings settings, Set<String> ignored, SeedProgress progress) {
        DataGenerator g = new DataGenerator(db, settings, progress);
        g.schema = db.dsl().connectionResult(c -> LiveSchema.readAll(c, db.vendor()));
        Set<String> skip = new HashSet<>();
        ignored.forEach(t -> skip.add(LiveSchema.key(t)));
        for (String t : settings.tableRows().keySet()) {
            if (g.schema.table(t) == null) {
                throw new ConfigException("--table", t, "a table of the database: " + String.join(", ", g.schema.tableNames()));
            }
        }
        List<LiveSchema.Table> targets = new ArrayList<>();
        for (LiveSchema.Table t : g.schema.tables()) {
            String k = LiveSchema.key(t.name());
            if (!skip.contains(k) && !g.dialect.ownTable(k) && settings.rowsFor(k) > 0) {
                targets.add(t);
            }
        }
        for (LiveSchema.Table t : FillOrder.of(targets, g.notFilled)) {
            g.fill(t);
        }
        return new Result(g.inserted, g.notFilled);
    }

    private void fill(LiveSchema.Table t) {
        int rows = settings.rowsFor(t.name());
        List<ColumnFiller> columns = new ArrayList<>();
        Set<String> foreign = new HashSet<>();
        t.foreignKeys().forEach(fk -> fk.columns().forEach(c -> foreign.add(LiveSchema.key(c))));
        for (LiveSchema.Column c : t.columns().values()) {
            if (generated(t, c)) {
                continue;
            }
            ColumnFiller f = ColumnFiller.of(dialect, c, schema.objects().columnType(t.name(), c.name()), domainBase(t, c),
                    schema.objects().enumValues(t.name(), c.name()), checks(t, c), uniqueAlone(t, c));
            if (f == null) {
                if (c.nullable() || c.defaultValue() != null) {
                    continue; // left to NULL or its default
                }
                notFilled.put(t.name(), "column " + c.name() + " has type " + c.declaredType() + ", which the generator cannot fill");
                return;
            }
            columns.add(f);
        }
        Map<LiveSchema.ForeignKey, List<Object[]>> pools = new LinkedHashMap<>();
        for (LiveSchema.ForeignKey fk : t.foreignKeys()) {
            if (fk.columns().stream().anyMatch(c -> columns.stream().noneMatch(f -> f.name.equalsIgnoreCase(c)))) {
                continue; // a key over columns the database fills
            }
            List<Object[]> pool = keys(fk.referencedTable(), fk.referencedColumns());
            boolean nullable = fk.columns().stream().allMatch(c -> t.column(c).nullable());
            if (pool.isEmpty() && !nullable) {
                String parentWhy = notFilled.get(fk.referencedTable());
                notFilled.put(t.name(), "foreign key (" + String.join(", ", fk.columns()) + ") needs rows in " + fk.referencedTable()
                        + ", which has none" + (parentWhy == null ? "" : " (" + parentWhy + ")"));
                return;
            }
            pools.put(fk, pool);
        }
        generate(t, rows, columns, pools);
    }

    private void generate(LiveSchema.Table t, int rows, List<ColumnFiller> columns, Map<LiveSchema.ForeignKey, List<Object[]>> pools) {
        GeneratedTable table = new GeneratedTable(t.name(), columns,
                columns.stream().map(c -> c.name).toList().containsAll(t.primaryKey()) ? t.primaryKey() : List.of());
        List<TableField<GeneratedTable.Row, ?>> fields = table.columns();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            position.put(LiveSchema.key(columns.get(i).name), i);
        }
        List<List<Integer>> uniqueKeys = uniqueKeys(t, position);
        List<Set<List<String>>> seen = new ArrayList<>();
        for (List<Integer> key : uniqueKeys) {
            seen.add(existing(t.name(), key.stream().map(i -> columns.get(i).name).toList()));
        }
        SplittableRandom[] random = new SplittableRandom[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            random[i] = random(t.name(), columns.get(i).name);
        }
        Map<LiveSchema.ForeignKey, SplittableRandom> fkRandom = new HashMap<>();
        pools.keySet().forEach(fk -> fkRandom.put(fk, random(t.name(), "fk " + fk.columns())));

        List<GeneratedTable.Row> records = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Object[] values = new Object[columns.size()];
                long index = row + (long) attempt * rows;
                for (int i = 0; i < columns.size(); i++) {
                    values[i] = columns.get(i).value(random[i], index);
                }
                for (Map.Entry<LiveSchema.ForeignKey, List<Object[]>> e : pools.entrySet()) {
                    List<Object[]> pool = e.getValue();
                    Object[] pick = pool.isEmpty() ? null : pool.get(fkRandom.get(e.getKey()).nextInt(pool.size()));
                    List<String> cols = e.getKey().columns();
                    for (int k = 0; k < cols.size(); k++) {
                        values[position.get(LiveSchema.key(cols.get(k)))] = pick == null ? null : pick[k];
                    }
                }
                if (claim(uniqueKeys, seen, values)) {
                    GeneratedTable.Row r = table.newRow();
                    for (int i = 0; i < fields.size(); i++) {
                        set(r, fields.get(i), values[i]);
                    }
                    records.add(r);
                    break;
                }
            }
        }
        insert(t, table, records, rows);
    }

    private void insert(LiveSchema.Table t, GeneratedTable table, List<GeneratedTable.Row> records, int wanted) {
        long before = count(t.name());
        try {
            boolean keyed = table.getPrimaryKey() != null;
            db.bulkInsert(table, records, BulkOptions.builder().conflict(keyed ? ConflictPolicy.SKIP_EXISTING : ConflictPolicy.FAIL)
                    .batchSize(BATCH).progress((name, done, total) -> progress.progress(t.name(), done, total)).build());
            inserted.put(t.name(), count(t.name()) - before);
            if (records.size() < wanted) {
                notFilled.put(t.name(), "filled " + records.size() + " of " + wanted + " rows: its unique keys ran out of distinct values");
            }
        } catch (DataAccessException e) {
            inserted.put(t.name(), count(t.name()) - before);
            notFilled.put(t.name(), "insert failed: " + FailureMessages.firstLine(rootMessage(e)));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(GeneratedTable.Row r, TableField<GeneratedTable.Row, T> f, Object value) {
        r.set(f, (T) f.getDataType().convert(value));
    }

    /** Whether the database fills the column: identity, auto-increment, serial, computed, SQLite's rowid. */
    private boolean generated(LiveSchema.Table t, LiveSchema.Column c) {
        if (c.generated() || c.defaultValue() != null && c.defaultValue().startsWith("nextval(")) {
            return true;
        }
        return dialect.columnTypes().isRowid(c, t.primaryKey());
    }

    private String domainBase(LiveSchema.Table t, LiveSchema.Column c) {
        return schema.objects().domainBase(schema.objects().columnType(t.name(), c.name()));
    }

    /** The table's checks, and for a domain column its domain's checks (which name the value VALUE). */
    private List<String> checks(LiveSchema.Table t, LiveSchema.Column c) {
        List<String> out = new ArrayList<>(schema.objects().checks(t.name()));
        String type = schema.objects().columnType(t.name(), c.name());
        String domain = type == null ? null : schema.objects().types().get(LiveSchema.key(type));
        if (domain != null && domain.startsWith("domain ")) {
            out.add(domain.replaceAll("\\bVALUE\\b", c.name()));
        }
        return out;
    }

    private static boolean uniqueAlone(LiveSchema.Table t, LiveSchema.Column c) {
        return t.uniqueKeys().stream().anyMatch(k -> k.size() == 1 && k.get(0).equalsIgnoreCase(c.name()))
                || t.primaryKey().size() == 1 && t.primaryKey().get(0).equalsIgnoreCase(c.name());
    }

    /** The unique keys (primary key included) whose columns are all filled, as positions in the row. */
    private static List<List<Integer>> uniqueKeys(LiveSchema.Table t, Map<String, Integer> position) {
        Set<List<String>> keys = new java.util.LinkedHashSet<>(t.uniqueKeys());
        if (!t.primaryKey().isEmpty()) {
            keys.add(t.primaryKey());
        }
        List<List<Integer>> out = new ArrayList<>();
        for (List<String> k : keys) {
            List<Integer> p = k.stream().map(c -> position.get(LiveSchema.key(c))).toList();
            if (!p.contains(null)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Takes the row's unique values, or returns false when one of them is taken (a NULL never is). */
    private static boolean claim(List<List<Integer>> keys, List<Set<List<String>>> seen, Object[] values) {
        List<List<String>> tuples = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            List<String> tuple = new ArrayList<>();
            for (int i : keys.get(k)) {
                tuple.add(values[i] == null ? null : normal(values[i]));
            }
            if (!tuple.contains(null) && seen.get(k).contains(tuple)) {
                return false;
            }
            tuples.add(tuple);
        }
        for (int k = 0; k < keys.size(); k++) {
            seen.get(k).add(tuples.get(k));
        }
        return true;
    }

    /** How unique values compare: case and trailing blanks ignored, as MySQL's default collations do. */
    private static String normal(Object v) {
        return String.valueOf(v).strip().toLowerCase(Locale.ROOT);
    }

    private Set<List<String>> existing(String table, List<String> columns) {
        Set<List<String>> out = new HashSet<>();
        for (Object[] row : select(table, columns, Integer.MAX_VALUE)) {
            List<String> tuple = new ArrayList<>();
            for (Object v : row) {
                tuple.add(v == null ? null : normal(v));
            }
            out.add(tuple);
        }
        return out;
    }

    /** The referenced key values of a table's rows, in key order, to pick foreign keys from. */
    private List<Object[]> keys(String table, List<String> columns) {
        return select(table, columns, POOL_LIMIT);
    }

    private List<Object[]> select(String table, List<String> columns, int limit) {
        List<Field<Object>> fields = columns.stream().map(c -> field(name(c))).toList();
        return List.of(db.dsl().select(fields).from(table(name(table))).orderBy(fields).limit(limit).fetch().intoArrays());
    }

    private long count(String table) {
        return db.dsl().fetchCount(table(name(table)));
    }

    /** A generator for one column of one table, from the seed and the names (lower-case, so vendors agree). */
    private SplittableRandom random(String table, String column) {
        String key = LiveSchema.key(table) + "." + column.toLowerCase(Locale.ROOT);
        return new SplittableRandom(settings.seed() * 0x9E37_79B9_7F4A_7C15L + key.hashCode());
    }

    private static String rootMessage(Throwable e) {
        String m = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null) {
                m = t.getMessage();
            }
        }
        return m;
    }
}
