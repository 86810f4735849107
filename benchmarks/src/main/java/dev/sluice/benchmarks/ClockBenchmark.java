package dev.sluice.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The cost of one read of the clock that timings in nanoseconds need ({@link System#nanoTime()}): a borrow through
 * {@code ConnectionManager} makes three (asked, lent, returned), so this bounds how close to a bare pool a timed
 * borrow can get on a given machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockBenchmark {
    /** One clock read. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
