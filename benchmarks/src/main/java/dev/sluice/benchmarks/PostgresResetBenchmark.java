package dev.sluice.benchmarks;

import java.sql.Connection;
import java.sql.Statement;
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

/**
 * Which PostgreSQL reset to use when the pool runs under a role, on one plain pgjdbc connection: {@code DISCARD ALL}
 * followed by {@code SET ROLE} (two round trips: DISCARD ALL refuses to share a batch), against the steps of
 * DISCARD ALL spelled out with {@code SET ROLE} in one batch (one round trip; what Sluice sends), both against a
 * plain {@code SELECT 1}. The role is the login user itself, so the benchmark needs no role of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PostgresResetBenchmark {
    private static final String STEPS = "SET SESSION AUTHORIZATION DEFAULT; RESET ALL; DEALLOCATE ALL; CLOSE ALL; UNLISTEN *; "
            + "SELECT pg_advisory_unlock_all(); DISCARD PLANS; DISCARD TEMP; DISCARD SEQUENCES";

    private BenchDatabase bench;
    private Connection c;
    private String setRole;

    /** Connects. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = BenchDatabase.create("postgresql");
        c = bench.newConnection();
        setRole = "SET ROLE " + c.getMetaData().getUserName();
    }

    /** Disconnects. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        c.close();
        bench.close();
    }

    /** Baseline: one plain round trip. */
    @Benchmark
    public boolean selectOne() throws Exception {
        try (Statement s = c.createStatement()) {
            return s.execute("SELECT 1");
        }
    }

    /** DISCARD ALL, then SET ROLE: two round trips. */
    @Benchmark
    public boolean discardAllThenSetRole() throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DISCARD ALL");
            return s.execute(setRole);
        }
    }

    /** The steps of DISCARD ALL and SET ROLE in one batch: one round trip. */
    @Benchmark
    public boolean discardStepsWithSetRole() throws Exception {
        try (Statement s = c.createStatement()) {
            return s.execute(STEPS + "; " + setRole);
        }
    }
}
