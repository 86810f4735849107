package dev.sluice.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.StubDriver;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What Sluice adds to borrowing and returning a connection: {@link ConnectionManager} (tracking lent connections for
 * graceful shutdown and leak detection, acquire and usage timing) against the bare HikariCP pool it wraps, with one
 * thread and with two. Both pools hold connections of {@link StubDriver}, which answer at once, so the pool's own
 * cost is all there is to measure. Both pools have two connections, so two threads never wait for each other's.
 *
 * <p>A third pool, HikariCP with its own Micrometer metrics on a Prometheus registry (what a HikariCP user wires up to
 * get acquire and usage timings per borrow), shows what timing every borrow costs without Sluice: Sluice's default
 * times every borrow too (acquire and usage percentiles in {@code PoolTimings}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BorrowBenchmark {
    private static final int POOL_SIZE = 2;

    private HikariDataSource hikari;
    private HikariDataSource hikariMetrics;
    private ConnectionManager manager;
    private ConnectionManager sampled;

    /** Opens the two pools. */
    @Setup(Level.Trial)
    public void setUp() {
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(StubDriver.dataSource());
        hc.setMinimumIdle(POOL_SIZE);
        hc.setMaximumPoolSize(POOL_SIZE);
        hikari = new HikariDataSource(hc);
        HikariConfig metered = new HikariConfig();
        metered.setDataSource(StubDriver.dataSource());
        metered.setMinimumIdle(POOL_SIZE);
        metered.setMaximumPoolSize(POOL_SIZE);
        metered.setMetricRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        hikariMetrics = new HikariDataSource(metered);
        manager = ConnectionManager.connect(ConnectionConfig.builder()
                .url("postgres://127.0.0.1:5432/stub") // never contacted: the stub driver answers
                .name("bench")
                .driverClassLoader(StubDriver.classLoader(Vendor.POSTGRESQL))
                .pool(p -> p.min(POOL_SIZE).max(POOL_SIZE))
                .build());
        sampled = ConnectionManager.connect(ConnectionConfig.builder()
                .url("postgres://127.0.0.1:5432/stub")
                .name("bench-sampled")
                .driverClassLoader(StubDriver.classLoader(Vendor.POSTGRESQL))
                .pool(p -> p.min(POOL_SIZE).max(POOL_SIZE))
                .stats(s -> s.sample(16))
                .build());
    }

    /** Closes the pools. */
    @TearDown(Level.Trial)
    public void tearDown() {
        manager.shutdown(Duration.ZERO);
        sampled.shutdown(Duration.ZERO);
        hikari.close();
        hikariMetrics.close();
    }

    /** Baseline: borrow and return from HikariCP, one thread. */
    @Benchmark
    @Threads(1)
    public boolean borrowHikari() throws Exception {
        return borrow(hikari.getConnection());
    }

    /**
     * Borrow and return from HikariCP with its Micrometer metrics tracker on a Prometheus registry (acquire and usage
     * timers recorded on every borrow), one thread: the baseline for what per-borrow timing costs HikariCP itself.
     */
    @Benchmark
    @Threads(1)
    public boolean borrowHikariMetrics() throws Exception {
        return borrow(hikariMetrics.getConnection());
    }

    /** Borrow and return through ConnectionManager, one thread. */
    @Benchmark
    @Threads(1)
    public boolean borrowSluice() throws Exception {
        return borrow(manager.getConnection());
    }

    /**
     * Borrow and return through a ConnectionManager that times one borrow in 16 ({@code stats.sample: 16}, opt-in):
     * what the three clock reads of a timed borrow cost, next to {@link #borrowSluice}.
     */
    @Benchmark
    @Threads(1)
    public boolean borrowSluiceSampled() throws Exception {
        return borrow(sampled.getConnection());
    }

    /** Baseline: borrow and return from HikariCP, two threads at once. */
    @Benchmark
    @Threads(2)
    public boolean borrowHikari2Threads() throws Exception {
        return borrow(hikari.getConnection());
    }

    /** Borrow and return through ConnectionManager, two threads at once. */
    @Benchmark
    @Threads(2)
    public boolean borrowSluice2Threads() throws Exception {
        return borrow(manager.getConnection());
    }

    private static boolean borrow(Connection connection) throws Exception {
        try (Connection c = connection) {
            return c.getAutoCommit();
        }
    }
}
