package dev.sluice.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the benchmarks (JMH options may be given as arguments) and prints each Sluice measurement as a ratio against
 * its baseline from the same run, since absolute numbers on a shared machine mean little.
 */
public final class Ratios {
    private static final Map<String, String> BASELINES = Map.of("borrowSluice", "borrowHikari", "selectSluiceJooq", "selectJdbc");

    private Ratios() {}

    /** Runs and prints. */
    public static void main(String[] args) throws Exception {
        var results = new Runner(new CommandLineOptions(args)).run();
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            score.put(label.substring(label.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        System.out.println();
        System.out.println("Ratios against the baseline of the same run (1.00 = as fast as the baseline):");
        BASELINES.forEach((measured, baseline) -> {
            if (score.containsKey(measured) && score.containsKey(baseline)) {
                System.out.printf("  %-18s / %-14s = %.2f  (%.0f ns vs %.0f ns)%n", measured, baseline,
                        score.get(measured) / score.get(baseline), score.get(measured), score.get(baseline));
            }
        });
    }
}
