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
    private static final Map<String, String> BASELINES = Map.of("borrowSluice", "borrowHikari", "selectSluiceJooq", "selectJdbc",
            "selectWithReset", "selectWithoutReset", "discardAllThenSetRole", "selectOne", "discardStepsWithSetRole", "selectOne");

    private Ratios() {}

    /** Runs and prints. */
    public static void main(String[] args) throws Exception {
        var results = new Runner(new CommandLineOptions(args)).run();
        // scores by parameter set (e.g. vendor=postgresql), then by benchmark method
        Map<String, Map<String, RunResult>> byParams = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(params.isEmpty() ? "" : ",").append(key).append('=').append(r.getParams().getParam(key));
            }
            byParams.computeIfAbsent(params.toString(), k -> new LinkedHashMap<>()).put(label.substring(label.lastIndexOf('.') + 1), r);
        }
        System.out.println();
        System.out.println("Ratios against the baseline of the same run (1.00 = as fast as the baseline):");
        byParams.forEach((params, score) -> BASELINES.forEach((measured, baseline) -> {
            if (score.containsKey(measured) && score.containsKey(baseline)) {
                var m = score.get(measured).getPrimaryResult();
                var b = score.get(baseline).getPrimaryResult();
                System.out.printf("  %-24s / %-18s %-20s = %.2f  (%.2f %s vs %.2f %s)%n", measured, baseline, params,
                        m.getScore() / b.getScore(), m.getScore(), m.getScoreUnit(), b.getScore(), b.getScoreUnit());
            }
        }));
    }
}
