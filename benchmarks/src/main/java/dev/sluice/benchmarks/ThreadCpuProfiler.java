package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Where a benchmark's wall time goes besides its own thread's CPU: for each measured iteration, the CPU time of every
 * thread of the forked JVM (the kernel's {@code /proc/self/task/<tid>/schedstat}, in nanoseconds) grouped by what the
 * thread is, and how long the benchmark's threads waited, runnable, for a processor (the second schedstat field), all
 * per operation. On a machine with few cores, a benchmark whose wall time is above its CPU time either waits (for a
 * lock, the network or a server) or loses processors to other threads; the pool's background threads count here
 * under {@code cpu.pool}, the JVM's under {@code cpu.gc}, {@code cpu.jit} and {@code cpu.vm}.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar 'PkSelectBenchmark.selectSluice$' -p vendor=sqlite -f 1 \
 *     -prof dev.sluice.benchmarks.ThreadCpuProfiler
 * }</pre>
 *
 * Results (ns per operation): {@code cpu.bench} and {@code wait.bench}, the benchmark threads' CPU time and run-queue
 * wait; {@code cpu.gc}, {@code cpu.jit}, {@code cpu.vm} (the VM thread and other JVM service threads),
 * {@code cpu.pool} (every other thread: the pools' supervisors, HikariCP's housekeepers, drivers' threads). Linux only
 * (the profiler reports nothing elsewhere). {@link Ratios} prints the ratio of {@code cpu.bench} beside the wall-time
 * ratio of each pair of forks.
 */
public final class ThreadCpuProfiler implements InternalProfiler {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final String PREFIX = "cpu.";

    /** Thread names by thread id, as the kernel keeps them (the first 15 characters). */
    private final Map<Long, String> names = new HashMap<>();
    private Map<Long, long[]> before = Map.of();

    /** What JMH shows in {@code -lprof}. */
    @Override
    public String getDescription() {
        return "CPU time per operation of the benchmark's threads and of the JVM's other threads, and run-queue wait (Linux schedstat)";
    }

    /** Reads every thread's CPU and wait times before the iteration. */
    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before = sample();
    }

    /** Reads them again and reports the differences per operation, by kind of thread. */
    @Override
    public Collection<ScalarResult> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        Map<Long, long[]> after = sample();
        long ops = result.getMetadata().getAllOps();
        if (after.isEmpty() || ops <= 0) {
            return List.of();
        }
        // JMH names its workers "<benchmark>-jmh-worker-<n>"; the kernel keeps the first 15 characters of a thread name
        String benchName = benchmark.getBenchmark();
        String worker = benchName.substring(0, Math.min(15, benchName.length()));
        Map<String, Long> cpu = new HashMap<>();
        long benchWait = 0;
        for (Map.Entry<Long, long[]> e : after.entrySet()) {
            long[] now = e.getValue();
            long[] then = before.getOrDefault(e.getKey(), new long[] {0, 0});
            String name = names.getOrDefault(e.getKey(), "");
            String group = group(name, worker);
            cpu.merge(group, now[0] - then[0], Long::sum);
            if (group.equals("bench")) {
                benchWait += now[1] - then[1];
            }
        }
        List<ScalarResult> out = new ArrayList<>();
        for (String group : List.of("bench", "pool", "gc", "jit", "vm")) {
            out.add(new ScalarResult(PREFIX + group, cpu.getOrDefault(group, 0L) / (double) ops, "ns/op", AggregationPolicy.AVG));
        }
        out.add(new ScalarResult("wait.bench", benchWait / (double) ops, "ns/op", AggregationPolicy.AVG));
        return out;
    }

    /** What a thread is, by its (kernel) name: bench, gc, jit, vm, or pool (anything else). */
    static String group(String name, String worker) {
        if (name.startsWith(worker) || name.contains("jmh-worker")) {
            return "bench";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("ZGC") || name.startsWith("Gang")) {
            return "gc";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (name.equals("VM Thread") || name.startsWith("VM ") || name.equals("Signal Dispatch") || name.equals("Finalizer")
                || name.equals("Reference Handl") || name.equals("Common-Cleaner") || name.equals("Service Thread")
                || name.equals("Monitor Deflati") || name.equals("Notification Th") || name.equals("java")
                || name.startsWith("Attach") || name.startsWith("JFR ") || name.startsWith("Sweeper")) {
            return "vm";
        }
        return "pool";
    }

    /** Per thread id: {CPU ns, run-queue wait ns}; the thread's name is kept in {@link #names}. */
    private Map<Long, long[]> sample() {
        Map<Long, long[]> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    long tid = Long.parseLong(task.getFileName().toString());
                    String[] stat = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    out.put(tid, new long[] {Long.parseLong(stat[0]), Long.parseLong(stat[1])});
                    names.put(tid, Files.readString(task.resolve("comm")).trim());
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return Map.of();
        }
        return out;
    }
}
