package dev.sluice.benchmarks;

import dev.sluice.query.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.impl.TableImpl;
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
 * Loading rows into an empty table: {@code Database.bulkInsert} (COPY on PostgreSQL, rewritten multi-row batches on
 * MariaDB, batches in one immediate transaction on SQLite) against plain JDBC batches of a prepared INSERT of 1000 rows
 * in one transaction on the same pool, per vendor. The table is made for the run (a name of its own) and dropped after;
 * it is emptied before each load. PostgreSQL and MariaDB are the machine's local servers (see {@link ResetBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BulkInsertBenchmark {
    /** The vendor measured. */
    @Param({"postgresql", "mysql", "sqlite"})
    public String vendor;

    /** Rows per load. */
    @Param({"20000"})
    public int rows;

    /** The table, as a jOOQ table of the user's own would describe it. */
    static final class Bench extends TableImpl<Record> {
        private static final long serialVersionUID = 1L;
        final TableField<Record, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT.nullable(false));
        final TableField<Record, String> body = createField(DSL.name("body"), SQLDataType.VARCHAR(200));
        final TableField<Record, Double> score = createField(DSL.name("score"), SQLDataType.DOUBLE);
        final TableField<Record, Integer> n = createField(DSL.name("n"), SQLDataType.INTEGER);

        Bench(String name) {
            super(DSL.name(name));
        }
    }

    private Database db;
    private Bench table;
    private List<Record> records;
    private BenchDatabase bench;

    /** Creates the table and the rows to load. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = BenchDatabase.create(vendor);
        db = Database.connect(bench.configBuilder().name("bench-bulk").build());
        table = new Bench("sluice_bench_bulk_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 4));
        db.dsl().createTable(table).columns(table.fields()).primaryKey(table.id).execute();
        records = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Record r = db.dsl().newRecord(table.fields());
            r.set(table.id, (long) i);
            r.set(table.body, "row " + i + "\twith \"quotes\", a backslash \\ and a newline\n");
            r.set(table.score, i / 3.0);
            r.set(table.n, -i);
            records.add(r);
        }
    }

    /** Empties the table before each load. */
    @Setup(Level.Invocation)
    public void empty() {
        db.dsl().deleteFrom(table).execute();
    }

    /** Drops the table and closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        db.dsl().dropTable(table).execute();
        db.close();
        bench.close(); // drops the fresh database
    }

    /** Baseline: JDBC batches of 1000 rows of a prepared INSERT, in one transaction. */
    @Benchmark
    public int jdbcBatches() throws Exception {
        try (Connection c = db.connections().getConnection()) {
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
                    if (++n % 1000 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            db.vendor().commit(c);
            return records.size();
        }
    }

    /** {@code Database.bulkInsert} of the same records. */
    @Benchmark
    public long bulkInsertSluice() {
        return db.bulkInsert(table, records);
    }
}
