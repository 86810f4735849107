package dev.sluice.migrations;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sluice.connection.ConfigException;
import dev.sluice.migrations.internal.Batches;
import dev.sluice.migrations.internal.DataGenerator;
import dev.sluice.migrations.internal.HistoryTables;
import dev.sluice.migrations.internal.SeedScripts;
import dev.sluice.query.Database;
import dev.sluice.query.Tenancy;
import dev.sluice.schema.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.impl.SQLDataType;

/**
 * Loads seeds into a migrated database and records each one in a seed history table ({@value #HISTORY_TABLE}), so a
 * seed that already ran with the same parameters is not loaded again. Three kinds:
 * <ul>
 *   <li>{@link #load}: a {@link Seed} of jOOQ records (the built-in schema's demo and scale seeds), through the query
 *       module's batch loader; rows whose key exists are skipped;
 *   <li>{@link #applyScripts}: your own SQL seed scripts, per vendor ({@value #DEFAULT_SCRIPTS}), each applied once and
 *       applied again when its content changes;
 *   <li>{@link #generate}: deterministic data for any schema, read from the live database's metadata.
 * </ul>
 */
public final class Seeds {
    /** The seed history table. */
    public static final String HISTORY_TABLE = "sluice_seed_history";
    /** Where seed scripts are looked for by default; {@code {vendor}} is replaced by the vendor's id. */
    public static final String DEFAULT_SCRIPTS = "classpath:db/seed/{vendor}";
    private static final Table<?> HISTORY = table(name(HISTORY_TABLE));
    private static final Field<String> NAME = field(name("name"), SQLDataType.VARCHAR(50).nullable(false));
    private static final Field<String> PARAMETERS = field(name("parameters"), SQLDataType.VARCHAR(200).nullable(false));
    private static final Field<Long> ROWS = field(name("rows_inserted"), SQLDataType.BIGINT.nullable(false));
    private static final Field<String> APPLIED_AT = field(name("applied_at"), SQLDataType.VARCHAR(40).nullable(false));
    private static final int BATCH = Batches.SIZE;

    private Seeds() {}

