package dev.sluice.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and prints each Sluice measurement as a ratio against its baseline, since absolute numbers on a
 * shared machine mean little. With {@code -prof gc} it also prints the bytes allocated per operation
 * ({@code gc.alloc.rate.norm}) of both; with {@code -prof dev.sluice.benchmarks.ThreadCpuProfiler}, in pairs, the ratio of
 * the benchmark threads' CPU time and the other threads' CPU time and the run-queue wait per operation.
 *
 * <ul>
 *   <li>{@code java -jar benchmarks.jar [JMH options]}: one JMH run (all forks of one benchmark, then the next), and
 *       the ratios of its scores.
 *   <li>{@code java -jar benchmarks.jar --pairs N [--only REGEX] [JMH options without a benchmark pattern]}: N rounds,
 *       each one fork of the baseline immediately followed by one fork of the Sluice measurement, and the median, lowest
 *       and highest of the N ratios. On a machine whose load drifts (other builds), a ratio of two forks run back to
 *       back is far steadier than one of two runs minutes apart.
 * </ul>
 */
public final class Ratios {
    /** Sluice measurement and its (first) baseline, as {@code Class.method}, from {@link Goals}. */
    private static final Map<String, String> BASELINES = new LinkedHashMap<>();

    static {
        for (Goals.Goal g : Goals.ALL) {
            BASELINES.putIfAbsent(g.measured(), g.baseline());
        }
    }

    private Ratios() {}

