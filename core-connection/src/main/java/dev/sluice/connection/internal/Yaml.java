package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * The one way Sluice reads YAML configuration (a database's {@code sluice.yaml}, a cluster's file, profiles): a tree of
 * {@link Value}s that each know their line and their path ({@code nodes[1].pool.max}), so every error can name the
 * file, the line and the field; {@code ${VAR}} and {@code ${VAR:-default}} in values are replaced from the environment
 * as the file is read (a reference to a variable that is not set, without a default, fails naming the line); duplicate
 * keys are rejected. Values stay text: the settings that own a key parse and check it.
 */
public final class Yaml {
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private Yaml() {}

    /** A value read from YAML, with where it stands. */
    public sealed interface Value permits Scalar, Mapping, Sequence {
        /** The 1-based line the value starts on. */
        int line();

        /** Where the value is in the document: {@code pool.max}, {@code nodes[1].id}; empty for the root. */
        String path();

        /** The file (or other source) the value was read from. */
        String source();

        /** Where the value came from, for messages: {@code cluster.yaml line 12: nodes[1].pool.max}. */
        default String origin() {
            return source() + " line " + line() + (path().isEmpty() ? "" : ": " + path());
        }

        /** A word for the kind of value, for messages: a mapping, a list, a single value. */
        String kind();
    }

    /**
     * A single value, as text with {@code ${VAR}} references replaced.
     *
     * @param text the text, or {@code null} for an empty value ({@code key:}, {@code ~})
     */
    public record Scalar(String text, int line, String path, String source) implements Value {
        @Override
        public String kind() {
            return "single value";
        }
    }

    /** A mapping of keys to values, in the order written. */
    public record Mapping(Map<String, Value> entries, int line, String path, String source) implements Value {
        /** Compact constructor: keeps the order, read-only. */
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** The value of {@code key}, if present. */
        public Optional<Value> get(String key) {
            return Optional.ofNullable(entries.get(key));
        }

        /**
         * The leaves of this mapping under dotted keys relative to it ({@code pool: {max: 4}} gives {@code pool.max});
         * lists are leaves. A key written both nested and dotted ({@code pool: {max: 1}} and {@code pool.max: 2})
         * is rejected.
         */
        public Map<String, Value> flatten() {
            Map<String, Value> out = new LinkedHashMap<>();
            flattenInto("", this, out);
            return out;
        }

        private static void flattenInto(String prefix, Mapping m, Map<String, Value> out) {
            for (Map.Entry<String, Value> e : m.entries.entrySet()) {
                String key = prefix + e.getKey();
                if (e.getValue() instanceof Mapping nested) {
                    flattenInto(key + ".", nested, out);
                } else {
                    Value previous = out.put(key, e.getValue());
                    if (previous != null) {
                        throw ConfigException.of(key, "Key " + key + " is given twice in " + m.source + " (lines " + previous.line()
                                + " and " + e.getValue().line() + "); give it once");
                    }
                }
            }
        }

        @Override
        public String kind() {
            return "mapping";
        }
    }

    /** A list of values. */
    public record Sequence(List<Value> items, int line, String path, String source) implements Value {
        /** Compact constructor: read-only. */
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "list";
        }
    }

    /**
     * Reads a YAML file, replacing {@code ${VAR}} references from {@code env} ({@code null}: left as written).
     *
     * @throws ConfigException when the file is missing or unreadable, or its YAML is invalid (naming the line)
     */
    public static Value readFile(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file", file, "an existing, readable YAML file");
        } catch (IOException e) {
            throw new ConfigException("config file", file, "a readable YAML file (" + e.getMessage() + ")");
        }
        return read(text, file.toString(), env);
    }

    /**
     * Reads one YAML document, replacing {@code ${VAR}} references from {@code env}; an empty document is an empty
     * mapping.
     *
     * @param sourceName names the document in messages (a file name)
     * @throws ConfigException when the YAML is invalid, a key repeats, or a variable is not set (naming the line)
     */
    public static Value read(String yaml, String sourceName, Map<String, String> env) {
        LoadSettings settings = LoadSettings.builder().setLabel(sourceName).build();
        Optional<Node> root;
        try {
            root = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml))).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
            throw ConfigException.of("config file", "Invalid YAML in " + sourceName + where + ": " + e.getProblem());
        } catch (YamlEngineException e) {
            throw ConfigException.of("config file", "Invalid YAML in " + sourceName + ": " + firstLine(e.getMessage()));
        }
        if (root.isEmpty()) {
            return new Mapping(Map.of(), 1, "", sourceName);
        }
        return convert(root.get(), "", sourceName, env);
    }

    /**
     * Reads a document whose root must be a mapping ({@code url: ..., pool: ...}).
     *
     * @throws ConfigException as {@link #read}, and when the root is a list or a single value
     */
    public static Mapping readMapping(String yaml, String sourceName, Map<String, String> env) {
        return documentMapping(read(yaml, sourceName, env));
    }

    /**
     * The root of a document that must be a mapping ({@code url: ..., pool: ...}).
     *
     * @throws ConfigException when it is a list or a single value
     */
    public static Mapping documentMapping(Value root) {
        if (root instanceof Mapping m) {
            return m;
        }
        throw ConfigException.of("config file", "Invalid YAML in " + root.source() + ": the document must be a mapping of keys "
                + "(url: ..., pool: ...), not a " + root.kind());
    }

    private static Value convert(Node node, String path, String source, Map<String, String> env) {
        int line = node.getStartMark().map(Mark::getLine).orElse(0) + 1;
        if (node instanceof ScalarNode s) {
            String text = s.getTag().equals(Tag.NULL) ? null : s.getValue();
            return new Scalar(interpolate(path, text, env, source + " line " + line + (path.isEmpty() ? "" : ": " + path)), line,
                    path, source);
        }
        if (node instanceof SequenceNode seq) {
            List<Value> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(convert(item, path + "[" + items.size() + "]", source, env));
            }
            return new Sequence(items, line, path, source);
        }
        MappingNode map = (MappingNode) node;
        Map<String, Value> entries = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            Node keyNode = t.getKeyNode();
            int keyLine = keyNode.getStartMark().map(Mark::getLine).orElse(0) + 1;
            if (!(keyNode instanceof ScalarNode k) || k.getTag().equals(Tag.NULL)) {
                throw ConfigException.of(path.isEmpty() ? "config file" : path, "Invalid YAML in " + source + " at line " + keyLine
                        + ": a key must be a name, not a " + (keyNode instanceof ScalarNode ? "null" : "list or mapping"));
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            Value previous = entries.get(key);
            if (previous != null) {
                throw ConfigException.of(childPath, "Key " + childPath + " is given twice in " + source + " (lines "
                        + (previous.line()) + " and " + keyLine + "); give it once");
            }
            entries.put(key, convert(t.getValueNode(), childPath, source, env));
        }
        return new Mapping(entries, line, path, source);
    }

    /**
     * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in {@code value} with environment values; with a
     * {@code null} environment, the value is left as written (to look at a file's shape without resolving it).
     *
     * @param key the key, named in the error (a password's value is masked there)
     * @param origin where the value came from, named in the error
     * @throws ConfigException when a variable without a default is not set
     */
    public static String interpolate(String key, String value, Map<String, String> env, String origin) {
        if (value == null || env == null || !value.contains("${")) {
            return value;
        }
        Matcher m = VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                if (m.group(2) == null) {
                    throw new ConfigException(key.isEmpty() ? "value" : key, value, "environment variable " + m.group(1)
                            + " is not set (write ${" + m.group(1) + ":-default} for a default)", origin);
                }
                v = m.group(2);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
