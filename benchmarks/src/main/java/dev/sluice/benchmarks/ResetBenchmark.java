package dev.sluice.benchmarks;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
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
 * The price of resetting session state when a connection is returned ({@code pool.reset-on-return}, on by default):
 * borrow, {@code SELECT 1}, return, with the reset against the same pool without it, on each vendor. PostgreSQL and
 * MariaDB are the machine's local servers ({@code SLUICE_BENCH_PG_URL}, {@code SLUICE_BENCH_MYSQL_URL} to use others
 * on loopback); SQLite is a temp file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ResetBenchmark {
    /** The vendor measured. */
    @Param({"postgresql", "mysql", "sqlite"})
    public String vendor;

    private ConnectionManager withReset;
    private ConnectionManager withoutReset;

    static String url(String vendor) throws Exception {
        return switch (vendor) {
            case "postgresql" -> System.getenv().getOrDefault("SLUICE_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test");
            case "mysql" -> System.getenv().getOrDefault("SLUICE_BENCH_MYSQL_URL", "mysql://root@127.0.0.1:3306/test");
            default -> "sqlite:" + Files.createTempDirectory("sluice-bench").resolve("reset.db");
        };
    }

    static ConnectionManager pool(String url, String name, boolean reset) {
        return ConnectionManager.connect(ConnectionConfig.builder().url(url).name(name)
                .pool(p -> p.min(1).max(1).resetOnReturn(reset)).build());
    }

    /** Opens the two pools on the same database. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String url = url(vendor);
        withReset = pool(url, "bench-reset", true);
        withoutReset = pool(url, "bench-no-reset", false);
    }

    /** Closes the pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        withReset.shutdown(Duration.ZERO);
        withoutReset.shutdown(Duration.ZERO);
    }

    static int selectOne(ConnectionManager m) throws Exception {
        try (Connection c = m.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Baseline: borrow, SELECT 1, return, without the reset. */
    @Benchmark
    public int selectWithoutReset() throws Exception {
        return selectOne(withoutReset);
    }

    /** Borrow, SELECT 1, return with the reset (the default). */
    @Benchmark
    public int selectWithReset() throws Exception {
        return selectOne(withReset);
    }
}
