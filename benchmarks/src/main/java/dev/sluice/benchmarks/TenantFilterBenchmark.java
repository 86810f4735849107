package dev.sluice.benchmarks;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.query.Database;
import dev.sluice.query.TenantScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jooq.Field;
import org.jooq.Table;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The price of the tenant filter: a join of two tenant tables in a {@code db.forTenant(id)} transaction, where the
 * filter adds {@code organization_id = ?} for both tables, against the same query with those predicates written by
 * hand in a plain transaction. SQLite in a temp file keeps the database cheap, so the rendering cost shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TenantFilterBenchmark {
    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final Table<?> PROJECTS = table(name("projects"));
    private static final Table<?> TASKS = table(name("tasks"));
    private static final Field<Integer> PROJECT_ID = field(name("projects", "id"), Integer.class);
    private static final Field<UUID> PROJECT_ORG = field(name("projects", "organization_id"), UUID.class);
    private static final Field<Integer> TASK_PROJECT = field(name("tasks", "project_id"), Integer.class);
    private static final Field<UUID> TASK_ORG = field(name("tasks", "organization_id"), UUID.class);

    private ConnectionManager manager;
    private Database database;
    private TenantScope scope;

    /** Creates the two tables with a few rows of two tenants. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench");
        manager = ConnectionManager.connect(ConnectionConfig.builder().url("sqlite:" + dir.resolve("tenant.db")).name("bench-tenant").build());
        database = Database.using(manager);
        database.dsl().execute("CREATE TABLE projects (id INT PRIMARY KEY, organization_id CHAR(36) NOT NULL)");
        database.dsl().execute("CREATE TABLE tasks (id INT PRIMARY KEY, organization_id CHAR(36) NOT NULL, project_id INT NOT NULL)");
        for (int i = 0; i < 20; i++) {
            UUID org = i % 2 == 0 ? TENANT : UUID.randomUUID();
            database.dsl().insertInto(PROJECTS).columns(PROJECT_ID, PROJECT_ORG).values(i, org).execute();
            database.dsl().insertInto(TASKS).columns(field(name("tasks", "id"), Integer.class), TASK_ORG, TASK_PROJECT).values(i, org, i).execute();
        }
        scope = database.forTenant(TENANT);
    }

    /** Closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.shutdown(Duration.ZERO);
    }

    /** Baseline: the predicates written by hand, in a plain transaction. */
    @Benchmark
    public int joinFilteredByHand() {
        return database.transaction(tx -> tx.select(PROJECT_ID).from(PROJECTS).join(TASKS).on(TASK_PROJECT.eq(PROJECT_ID))
                .where(PROJECT_ORG.eq(TENANT)).and(TASK_ORG.eq(TENANT)).fetch().size());
    }

    /** The same join in a tenant transaction: the filter adds the predicates. */
    @Benchmark
    public int joinInTenantScope() {
        return scope.transaction(tx -> tx.select(PROJECT_ID).from(PROJECTS).join(TASKS).on(TASK_PROJECT.eq(PROJECT_ID)).fetch().size());
    }
}
