package dev.sluice.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.query.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jooq.impl.DSL;
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
 * A jOOQ round trip through {@link Database} against a plain JDBC one on a bare HikariCP pool. SQLite in a temp file
 * keeps the database itself cheap, so the overhead shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SelectBenchmark {
    private HikariDataSource hikari;
    private ConnectionManager manager;
    private Database database;

    /** Opens the two pools on the same file. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("sluice-bench");
        String file = dir.resolve("bench.db").toString();
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:sqlite:" + file);
        hc.setMaximumPoolSize(1);
        hikari = new HikariDataSource(hc);
        manager = ConnectionManager.connect(ConnectionConfig.builder().url("sqlite:" + file).name("bench-select").build());
        database = Database.using(manager);
    }

    /** Closes the pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.shutdown(Duration.ZERO);
        hikari.close();
    }

    /** Baseline: SELECT 1 with plain JDBC on a HikariCP connection. */
    @Benchmark
    public int selectJdbc() throws Exception {
        try (Connection c = hikari.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** SELECT 1 through Database's jOOQ context on the managed pool. */
    @Benchmark
    public int selectSluiceJooq() {
        return database.dsl().select(DSL.inline(1)).fetchOne().value1();
    }
}
