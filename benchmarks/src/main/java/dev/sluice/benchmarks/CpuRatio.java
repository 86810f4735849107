package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The ratio of two benchmark methods in the CPU time of the calling thread rather than in wall time: on a machine
 * shared with other builds (load average 5 to 10 on 2 cores), wall-clock ratios of the same code swing from 0.5 to 5,
 * because a time slice lost to another process lands on whichever side was running; the thread's own CPU time per
 * operation moves far less (caches shared with other processes still move it), and the median of alternating rounds
 * less again. It measures only what the client does (rendering, binding, the driver's
 * work, the pool), not the server's time or the network's, so it complements JMH's wall-time ratios and does not
 * replace them; use it for operations of microseconds or more (each call goes through reflection) and for
 * single-threaded paths.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.CpuRatio PkSelectBenchmark sqlite selectJooq selectSluice
 * }</pre>
 *
 * Arguments: the benchmark class, the vendor ({@code -} for a class without one), the baseline method, the measured
 * method(s), then optionally {@code ops=N} (calls per round, default 2000) and {@code rounds=N} (default 15). Three
 * warm-up rounds of each method, then the measured rounds, the methods alternating within each; prints each method's
 * median CPU time per call and the median of the rounds' ratios to the baseline.
 */
public final class CpuRatio {
    private CpuRatio() {}

    /** Runs and prints; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: CpuRatio BenchmarkClass vendor|- baselineMethod measuredMethod... [ops=N] [rounds=N]");
            System.exit(2);
        }
        Class<?> type = Class.forName(CpuRatio.class.getPackageName() + "." + args[0]);
        Object state = type.getDeclaredConstructor().newInstance();
        if (!args[1].equals("-")) {
            type.getField("vendor").set(state, args[1]);
        }
        int ops = 2000;
        int rounds = 15;
        String[] names = Arrays.stream(args, 2, args.length).filter(a -> !a.contains("=")).toArray(String[]::new);
        for (String a : args) {
            if (a.startsWith("ops=")) {
                ops = Integer.parseInt(a.substring(4));
            } else if (a.startsWith("rounds=")) {
                rounds = Integer.parseInt(a.substring(7));
            }
        }
        final int measured = rounds;
        Method[] methods = new Method[names.length];
        for (int i = 0; i < names.length; i++) {
            methods[i] = type.getMethod(names[i]);
        }
        invokeAnnotated(type, state, Setup.class);
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 3; round++) {
                for (Method m : methods) {
                    for (int i = 0; i < ops; i++) {
                        m.invoke(state);
                    }
                }
            }
            double[][] perOp = new double[methods.length][measured];
            double[][] ratios = new double[methods.length][measured];
            for (int round = 0; round < measured; round++) {
                for (int k = 0; k < methods.length; k++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < ops; i++) {
                        methods[k].invoke(state);
                    }
                    perOp[k][round] = (threads.getCurrentThreadCpuTime() - start) / (double) ops;
                    ratios[k][round] = perOp[k][round] / perOp[0][round];
                }
            }
            for (int k = 0; k < methods.length; k++) {
                Arrays.sort(perOp[k]);
                Arrays.sort(ratios[k]);
                System.out.printf("%s.%s (%s): %.1f us CPU per call [%.1f .. %.1f]%s%n", args[0], names[k], args[1],
                        perOp[k][measured / 2] / 1000, perOp[k][0] / 1000, perOp[k][measured - 1] / 1000, k == 0 ? " (baseline)"
                                : String.format(" = %.3f x baseline [%.3f .. %.3f]", ratios[k][measured / 2], ratios[k][0],
                                        ratios[k][measured - 1]));
            }
        } finally {
            invokeAnnotated(type, state, TearDown.class);
        }
        System.exit(0); // pools' daemon threads aside, drivers may keep non-daemon threads
    }

    private static void invokeAnnotated(Class<?> type, Object state, Class<? extends java.lang.annotation.Annotation> a) throws Exception {
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(a)) {
                m.invoke(state);
            }
        }
    }
}
