package dev.sluice.benchmarks;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.Vendor;
import dev.sluice.query.Database;
import dev.sluice.query.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A tenant-scoped primary-key select against the same select unscoped, each in one transaction through
 * {@link Database} on the same pool: {@code db.forTenant(t).transaction(tx -> select ... where id = ?)} (Sluice adds
 * {@code organization_id = :tenant} to the query and, on PostgreSQL, sets {@code sluice.tenant_id} for the transaction,
 * read by a row-level security policy) against {@code db.transaction(tx -> the same select)} on a table with the same
 * rows and no policy. On PostgreSQL the pool runs as a role of the benchmark's own ({@code SET ROLE}), since a superuser
 * bypasses row-level security; the role is dropped afterwards. 1,000 rows of 10 tenants; the scoped select asks for
 * rows of its tenant.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TenantSelectBenchmark {
    private static final int TENANTS = 10;
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<String> BODY = DSL.field(DSL.name("body"), SQLDataType.VARCHAR);
    private static final Table<?> SCOPED = DSL.table(DSL.name("bench_notes"));
    private static final Table<?> PLAIN = DSL.table(DSL.name("bench_notes_plain"));

    /** The vendor measured. */
    @Param({"postgresql", "mysql", "sqlite"})
    public String vendor;

    private BenchDatabase bench;
    private String role;
    private Database db;
    private TenantScope scope;
    private int tenantIndex;
    private int next;

    /** Creates the tables (and on PostgreSQL the policy and the role) and opens the pool. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = BenchDatabase.create(vendor);
        UUID[] tenants = new UUID[TENANTS];
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = new UUID(0x5eedL, i + 1);
        }
        boolean pg = bench.vendor() == Vendor.POSTGRESQL;
        String uuid = switch (bench.vendor()) {
            case POSTGRESQL -> "UUID";
            case MYSQL -> "CHAR(36)";
            default -> "TEXT";
        };
        for (String table : new String[] {"bench_notes", "bench_notes_plain"}) {
            bench.execute("CREATE TABLE " + table + " (id INT NOT NULL PRIMARY KEY, organization_id " + uuid
                    + " NOT NULL, body VARCHAR(64) NOT NULL)");
            try (Connection c = bench.newConnection();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                c.setAutoCommit(false);
                for (int i = 1; i <= BenchDatabase.ITEMS; i++) {
                    ps.setInt(1, i);
                    ps.setObject(2, pg ? tenants[i % TENANTS] : tenants[i % TENANTS].toString());
                    ps.setString(3, "note " + i);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
        }
        ConnectionConfig.Builder config = bench.configBuilder().name("bench-tenant").pool(p -> p.min(1).max(1));
        if (pg) {
            role = "sluice_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            try (Connection c = bench.newConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + role + " NOLOGIN");
                s.execute("GRANT " + role + " TO CURRENT_USER");
                s.execute("GRANT USAGE ON SCHEMA public TO " + role);
                s.execute("GRANT SELECT ON bench_notes, bench_notes_plain TO " + role);
                s.execute("ALTER TABLE bench_notes ENABLE ROW LEVEL SECURITY");
                s.execute("ALTER TABLE bench_notes FORCE ROW LEVEL SECURITY");
                s.execute("CREATE POLICY tenant_isolation ON bench_notes USING (organization_id = "
                        + "NULLIF(current_setting('" + TenantScope.SETTING + "', true), '')::uuid)");
            }
            config.role(role);
        }
        db = Database.using(bench.connect(config.build()));
        tenantIndex = 3;
        scope = db.forTenant(tenants[tenantIndex]);
        next = tenantIndex;
    }

    /** Closes the pool, drops the database and the role. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        var admin = bench.admin();
        bench.close();
        if (role != null) {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP ROLE IF EXISTS " + role);
            }
        }
    }

    /** The next id of the scope's tenant (ids whose remainder by 10 is the tenant's index). */
    private int nextId() {
        next += TENANTS;
        if (next > BenchDatabase.ITEMS) {
            next = tenantIndex == 0 ? TENANTS : tenantIndex;
        }
        return next;
    }

    /** Baseline: the select in a transaction, unscoped, on the table without a policy. */
    @Benchmark
    public String selectUnscoped() {
        int id = nextId();
        return db.transaction(tx -> tx.select(BODY).from(PLAIN).where(ID.eq(id)).fetchOne(BODY));
    }

    /** The select in a transaction of the tenant's scope, on the table with the policy (on PostgreSQL). */
    @Benchmark
    public String selectScoped() {
        int id = nextId();
        String body = scope.transaction(tx -> tx.select(BODY).from(SCOPED).where(ID.eq(id)).fetchOne(BODY));
        if (body == null) {
            throw new IllegalStateException("the scoped select found no row " + id + " of its tenant");
        }
        return body;
    }
}