    /**
     * Loads {@code seed} unless the history shows it ran with the same parameters.
     *
     * @param progress told the rows written per table as batches complete (total -1: not known in advance)
     * @throws ConfigException before anything is written, when the seed's tables or columns are not in the database
     *     (the built-in seeds on a database migrated with other scripts)
     */
    public static SeedReport load(Database db, Seed seed, SeedProgress progress) {
        db.connections().config().requireOwnSessions("Seeds");
        long start = System.nanoTime();
        Iterator<List<TableRecord<?>>> batches = seed.batches();
        List<TableRecord<?>> first = batches.hasNext() ? batches.next() : List.of();
        requireTables(db, seed, first);
        ensureHistory(db);
        String params = seed.parameters();
        if (applied(db, seed.name(), params)) {
            return new SeedReport(seed.name(), params, true, Map.of(), Duration.ofNanos(System.nanoTime() - start));
        }
        Map<String, Long> inserted = new LinkedHashMap<>();
        Map<String, Long> written = new LinkedHashMap<>();
        long batchesDone = 0;
        for (List<TableRecord<?>> batch = first; batch != null; batch = batches.hasNext() ? batches.next() : null) {
            Map<Table<?>, List<TableRecord<?>>> byTable = new LinkedHashMap<>();
            for (TableRecord<?> r : batch) {
                byTable.computeIfAbsent(r.getTable(), t -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<Table<?>, List<TableRecord<?>>> e : byTable.entrySet()) {
                String table = e.getKey().getName();
                long before = written.getOrDefault(table, 0L);
                long n = insert(db, e.getKey(), e.getValue(), (t, done, total) -> progress.progress(t, before + done, -1));
                inserted.merge(table, n, Long::sum);
                written.merge(table, (long) e.getValue().size(), Long::sum);
            }
            progress.batchDone(++batchesDone, seed.batchCount());
        }
        long total = inserted.values().stream().mapToLong(Long::longValue).sum();
        record(db, seed.name(), params, total);
        return new SeedReport(seed.name(), params, false, inserted, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Fails before anything is written when a table or column the seed fills is missing. */
    private static void requireTables(Database db, Seed seed, List<TableRecord<?>> first) {
        Set<Table<?>> tables = new LinkedHashSet<>();
        first.forEach(r -> tables.add(r.getTable()));
        Map<String, Set<String>> live = db.dsl().connectionResult(c -> {
            Map<String, Set<String>> out = new LinkedHashMap<>();
            try (var rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString("TABLE_NAME").toLowerCase(), k -> new LinkedHashSet<>())
                            .add(rs.getString("COLUMN_NAME").toLowerCase());
                }
            }
            return out;
        });
        List<String> missing = new ArrayList<>();
        for (Table<?> t : tables) {
            Set<String> columns = live.get(t.getName().toLowerCase());
            if (columns == null) {
                missing.add("table " + t.getName());
                continue;
            }
            for (Field<?> f : t.fields()) {
                if (!columns.contains(f.getName().toLowerCase())) {
                    missing.add("column " + t.getName() + "." + f.getName());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw ConfigException.of("seed", "Seed " + seed.name() + " is for another schema: this database has no "
                    + String.join(", ", missing.subList(0, Math.min(6, missing.size()))) + (missing.size() > 6 ? " (and "
                    + (missing.size() - 6) + " more)" : "") + ". Nothing was loaded. For your own schema, use seed scripts "
                    + "(sluice seed scripts) or generated data (sluice seed generate).");
        }
    }

    /**
     * Inserts one table's records. Rows of a tenant table are written inside their tenant's scope: on PostgreSQL the
     * row-level security policies are forced on the tables' owner too, so the owner (the role that migrates and
     * seeds) can only write a tenant's rows as that tenant, like the application does; no superuser is needed.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static long insert(Database db, Table<?> table, List<TableRecord<?>> records, SeedProgress progress) {
        String name = table.getName();
        Field<?> tenant = tenantField(table, Tenancy.builtIn());
        Map<java.util.UUID, List<TableRecord<?>>> byTenant = new LinkedHashMap<>();
        for (TableRecord<?> r : records) {
            if (tenant == null || !(r.get(tenant) instanceof java.util.UUID id)) {
                // not a tenant table, or not a tenant key we know
                return Batches.insert(records, part -> db.insertSkippingExisting((Table) table, (List) part, BATCH),
                        done -> progress.progress(name, done, -1));
            }
            byTenant.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
        }
        long inserted = 0;
        long done = 0;
        for (Map.Entry<java.util.UUID, List<TableRecord<?>>> e : byTenant.entrySet()) {
            long before = done;
            var scope = db.forTenant(e.getKey());
            inserted += Batches.insert(e.getValue(), part -> scope.insertSkippingExisting((Table) table, (List) part, BATCH),
                    d -> progress.progress(name, before + d, records.size()));
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

    /**
     * Applies the seed scripts ({@code *.sql}, in file name order) of {@code locations} ({@code classpath:} or
     * {@code filesystem:}, {@code {vendor}} replaced; none: {@value #DEFAULT_SCRIPTS}). Each script runs in one
     * transaction (on MySQL and MariaDB, DDL in it commits at once) and is recorded with its checksum: it is not applied
     * again unless its content changes.
     *
     * @param loader for {@code classpath:} locations ({@code null}: the one that loaded Sluice)
     * @return one report per script, in the order they were looked at
     * @throws ConfigException {@code no seed scripts found at <location>}, before anything is written
     * @throws MigrationFailedException naming the script, line and statement that failed
     */
    public static List<SeedReport> applyScripts(Database db, List<String> locations, ClassLoader loader) {
        db.connections().config().requireOwnSessions("Seeds");
        SeedScripts scripts = SeedScripts.find(db.vendor(), locations.isEmpty() ? List.of(DEFAULT_SCRIPTS) : locations,
                loader != null ? loader : Seeds.class.getClassLoader());
        ensureHistory(db);
        List<SeedReport> out = new ArrayList<>();
        for (SeedScripts.Script s : scripts.scripts()) {
            long start = System.nanoTime();
            if (applied(db, SeedScripts.HISTORY_NAME, s.parameters())) {
                out.add(new SeedReport(s.name(), s.parameters(), true, Map.of(), Duration.ofNanos(System.nanoTime() - start)));
                continue;
            }
            long changed = scripts.apply(db, s, (c, rows) -> record(c, s.parameters(), rows));
            out.add(new SeedReport(s.name(), s.parameters(), false, Map.of(s.name(), changed), Duration.ofNanos(System.nanoTime() - start)));
        }
        return out;
    }

    /**
     * Fills the database's tables with deterministic data (see {@link GeneratorSettings}): read from the live schema,
     * in foreign-key order, values that fit each column's type, length, nullability, uniqueness and enum or check
     * values; the same settings give the same data on every vendor. The history tables are left out. Tables it cannot
     * fill are in {@link SeedReport#notFilled()} with the reason. Not run again when the history shows the same settings.
     *
     * @throws ConfigException when the settings name a table the database does not have
     */
    public static SeedReport generate(Database db, GeneratorSettings settings, SeedProgress progress) {
        db.connections().config().requireOwnSessions("Seeds");
        long start = System.nanoTime();
        String params = settings.parameters();
        if (historyExists(db) && applied(db, "generate", params)) {
            return new SeedReport("generate", params, true, Map.of(), Duration.ofNanos(System.nanoTime() - start));
        }
        Set<String> history = new java.util.HashSet<>(HistoryTables.find(db));
        history.add(HISTORY_TABLE);
        DataGenerator.Result r = DataGenerator.run(db, settings, history, progress);
        ensureHistory(db);
        record(db, "generate", params, r.inserted().values().stream().mapToLong(Long::longValue).sum());
        return new SeedReport("generate", params, false, r.inserted(), Duration.ofNanos(System.nanoTime() - start), r.notFilled());
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

    private static boolean applied(Database db, String name, String parameters) {
        return db.dsl().fetchExists(HISTORY, NAME.eq(name).and(PARAMETERS.eq(parameters)));
    }

    private static boolean historyExists(Database db) {
        return db.dsl().connectionResult(c -> {
            try (var rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(HISTORY_TABLE)) {
                        return true;
                    }
                }
                return false;
            }
        });
    }

    private static void record(Database db, String name, String parameters, long rows) {
        db.dsl().insertInto(HISTORY, NAME, PARAMETERS, ROWS, APPLIED_AT).values(name, parameters, rows, Instant.now().toString())
                .onDuplicateKeyIgnore().execute();
    }

    /** Records a seed script on the connection that ran it, in its transaction. */
    private static void record(java.sql.Connection c, String parameters, long rows) throws java.sql.SQLException {
        try (var ps = c.prepareStatement("INSERT INTO " + HISTORY_TABLE + " (name, parameters, rows_inserted, applied_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, SeedScripts.HISTORY_NAME);
            ps.setString(2, parameters);
            ps.setLong(3, rows);
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    private static void ensureHistory(Database db) {
        db.dsl().createTableIfNotExists(HISTORY).columns(NAME, PARAMETERS, ROWS, APPLIED_AT)
                .primaryKey(NAME, PARAMETERS).execute();
    }
}
