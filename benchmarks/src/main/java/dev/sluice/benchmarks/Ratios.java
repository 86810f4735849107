package dev.sluice.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks (JMH options may be given as arguments) and prints each Sluice measurement as a ratio against
 * its baseline from the same run, since absolute numbers on a shared machine mean little. With {@code -prof gc} it
 * also prints the bytes allocated per operation ({@code gc.alloc.rate.norm}) of both.
 */
public final class Ratios {
    private static final Map<String, String> BASELINES = new LinkedHashMap<>();

    static {
        BASELINES.put("borrowSluice", "borrowHikari");
        BASELINES.put("borrowSluice2Threads", "borrowHikari2Threads");
        BASELINES.put("selectSluiceJooq", "selectJdbc");
        BASELINES.put("recordSluice", "recordHdrRecorder");
        BASELINES.put("recordSluice2Threads", "recordHdrRecorder2Threads");
    }

    private Ratios() {}

    /** Runs and prints. */
    public static void main(String[] args) throws Exception {
        var results = new Runner(new CommandLineOptions(args)).run();
        Map<String, Result<?>> score = new LinkedHashMap<>();
        Map<String, Result<?>> alloc = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String name = label.substring(label.lastIndexOf('.') + 1);
            score.put(name, r.getPrimaryResult());
            r.getSecondaryResults().forEach((key, value) -> {
                if (key.endsWith("gc.alloc.rate.norm")) {
                    alloc.put(name, value);
                }
            });
        }
        System.out.println();
        System.out.println("Ratios against the baseline of the same run (1.00 = as fast as the baseline):");
        BASELINES.forEach((measured, baseline) -> {
            if (score.containsKey(measured) && score.containsKey(baseline)) {
                Result<?> m = score.get(measured);
                Result<?> b = score.get(baseline);
                System.out.printf("  %-22s / %-22s = %.2f  (%.1f ± %.1f ns vs %.1f ± %.1f ns)%n", measured, baseline,
                        m.getScore() / b.getScore(), m.getScore(), m.getScoreError(), b.getScore(), b.getScoreError());
            }
            if (alloc.containsKey(measured) && alloc.containsKey(baseline)) {
                double m = alloc.get(measured).getScore();
                double b = alloc.get(baseline).getScore();
                System.out.printf("  %-22s   allocation per operation: %.0f B vs %.0f B%n", "", m, b);
            }
        });
    }
}
