package dev.sluice.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
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
 * Loading 100,000 rows into an empty table (issue 13, benchmark 6), per vendor: {@code Database.bulkInsert} (COPY on
 * PostgreSQL, rewritten multi-row batches on MariaDB, batches in one immediate transaction on SQLite) against what a
 * program without Sluice writes, each in one transaction on a bare HikariCP pool of its own:
 * <ul>
 *   <li>{@code jdbcBatches}: a prepared INSERT in JDBC batches of 1000 rows with the driver's defaults (no rewriting:
 *       pgjdbc sends each row as its own INSERT, pipelined; Connector/J one round trip per row);
 *   <li>{@code jdbcBatchesRewritten}: the same with the driver rewriting batches into multi-row INSERTs
 *       ({@code reWriteBatchedInserts} on PostgreSQL, {@code rewriteBatchedStatements} on MariaDB; on SQLite the same
 *       as {@code jdbcBatches}, there is nothing to rewrite);
 *   <li>{@code jooqBatches}: jOOQ's {@code batch(insert).bind(...)} in batches of 1000 on the rewriting pool (what
 *       jOOQ adds to the best JDBC baseline; with the driver's defaults it would only repeat {@code jdbcBatches}' cost);
 *   <li>raw {@code CopyManager} on PostgreSQL: {@link PostgresCopyBenchmark}.
 * </ul>
 * The table is made for the run (a name of its own) and dropped after; it is emptied before each load. PostgreSQL and
 * MariaDB are the machine's local servers (see {@link ResetBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkInsertBenchmark {
    /** Rows per JDBC or jOOQ batch of the baselines. */
    static final int BATCH = 1000;

    /** Rows per load. */
    @Param({"100000"})
    public int rows;

    /** The vendor measured. */
    @Param({"postgresql", "mysql", "sqlite"})
    public String vendor;

    private BulkTable fixture;
    private BulkTable.Bench table;
    private List<Record> records;
    private HikariDataSource plain;
    private HikariDataSource rewritten;

    /** Creates the table, the rows to load and the baselines' pools. */
    @Setup(Level.Trial)
    public void setUp() {
        fixture = BulkTable.open(vendor, rows);
        table = fixture.table;
        records = fixture.records;
        plain = fixture.bench.hikari(1);
        rewritten = switch (vendor) {
            case "postgresql" -> fixture.bench.hikari(1, "reWriteBatchedInserts", "true");
            case "mysql" -> fixture.bench.hikari(1, "rewriteBatchedStatements", "true");
            default -> plain;
        };
    }

    /** Empties the table before each load. */
    @Setup(Level.Invocation)
    public void empty() {
        fixture.empty();
    }

    /** Drops the table and the database, closes the pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    /** Baseline: JDBC batches of a prepared INSERT with the driver's defaults, in one transaction. */
    @Benchmark
    public int jdbcBatches() throws Exception {
        return jdbc(plain);
    }

    /** Baseline: JDBC batches the driver rewrites into multi-row INSERTs, in one transaction. */
    @Benchmark
    public int jdbcBatchesRewritten() throws Exception {
        return jdbc(rewritten);
    }

    private int jdbc(HikariDataSource pool) throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            String sql = "INSERT INTO " + table.getName() + " (id, body, score, n) VALUES (?, ?, ?, ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int n = 0;
                for (Record r : records) {
                    ps.setLong(1, r.get(table.id));
                    ps.setString(2, r.get(table.body));
                    ps.setDouble(3, r.get(table.score));
                    ps.setInt(4, r.get(table.n));
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            return records.size();
        }
    }

    /** Baseline: jOOQ's batch of one INSERT with bind values, batches of 1000, one transaction, on the rewriting pool. */
    @Benchmark
    public int jooqBatches() {
        DSL.using(rewritten, fixture.db.dialect()).transaction(t -> {
            DSLContext dsl = t.dsl();
            BatchBindStep batch = null;
            int n = 0;
            for (Record r : records) {
                if (batch == null) {
                    batch = dsl.batch(dsl.insertInto(table, table.id, table.body, table.score, table.n)
                            .values((Long) null, null, null, null));
                }
                batch.bind(r.get(table.id), r.get(table.body), r.get(table.score), r.get(table.n));
                if (++n % BATCH == 0) {
                    batch.execute();
                    batch = null;
                }
            }
            if (batch != null) {
                batch.execute();
            }
        });
        return records.size();
    }

    /** {@code Database.bulkInsert} of the same records. */
    @Benchmark
    public long bulkInsertSluice() {
        return fixture.db.bulkInsert(table, records);
    }
}
