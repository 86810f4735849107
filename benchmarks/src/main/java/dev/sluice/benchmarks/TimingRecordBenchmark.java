package dev.sluice.benchmarks;

import dev.sluice.connection.internal.WindowedTimings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What recording one duration costs on the borrow path: Sluice's striped HdrHistograms ({@code WindowedTimings}, one
 * uncontended lock per stripe) against HdrHistogram's own concurrent {@link Recorder} (wait-free, but its phaser
 * counters and total count are shared by all threads), with one thread and with two.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimingRecordBenchmark {
    private final WindowedTimings striped = new WindowedTimings(1, 0, Duration.ofMinutes(1), 2, System::nanoTime);
    private final Recorder recorder = new Recorder(1, TimeUnit.HOURS.toNanos(1), 2);

    /** Each thread's stripe hint, as InFlight's lease index would be. */
    @State(Scope.Thread)
    public static class Caller {
        private static final AtomicInteger NEXT = new AtomicInteger();
        final int hint = NEXT.getAndIncrement();
        long value = 40_000;

        long next() {
            value = value * 6364136223846793005L + 1442695040888963407L; // varied values, as real timings are
            return 20_000 + (value >>> 44);
        }
    }

    /** Baseline: HdrHistogram's Recorder, one thread. */
    @Benchmark
    @Threads(1)
    public void recordHdrRecorder(Caller c) {
        recorder.recordValue(c.next());
    }

    /** Sluice's striped recording, one thread. */
    @Benchmark
    @Threads(1)
    public void recordSluice(Caller c) {
        striped.record(0, c.hint, c.next());
    }

    /** Baseline: HdrHistogram's Recorder, two threads. */
    @Benchmark
    @Threads(2)
    public void recordHdrRecorder2Threads(Caller c) {
        recorder.recordValue(c.next());
    }

    /** Sluice's striped recording, two threads. */
    @Benchmark
    @Threads(2)
    public void recordSluice2Threads(Caller c) {
        striped.record(0, c.hint, c.next());
    }
}
