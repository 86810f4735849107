package dev.sluice.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns JMH's JSON results (and {@link ProcessTimes}' measurements) into the Markdown table of ratios next to their
 * goals ({@link Goals}), with the machine and the date, and optionally puts it into a page between the markers
 * {@value #START} and {@value #END}.
 *
 * <pre>{@code java -cp benchmarks.jar dev.sluice.benchmarks.Report OUT.md [--docs docs/benchmarks.md] [--mode quick]
 *     results.json... [process.tsv]}</pre>
 */
public final class Report {
    static final String START = "<!-- results:start -->";
    static final String END = "<!-- results:end -->";

    /** One benchmark's result: time per operation and bytes allocated per operation (NaN without {@code -prof gc}). */
    record Score(double score, double error, String unit, double bytes) {}

    private Report() {}

    /** A JMH time per operation ({@code 28.4}, {@code ms/op}) in milliseconds; NaN for a unit that is not a time per operation. */
    static double millis(double score, String unit) {
        return switch (unit) {
            case "s/op" -> score * 1000;
            case "ms/op" -> score;
            case "us/op" -> score / 1000;
            case "ns/op" -> score / 1_000_000;
            default -> Double.NaN;
        };
    }

    /** Writes the report. */
    public static void main(String[] args) throws IOException {
        List<String> rest = new ArrayList<>(List.of(args));
        Path out = Path.of(rest.removeFirst());
        String docs = Ratios.stringOption(rest, "--docs", null);
        String mode = Ratios.stringOption(rest, "--mode", null);
        Map<String, Map<String, Score>> byParams = new LinkedHashMap<>();
        List<ProcessTimes.Measurement> process = new ArrayList<>();
        for (String file : rest) {
            Path p = Path.of(file);
            if (file.endsWith(".json")) {
                read(p, byParams);
            } else {
                process.addAll(ProcessTimes.read(p));
            }
        }
        String table = render(byParams, process, mode);
        Files.writeString(out, table);
        if (docs != null) {
            Path page = Path.of(docs);
            String text = Files.readString(page);
            int s = text.indexOf(START);
            int e = text.indexOf(END);
            if (s < 0 || e < s) {
                throw new IllegalArgumentException(docs + " has no " + START + " ... " + END + " section for the results");
            }
            Files.writeString(page, text.substring(0, s + START.length()) + "\n" + table + text.substring(e));
        }
        System.out.print(table);
    }

    /** Adds the results of one JMH JSON file, by parameters ({@code vendor=mysql}, or empty) and {@code Class.method}. */
    static void read(Path file, Map<String, Map<String, Score>> byParams) throws IOException {
        for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
            String name = run.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            StringBuilder params = new StringBuilder();
            JsonNode ps = run.get("params");
            if (ps != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = ps.properties().iterator(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.append(params.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue().asText());
                }
            }
            JsonNode primary = run.get("primaryMetric");
            double bytes = Double.NaN;
            JsonNode secondary = run.get("secondaryMetrics");
            if (secondary != null) {
                for (Map.Entry<String, JsonNode> e : secondary.properties()) {
                    if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                        bytes = e.getValue().get("score").asDouble();
                    }
                }
            }
            byParams.computeIfAbsent(params.toString(), k -> new LinkedHashMap<>()).put(name, new Score(
                    primary.get("score").asDouble(), primary.get("scoreError").asDouble(Double.NaN), primary.get("scoreUnit").asText(), bytes));
        }
    }

    static String render(Map<String, Map<String, Score>> byParams, List<ProcessTimes.Measurement> process, String mode) {
        StringBuilder md = new StringBuilder();
        md.append("Run: ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(mode == null ? "" : ", `benchmarks/run " + mode + "`").append(". Machine: ").append(machine()).append(".\n\n");
        md.append("| # | measured / baseline | where | ratio | goal | met | Sluice vs baseline | bytes/op (goal ≤ 1.2x) | compares |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        Set<String> missing = new LinkedHashSet<>();
        for (Goals.Goal g : Goals.ALL) {
            boolean any = false;
            for (Map.Entry<String, Map<String, Score>> e : byParams.entrySet()) {
                Score m = e.getValue().get(g.measured());
                Score b = e.getValue().get(g.baseline());
                if (m == null || b == null || !g.appliesTo(e.getKey())) {
                    continue;
                }
                any = true;
                double ratio = g.ratio(m.score(), b.score());
                Boolean met = g.met(ratio, millis(m.score(), m.unit()));
                md.append("| ").append(g.number()).append(" | `").append(g.ratioName()).append("` | ")
                        .append(e.getKey().replaceAll("(^|,)rows=\\d+", "").replaceFirst("^,", "").replace("vendor=", "")).append(" | **")
                        .append(String.format("%.2f", ratio)).append("** | ").append(g.goalText()).append(" | ")
                        .append(met == null ? "" : met ? "yes" : "**no**").append(" | ")
                        .append(String.format("%s ± %s vs %s ± %s %s", num(m.score()), num(m.error()), num(b.score()), num(b.error()), m.unit()))
                        .append(" | ").append(bytes(g, m, b)).append(" | ").append(g.note()).append(" |\n");
            }
            if (!any) {
                missing.add(g.number() + " `" + g.ratioName() + "`");
            }
        }
        for (ProcessTimes.Measurement p : process) {
            md.append("| 10 | ").append(p.what()).append(" | | **").append(p.valueText()).append("** | ").append(p.goalText())
                    .append(" | ").append(p.goalText().equals("—") ? "" : p.met() ? "yes" : "**no**").append(" | ").append(p.detail())
                    .append(" | | ").append(p.note()).append(" |\n");
        }
        if (!missing.isEmpty()) {
            md.append("\nNot in this run: ").append(String.join(", ", missing)).append(".\n");
        }
        return md.toString();
    }

    private static String bytes(Goals.Goal g, Score m, Score b) {
        if (Double.isNaN(m.bytes()) || Double.isNaN(b.bytes())) {
            return "";
        }
        String text = String.format("%.0f vs %.0f", m.bytes(), b.bytes());
        if (!g.memory()) {
            return text;
        }
        boolean met = m.bytes() <= Goals.MEMORY_LIMIT * b.bytes() + 0.5; // 0 vs 0 meets it
        return text + (met ? " (met)" : " (**not met**)");
    }

    private static String num(double d) {
        if (Double.isNaN(d)) {
            return "?";
        }
        return d >= 100 ? String.format("%.0f", d) : d >= 10 ? String.format("%.1f", d) : String.format("%.2f", d);
    }

    /** Processors, CPU model, memory, OS and JDK of this machine, and its load when the report was written. */
    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException ignored) {
            // not Linux: the model stays unknown
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format("%d vCPUs (%s), %d GiB, %s %s, JDK %s %s, load average %.1f", Runtime.getRuntime().availableProcessors(),
                cpu, memory >> 30, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.vendor.version", System.getProperty("java.vendor")), System.getProperty("java.version"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
