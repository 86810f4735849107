package dev.sluice.benchmarks;

import dev.sluice.connection.ConnectionManager;
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
 * borrow, {@code SELECT 1}, return, with the reset against the same pool without it, on each vendor, in a fresh
 * database found as the tests find theirs (see {@link BenchDatabase}). A plain select leaves the session unchanged,
 * so the reset is skipped and this measures what the common read costs with the reset on; a borrow that may have
 * changed the session (a {@code SET}, a temporary table, a function call) still pays the full reset.
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

    private BenchDatabase bench;

    /** Opens the two pools on a fresh database. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = BenchDatabase.create(vendor);
        withReset = bench.connect(bench.configBuilder().name("bench-reset").pool(p -> p.min(1).max(1)).build());
        withoutReset = bench.connect(bench.configBuilder().name("bench-no-reset").pool(p -> p.min(1).max(1).resetOnReturn(false)).build());
    }

    /** Closes the pools and drops the database. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    static int selectOne(ConnectionManager m) throws Exception {
        return NewConnectionBenchmark.selectOne(m.getConnection());
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
