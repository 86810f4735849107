package dev.sluice.migrations;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sluice.query.Database;
import dev.sluice.query.ProgressListener;
import dev.sluice.query.Tenancy;
import dev.sluice.schema.seed.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.SQLDataType;

/**
 * Loads seeds into a migrated database through the query module's batch loader, and records each one in a seed
 * history table ({@value #HISTORY_TABLE}): a seed that already ran with the same parameters is not loaded again, and
 * rows whose key exists are skipped, so loading twice changes nothing.
 */
public final class Seeds {
    /** The seed history table. */
    public static final String HISTORY_TABLE = "sluice_seed_history";
    private static final Table<?> HISTORY = table(name(HISTORY_TABLE));
    private static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR(50).nullable(false));
    private static final Field<String> PARAMETERS = field(name("parameters"), SQLDataType.VARCHAR(200).nullable(false));
    private static final Field<Long> ROWS = field(name("rows_inserted"), SQLDataType.BIGINT.nullable(false));
    private static final Field<String> APPLIED_AT = field(name("applied_at"), SQLDataType.VARCHAR(40).nullable(false));
    private static final int BATCH = 500;

    private Seeds() {}

    /**
     * Loads {@code seed} unless the history shows it ran with the same parameters.
     *
     * @param progress told the rows written per table as batches complete (total -1: not known in advance)
     */
    public static SeedReport load(Database db, Seed seed, ProgressListener progress) {
        long start = System.nanoTime();
        ensureHistory(db);
        String params = seed.parameters();
        if (db.dsl().fetchExists(HISTORY, NAME.eq(seed.name()).and(PARAMETERS.eq(params)))) {
            return new SeedReport(seed.name(), params, true, Map.of(), Duration.ofNanos(System.nanoTime() - start));
        }
        Map<String, Long> inserted = new LinkedHashMap<>();
        Map<String, Long> written = new LinkedHashMap<>();
        var batches = seed.batches();
        while (batches.hasNext()) {
            Map<Table<?>, List<TableRecord<?>>> byTable = new LinkedHashMap<>();
            for (TableRecord<?> r : batches.next()) {
                byTable.computeIfAbsent(r.getTable(), t -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<Table<?>, List<TableRecord<?>>> e : byTable.entrySet()) {
                String table = e.getKey().getName();
                long before = written.getOrDefault(table, 0L);
                long n = insert(db, e.getKey(), e.getValue(), (t, done, total) -> progress.progress(t, before + done, -1));
                inserted.merge(table, n, Long::sum);
                written.merge(table, (long) e.getValue().size(), Long::sum);
            }
        }
        long total = inserted.values().stream().mapToLong(Long::longValue).sum();
        db.dsl().insertInto(HISTORY, NAME, PARAMETERS, ROWS, APPLIED_AT).values(seed.name(), params, total, Instant.now().toString())
                .onDuplicateKeyIgnore().execute();
        return new SeedReport(seed.name(), params, false, inserted, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Inserts one table's records. Rows of a tenant table are written inside their tenant's scope: on PostgreSQL the
     * row-level security policies are forced on the tables' owner too, so the owner (the role that migrates and
     * seeds) can only write a tenant's rows as that tenant, like the application does; no superuser is needed.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static long insert(Database db, Table<?> table, List<TableRecord<?>> records, ProgressListener progress) {
        Field<?> tenant = tenantField(table, Tenancy.builtIn());
        if (tenant == null) {
            return db.insertSkippingExisting((Table) table, (List) records, BATCH, progress);
        }
        Map<java.util.UUID, List<TableRecord<?>>> byTenant = new LinkedHashMap<>();
        for (TableRecord<?> r : records) {
            if (!(r.get(tenant) instanceof java.util.UUID id)) {
                return db.insertSkippingExisting((Table) table, (List) records, BATCH, progress); // not a tenant key we know
            }
            byTenant.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        long inserted = 0;
        long done = 0;
        for (Map.Entry<java.util.UUID, List<TableRecord<?>>> e : byTenant.entrySet()) {
            long before = done;
            inserted += db.forTenant(e.getKey()).insertSkippingExisting((Table) table, (List) e.getValue(), BATCH,
                    (t, d, total) -> progress.progress(t, before + d, records.size()));
            done += e.getValue().size();
        }
        return inserted;
    }

    /** The column naming a row's tenant: the tenant column, or the key of a table of tenants; {@code null} for others. */
    private static Field<?> tenantField(Table<?> table, Tenancy tenancy) {
        Field<?> column = table.field(tenancy.tenantColumn());
        if (column != null) {
            return column;
        }
        boolean tenantsTable = tenancy.extraTables().stream().anyMatch(t -> t.equalsIgnoreCase(table.getName()));
        return tenantsTable && table.getPrimaryKey() != null && table.getPrimaryKey().getFields().size() == 1
                ? table.getPrimaryKey().getFields().get(0) : null;
    }

    /** The seeds that ran, oldest first: name, parameters, rows and when. */
    public static List<Map<String, Object>> history(Database db) {
        ensureHistory(db);
        List<Map<String, Object>> out = new ArrayList<>();
        for (var r : db.dsl().select(NAME, PARAMETERS, ROWS, APPLIED_AT).from(HISTORY).orderBy(APPLIED_AT).fetch()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.value1());
            m.put("parameters", r.value2());
            m.put("rows", r.value3());
            m.put("appliedAt", r.value4());
            out.add(m);
        }
        return out;
    }

    private static void ensureHistory(Database db) {
        db.dsl().createTableIfNotExists(HISTORY).columns(NAME, PARAMETERS, ROWS, APPLIED_AT)
                .primaryKey(NAME, PARAMETERS).execute();
    }
}