    /** Runs and prints. */
    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        int pairs = intOption(rest, "--pairs", 0);
        Pattern only = Pattern.compile(stringOption(rest, "--only", ".*"));
        CommandLineOptions jmh = new CommandLineOptions(rest.toArray(String[]::new));
        if (pairs > 0) {
            runPairs(pairs, only, jmh);
        } else {
            oneRun(jmh);
        }
    }

    private static void oneRun(CommandLineOptions jmh) throws Exception {
        // scores by parameter set (e.g. vendor=postgresql), then by benchmark
        Map<String, Map<String, RunResult>> byParams = new LinkedHashMap<>();
        for (RunResult r : new Runner(jmh).run()) {
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(params.isEmpty() ? "" : ",").append(key).append('=').append(r.getParams().getParam(key));
            }
            byParams.computeIfAbsent(params.toString(), k -> new LinkedHashMap<>()).put(shortName(r), r);
        }
        System.out.println();
        System.out.println("Ratios against the baseline of the same run (1.00 = as fast as the baseline):");
        byParams.forEach((params, byName) -> BASELINES.forEach((measured, baseline) -> {
            if (byName.containsKey(measured) && byName.containsKey(baseline)) {
                RunResult m = byName.get(measured);
                RunResult b = byName.get(baseline);
                Result<?> ms = m.getPrimaryResult();
                Result<?> bs = b.getPrimaryResult();
                System.out.printf("  %-42s / %-28s %-18s = %.2f  (%.1f ± %.1f vs %.1f ± %.1f %s)%s%n", measured,
                        method(baseline), params, ms.getScore() / bs.getScore(), ms.getScore(), ms.getScoreError(),
                        bs.getScore(), bs.getScoreError(), ms.getScoreUnit(), allocation(m, b));
            }
        }));
    }

    private static void runPairs(int pairs, Pattern only, CommandLineOptions jmh) throws Exception {
        // measured -> [ratio, measured, baseline, bytes m, bytes b, CPU ratio, other threads' CPU m, b, run-queue wait m, b]
        Map<String, List<double[]>> rounds = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>(); // measured -> JMH's unit of its scores (ns/op, us/op, ms/op)
        for (int i = 1; i <= pairs; i++) {
            for (Map.Entry<String, String> e : BASELINES.entrySet()) {
                if (!only.matcher(e.getKey()).find()) {
                    continue;
                }
                RunResult b = runOne(e.getValue(), jmh);
                RunResult m = runOne(e.getKey(), jmh);
                double ratio = m.getPrimaryResult().getScore() / b.getPrimaryResult().getScore();
                units.put(e.getKey(), m.getPrimaryResult().getScoreUnit());
                rounds.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {ratio,
                    m.getPrimaryResult().getScore(), b.getPrimaryResult().getScore(), bytes(m), bytes(b),
                    secondary(m, "cpu.bench") / secondary(b, "cpu.bench"), others(m), others(b),
                    secondary(m, "wait.bench"), secondary(b, "wait.bench")});
                System.out.printf("# pair %d: %s / %s = %.2f%n", i, e.getKey(), method(e.getValue()), ratio);
            }
        }
        System.out.println();
        System.out.println("Ratios of " + pairs + " back-to-back pairs of forks (median [lowest .. highest]):");
        rounds.forEach((measured, list) -> {
            double[] ratios = column(list, 0);
            String unit = units.get(measured);
            System.out.printf("  %-42s / %-28s = %.2f  [%.2f .. %.2f]  (median %.1f %s vs %.1f %s; %.0f B vs %.0f B per op)%n",
                    measured, method(BASELINES.get(measured)), median(ratios), ratios[0], ratios[ratios.length - 1],
                    median(column(list, 1)), unit, median(column(list, 2)), unit, median(column(list, 3)), median(column(list, 4)));
            double[] cpu = column(list, 5);
            if (!Double.isNaN(cpu[0])) {
                System.out.printf("  %-42s   %-28s   CPU of the benchmark thread %.2f [%.2f .. %.2f]; other threads %.0f vs %.0f ns/op,"
                        + " run-queue wait %.0f vs %.0f ns/op%n", "", "", median(cpu), cpu[0], cpu[cpu.length - 1],
                        median(column(list, 6)), median(column(list, 7)), median(column(list, 8)), median(column(list, 9)));
            }
        });
    }

    private static RunResult runOne(String benchmark, CommandLineOptions jmh) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(jmh)
                .include("^dev\\.sluice\\.benchmarks\\." + Pattern.quote(benchmark) + "$").forks(1).build()).run();
        return results.iterator().next();
    }

    private static String shortName(RunResult r) {
        String label = r.getParams().getBenchmark();
        return label.substring("dev.sluice.benchmarks.".length());
    }

    private static String method(String name) {
        return name.substring(name.indexOf('.') + 1);
    }

    private static String allocation(RunResult m, RunResult b) {
        double mb = bytes(m);
        double bb = bytes(b);
        return Double.isNaN(mb) || Double.isNaN(bb) ? "" : String.format("; allocated %.0f B vs %.0f B per op", mb, bb);
    }

    private static double bytes(RunResult r) {
        for (var e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    /** A secondary result of {@link ThreadCpuProfiler} (ns per operation), or NaN without it. */
    private static double secondary(RunResult r, String label) {
        for (var e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith(label)) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    /** CPU time per operation of the threads other than the benchmark's ({@link ThreadCpuProfiler}). */
    private static double others(RunResult r) {
        double sum = 0;
        for (String group : new String[] {"cpu.pool", "cpu.gc", "cpu.jit", "cpu.vm"}) {
            sum += secondary(r, group);
        }
        return sum;
    }

    private static double[] column(List<double[]> rows, int i) {
        return rows.stream().mapToDouble(r -> r[i]).sorted().toArray();
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int intOption(List<String> args, String name, int otherwise) {
        String v = stringOption(args, name, null);
        return v == null ? otherwise : Integer.parseInt(v);
    }

    /** Removes {@code name VALUE} from {@code args} and returns the value, or {@code otherwise} when absent. */
    static String stringOption(List<String> args, String name, String otherwise) {
        int i = args.indexOf(name);
        if (i < 0 || i + 1 >= args.size()) {
            return otherwise;
        }
        String v = args.get(i + 1);
        args.remove(i + 1);
        args.remove(i);
        return v;
    }
}
