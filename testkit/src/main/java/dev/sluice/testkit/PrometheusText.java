package dev.sluice.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format (version 0.0.4), for tests of a {@code /metrics} endpoint:
 * anything a Prometheus server would reject, or that the format forbids, fails with the line number and why.
 * Checked: line syntax (metric and label names, label value escapes, float values with {@code NaN}/{@code +Inf},
 * optional integer timestamps), a final newline, at most one {@code HELP} and one {@code TYPE} per family and the
 * {@code TYPE} before its samples, a family's samples together, no sample repeated with the same labels, sample
 * names that fit the type ({@code _total} or not for counters is left free; {@code _bucket}/{@code _sum}/
 * {@code _count} for histograms), and for every histogram series: {@code le} buckets ascending, ending with
 * {@code +Inf}, counts not decreasing, and {@code _count} equal to the {@code +Inf} bucket.
 *
 * <pre>{@code
 * PrometheusText.Scrape s = PrometheusText.parse(body);
 * assertThat(s.value("sluice_pool_connections_max", Map.of("pool", "app"))).isEqualTo(10.0);
 * }</pre>
 */
public final class PrometheusText {
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:\\d+\\.?\\d*(?:[eE][+-]?\\d+)?|\\.\\d+(?:[eE][+-]?\\d+)?|Inf|NaN)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private PrometheusText() {}

    /**
     * One sample.
     *
     * @param name the sample's name ({@code x_bucket} for a histogram {@code x})
     * @param labels its labels, sorted by name
     * @param value its value
     */
    public record Sample(String name, Map<String, String> labels, double value) {}

    /**
     * One metric family.
     *
     * @param name the family's name
     * @param type its {@code TYPE} ({@code untyped} when none was given)
     * @param help its {@code HELP} text, or {@code null}
     * @param samples its samples in order
     */
    public record Family(String name, String type, String help, List<Sample> samples) {}

    /** A parsed scrape: its families by name, in order. */
    public record Scrape(Map<String, Family> families) {
        /** The family {@code name}. @throws AssertionError when there is none */
        public Family family(String name) {
            Family f = families.get(name);
            if (f == null) {
                throw new AssertionError("no metric family " + name + " in the scrape; it has " + families.keySet());
            }
            return f;
        }

        /** The samples named {@code sample} (any family) whose labels include {@code labels}. */
        public List<Sample> samples(String sample, Map<String, String> labels) {
            List<Sample> out = new ArrayList<>();
            for (Family f : families.values()) {
                for (Sample s : f.samples()) {
                    if (s.name().equals(sample) && s.labels().entrySet().containsAll(labels.entrySet())) {
                        out.add(s);
                    }
                }
            }
            return out;
        }

        /** The value of the one sample named {@code sample} whose labels include {@code labels}. @throws AssertionError unless exactly one */
        public double value(String sample, Map<String, String> labels) {
            List<Sample> found = samples(sample, labels);
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " samples " + sample + labels + " in the scrape, expected 1: " + found);
            }
            return found.getFirst().value();
        }
    }

    /**
     * Parses {@code text} strictly.
     *
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static Scrape parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a newline");
        }
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Set<String> closed = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] t = line.split(" ", 4);
                if (t.length >= 3 && (t[1].equals("HELP") || t[1].equals("TYPE"))) {
                    String name = t[2];
                    require(METRIC.matcher(name).matches(), no, "bad metric name '" + name + "'");
                    if (t[1].equals("HELP")) {
                        require(helps.put(name, t.length == 4 ? unescapeHelp(t[3], no) : "") == null, no, "a second HELP for " + name);
                    } else {
                        require(t.length == 4 && TYPES.contains(t[3]), no, "bad TYPE '" + (t.length == 4 ? t[3] : "") + "' for " + name);
                        require(!samples.containsKey(name), no, "TYPE for " + name + " after its samples");
                        require(types.put(name, t[3]) == null, no, "a second TYPE for " + name);
                    }
                    if (current != null && !current.equals(name)) {
                        closed.add(current);
                    }
                    require(!closed.contains(name), no, "metric family " + name + " is split in two");
                    current = name;
                }
                continue;
            }
            Sample s = sample(line, no);
            String family = familyOf(s.name(), types);
            if (current != null && !current.equals(family)) {
                closed.add(current);
            }
            require(!closed.contains(family), no, "the samples of " + family + " are not together");
            current = family;
            require(seen.add(s.name() + s.labels()), no, "sample " + s.name() + s.labels() + " repeated");
            samples.computeIfAbsent(family, k -> new ArrayList<>()).add(s);
        }
        Map<String, Family> families = new LinkedHashMap<>();
        Set<String> names = new java.util.LinkedHashSet<>(types.keySet());
        names.addAll(samples.keySet());
        for (String name : names) {
            String type = types.getOrDefault(name, "untyped");
            List<Sample> list = samples.getOrDefault(name, List.of());
            if (type.equals("histogram")) {
                checkHistogram(name, list);
            }
            families.put(name, new Family(name, type, helps.get(name), List.copyOf(list)));
        }
        return new Scrape(Collections.unmodifiableMap(families));
    }

    /** The family a sample belongs to: a histogram's or summary's suffixed samples belong to it. */
    private static String familyOf(String sample, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String t = types.get(base);
                if ("histogram".equals(t) || ("summary".equals(t) && !suffix.equals("_bucket"))) {
                    return base;
                }
            }
        }
        return sample;
    }

    private static Sample sample(String line, int no) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(METRIC.matcher(name).matches(), no, "bad metric name '" + name + "'");
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                require(i < line.length(), no, "unterminated label set");
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                require(eq > 0, no, "label without '='");
                String label = line.substring(i, eq);
                require(LABEL.matcher(label).matches() && !label.startsWith("__"), no, "bad label name '" + label + "'");
                require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', no, "label value of " + label + " is not quoted");
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; ; j++) {
                    require(j < line.length(), no, "unterminated value of label " + label);
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        require(j + 1 < line.length(), no, "dangling escape in label " + label);
                        char e = line.charAt(++j);
                        require(e == '\\' || e == '"' || e == 'n', no, "bad escape \\" + e + " in label " + label);
                        v.append(e == 'n' ? '\n' : e);
                    } else {
                        v.append(c);
                    }
                }
                require(labels.put(label, v.toString()) == null, no, "label " + label + " repeated");
                i = j + 1;
                require(i < line.length(), no, "unterminated label set");
                if (line.charAt(i) == ',') {
                    i++;
                } else {
                    require(line.charAt(i) == '}', no, "expected ',' or '}' after label " + label);
                }
            }
        }
        require(i < line.length() && line.charAt(i) == ' ', no, "expected a space before the value");
        String[] rest = line.substring(i + 1).split(" ", -1);
        require(rest.length == 1 || rest.length == 2, no, "expected a value and an optional timestamp");
        require(FLOAT.matcher(rest[0]).matches(), no, "bad value '" + rest[0] + "'");
        if (rest.length == 2) {
            require(rest[1].matches("-?\\d+"), no, "bad timestamp '" + rest[1] + "'");
        }
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(rest[0]));
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "+NaN", "-NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }

    private static String unescapeHelp(String help, int no) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < help.length(); i++) {
            char c = help.charAt(i);
            if (c == '\\') {
                require(i + 1 < help.length(), no, "dangling escape in HELP");
                char e = help.charAt(++i);
                require(e == '\\' || e == 'n', no, "bad escape \\" + e + " in HELP");
                b.append(e == 'n' ? '\n' : e);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Buckets per series ascending to +Inf, cumulative, and _count equal to the +Inf bucket. */
    private static void checkHistogram(String name, List<Sample> samples) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name + "_bucket")) {
                String le = s.labels().get("le");
                require(le != null, 0, "histogram " + name + " has a bucket without le");
                Map<String, String> series = new TreeMap<>(s.labels());
                series.remove("le");
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
            } else if (s.name().equals(name + "_count")) {
                counts.put(s.labels(), s.value());
            } else {
                require(s.name().equals(name + "_sum"), 0, "histogram " + name + " has a sample " + s.name());
            }
        }
        require(!buckets.isEmpty(), 0, "histogram " + name + " has no buckets");
        buckets.forEach((series, list) -> {
            double lastLe = Double.NEGATIVE_INFINITY;
            double lastCount = 0;
            for (Sample b : list) {
                double le = parseValue(b.labels().get("le"));
                require(le > lastLe, 0, "histogram " + name + series + ": le " + b.labels().get("le") + " not ascending");
                require(b.value() >= lastCount, 0, "histogram " + name + series + ": bucket counts decrease at le " + b.labels().get("le"));
                lastLe = le;
                lastCount = b.value();
            }
            require(lastLe == Double.POSITIVE_INFINITY, 0, "histogram " + name + series + " does not end with le=\"+Inf\"");
            Double count = counts.get(series);
            require(count != null && count == lastCount, 0, "histogram " + name + series + ": _count " + count
                    + " is not the +Inf bucket's " + lastCount);
        });
    }

    private static void require(boolean ok, int line, String why) {
        if (!ok) {
            throw new IllegalArgumentException((line > 0 ? "line " + line + ": " : "") + why);
        }
    }
}
