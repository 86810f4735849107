package dev.sluice.benchmarks;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.HealthSettings;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * Throughput of {@code SELECT 1} through Sluice's pool (two threads, two connections) while the health checker probes
 * the database every 100 ms, the most often it can be set (20 times the default rate, so the worst case; pool
 * statistics are published at the same interval), against the same pool with periodic checks off. A check runs on a
 * dedicated connection of its own, so what it can cost the application is CPU and the server's attention.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HealthCheckBenchmark {
    /** The vendor measured. */
    @Param({"postgresql"})
    public String vendor;

    private BenchDatabase bench;
    private ConnectionManager checked;
    private ConnectionManager unchecked;

    /** Opens the two pools on a fresh database. */
    @Setup(Level.Trial)
    public void setUp() {
        bench = BenchDatabase.create(vendor);
        checked = bench.connect(bench.configBuilder().name("bench-health").pool(p -> p.min(2).max(2))
                .health(new HealthSettings(Duration.ofMillis(100), Duration.ofMillis(100), 3)).build());
        unchecked = bench.connect(bench.configBuilder().name("bench-no-health").pool(p -> p.min(2).max(2))
                .health(new HealthSettings(Duration.ZERO, Duration.ofSeconds(2), 3)).build());
    }

    /** Closes the pools and drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    /** Baseline: queries with periodic health checks off. */
    @Benchmark
    @Threads(2)
    public int withoutHealthChecks() throws Exception {
        return NewConnectionBenchmark.selectOne(unchecked.getConnection());
    }

    /** Queries while health checks run every 100 ms. */
    @Benchmark
    @Threads(2)
    public int withHealthChecks() throws Exception {
        return NewConnectionBenchmark.selectOne(checked.getConnection());
    }
}
