package dev.sluice.benchmarks;

import dev.sluice.connection.ConnectionManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
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
 * What the pool is for: {@code SELECT 1} on a connection borrowed from Sluice's pool (defaults: the session reset on
 * return included) against the same query on a new connection from the driver, closed afterwards, as code without a
 * pool does it. On PostgreSQL and MariaDB a new connection is a TCP handshake, authentication and session setup; on
 * SQLite it opens the file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NewConnectionBenchmark {
    /** The vendor measured. */
    @Param({"postgresql", "mysql", "sqlite"})
    public String vendor;

    private BenchDatabase bench;
    private ConnectionManager pool;

    /** Opens the pool on a fresh database. */
    @Setup(Level.Trial)
    public void setUp() {
        bench = BenchDatabase.create(vendor);
        pool = bench.connect(bench.configBuilder().name("bench-pooled").pool(p -> p.min(1).max(1)).build());
    }

    /** Closes the pool and drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    static int selectOne(Connection connection) throws Exception {
        try (Connection c = connection; Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Baseline: a new connection from the driver for the one query. */
    @Benchmark
    public int newConnection() throws Exception {
        return selectOne(bench.newConnection());
    }

    /** The query on a connection borrowed from Sluice's pool. */
    @Benchmark
    public int pooled() throws Exception {
        return selectOne(pool.getConnection());
    }
}
