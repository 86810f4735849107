package dev.sluice.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The floor of benchmark 6 on PostgreSQL: the rows of {@link BulkInsertBenchmark} (same table, same values) written by
 * hand as CSV into pgjdbc's {@code CopyManager} ({@code COPY ... FROM STDIN (FORMAT csv)}) on a bare HikariCP
 * connection, in one transaction: what {@code Database.bulkInsert} does on PostgreSQL, minus everything it does to
 * accept any jOOQ table and record (converters, the values' text forms, NUL checks, row counts for messages). Its
 * parameters are those of {@link BulkInsertBenchmark}, PostgreSQL only, so that the report pairs the two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PostgresCopyBenchmark {
    /** Rows per load, as in {@link BulkInsertBenchmark}. */
    @Param({"100000"})
    public int rows;

    /** PostgreSQL only: COPY is its own. */
    @Param({"postgresql"})
    public String vendor;

    private BulkTable fixture;
    private BulkTable.Bench table;
    private List<Record> records;
    private HikariDataSource pool;

    /** Creates the table, the rows and the pool. */
    @Setup(Level.Trial)
    public void setUp() {
        fixture = BulkTable.open(vendor, rows);
        table = fixture.table;
        records = fixture.records;
        pool = fixture.bench.hikari(1);
    }

    /** Empties the table before each load. */
    @Setup(Level.Invocation)
    public void empty() {
        fixture.empty();
    }

    /** Drops the table and the database, closes the pool. */
    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    /** Baseline: the rows as CSV into {@code CopyManager.copyIn}, one transaction. */
    @Benchmark
    public long rawCopy() throws Exception {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table.getName() + " (id, body, score, n) FROM STDIN (FORMAT csv)");
            PGCopyOutputStream out = new PGCopyOutputStream(copy, 65536);
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            StringBuilder line = new StringBuilder(256);
            for (Record r : records) {
                line.setLength(0);
                line.append(r.get(table.id).longValue()).append(',');
                csv(line, r.get(table.body));
                line.append(',').append(r.get(table.score).doubleValue()).append(',').append(r.get(table.n).intValue()).append('\n');
                w.append(line);
            }
            w.flush();
            long loaded = out.endCopy();
            c.commit();
            c.setAutoCommit(true);
            return loaded;
        }
    }

    /** A CSV field: quoted, with quotes doubled (the text has commas, quotes and newlines). */
    private static void csv(StringBuilder line, String s) {
        line.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                line.append('"');
            }
            line.append(ch);
        }
        line.append('"');
    }
}
