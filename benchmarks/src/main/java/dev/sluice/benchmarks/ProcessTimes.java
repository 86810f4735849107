package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 10, process level (not JMH): wall time and peak resident memory of {@code ./sluice demo} (on a fresh
 * SQLite file each time, so migrations and the seed run every time) and the wall time of {@code ./sluice info} and
 * {@code ./sluice check} on the migrated file, each the median of N runs under {@code /usr/bin/time -v}. The same demo
 * is also timed as {@code java -jar} of the CLI jar, to tell the wrapper script's share from the JVM's. Two unmeasured
 * rounds first, and the wait for the launcher's background assembly of its AOT caches, so that the runs measured are
 * a user's later runs, not the first ones that make the caches.
 *
 * <pre>{@code java -cp benchmarks.jar dev.sluice.benchmarks.ProcessTimes ./sluice RUNS OUT.tsv}</pre>
 */
public final class ProcessTimes {
    /**
     * One measured value and its goal ({@code goal} 0: reported only).
     *
     * @param what the command
     * @param unit {@code s} or {@code MiB}
     * @param median the median of the runs
     * @param low the lowest run
     * @param high the highest run
     * @param goal the most it may be, or 0
     * @param note what it measures
     */
    record Measurement(String what, String unit, double median, double low, double high, double goal, String note) {
        String valueText() {
            return String.format(unit.equals("s") ? "%.2f %s" : "%.0f %s", median, unit);
        }

        String goalText() {
            return goal == 0 ? "—" : String.format(unit.equals("s") ? "≤ %.1f %s" : "≤ %.0f %s", goal, unit);
        }

        boolean met() {
            return median <= goal;
        }

        String detail() {
            return String.format(unit.equals("s") ? "median of runs, %.2f .. %.2f" : "median of runs, %.0f .. %.0f", low, high);
        }

        String line() {
            return String.join("\t", what, unit, Double.toString(median), Double.toString(low), Double.toString(high),
                    Double.toString(goal), note);
        }
    }

    private ProcessTimes() {}

    /** Measures and writes one line per value. */
    public static void main(String[] args) throws Exception {
        Path sluice = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        String javaJar = args.length > 3 ? args[3] : null; // "JAVA CLI_JAR": the demo without the wrapper
        List<Measurement> all = new ArrayList<>();
        double[][] demo = new double[2][runs];
        double[] info = new double[runs];
        double[] check = new double[runs];
        double[] direct = new double[runs];
        warmUp(sluice);
        for (int i = 0; i < runs; i++) {
            Path dir = Files.createTempDirectory("sluice-demo-bench");
            double[] d = timed(dir, sluice.toString(), "demo");
            demo[0][i] = d[0];
            demo[1][i] = d[1];
            String url = "sqlite:" + dir.resolve("sluice-demo.db");
            info[i] = timed(dir, sluice.toString(), "info", "--url", url)[0];
            check[i] = timed(dir, sluice.toString(), "check", "--url", url)[0];
            if (javaJar != null) {
                Path fresh = Files.createTempDirectory("sluice-demo-bench");
                List<String> cmd = new ArrayList<>(Arrays.asList(javaJar.split(" ")));
                cmd.add("demo");
                direct[i] = timed(fresh, cmd.toArray(String[]::new))[0];
            }
        }
        all.add(of("`./sluice demo` wall time", "s", demo[0], 1.0, "fresh SQLite file: connect, migrate, seed, query"));
        all.add(of("`./sluice demo` peak RSS", "MiB", demo[1], 128, "largest process of the run"));
        all.add(of("`./sluice info` wall time", "s", info, 0.5, "migration list of the demo's file"));
        all.add(of("`./sluice check` wall time", "s", check, 0.5, "connect once, server info"));
        if (javaJar != null) {
            all.add(of("`java -jar sluice-cli.jar demo` wall time", "s", direct, 0, "the demo without the wrapper script"));
        }
        Files.write(out, all.stream().map(Measurement::line).toList());
        all.forEach(m -> System.out.println(m.what() + ": " + m.valueText() + " (" + m.detail() + "), goal " + m.goalText()));
    }

    /**
     * Makes the launcher's class caches outside the measurement, as a user's first runs would: on JDK 25+ the first run
     * of each command records, the second assembles its AOT cache in the background ({@code <name>.aot.lock} while it
     * runs), the later ones use it; on older JDKs the first run writes an AppCDS archive.
     */
    private static void warmUp(Path sluice) throws IOException, InterruptedException {
        Path cds = sluice.getParent().resolve("tools/cli/target/cds");
        for (int round = 0; round < 2; round++) {
            Path dir = Files.createTempDirectory("sluice-demo-warm");
            timed(dir, sluice.toString(), "demo");
            String url = "sqlite:" + dir.resolve("sluice-demo.db");
            timed(dir, sluice.toString(), "info", "--url", url);
            timed(dir, sluice.toString(), "check", "--url", url);
        }
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < until && assembling(cds)) {
            Thread.sleep(200);
        }
    }

    private static boolean assembling(Path cds) throws IOException {
        if (!Files.isDirectory(cds)) {
            return false;
        }
        try (var files = Files.walk(cds, 2)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".lock"));
        }
    }

    private static Measurement of(String what, String unit, double[] values, double goal, String note) {
        double[] v = values.clone();
        Arrays.sort(v);
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Measurement(what, unit, median, v[0], v[v.length - 1], goal, note);
    }

    /** Runs a command under {@code /usr/bin/time -v}; returns its wall time in seconds and peak RSS in MiB. */
    static double[] timed(Path dir, String... command) throws IOException, InterruptedException {
        Path stats = Files.createTempFile("sluice-time", ".txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-v", "-o", stats.toString()));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue())
                    + "); see " + stats);
        }
        double wall = Double.NaN;
        double rss = Double.NaN;
        for (String line : Files.readAllLines(stats)) {
            String l = line.trim();
            if (l.startsWith("Elapsed (wall clock) time")) {
                String[] parts = l.substring(l.lastIndexOf(' ') + 1).split(":");
                wall = 0;
                for (String part : parts) {
                    wall = wall * 60 + Double.parseDouble(part);
                }
            } else if (l.startsWith("Maximum resident set size (kbytes):")) {
                rss = Long.parseLong(l.substring(l.indexOf(':') + 1).trim()) / 1024.0;
            }
        }
        Files.deleteIfExists(stats);
        return new double[] {wall, rss};
    }

    /** Reads what {@link #main} wrote. */
    static List<Measurement> read(Path file) throws IOException {
        List<Measurement> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            out.add(new Measurement(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), f[6]));
        }
        return out;
    }
}
