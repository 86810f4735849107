package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads YAML configuration into a flat map of dotted keys ({@code pool: {max: 4}} becomes {@code pool.max -> 4}). */
public final class Yaml {
    private Yaml() {}

    /** Parses one YAML document whose root is a mapping; nested mappings are flattened with dots. */
    public static Map<String, Object> flatten(String yaml, String sourceName) {
        Object root = load(yaml, sourceName);
        if (root == null) {
            return Map.of();
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw ConfigException.of("config file", "Invalid YAML in " + sourceName + ": the document must be a mapping of keys "
                    + "(url: ..., pool: ...), not a " + kind(root));
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", map, flat, sourceName);
        return flat;
    }

    /** Parses one YAML document into plain maps, lists and scalars. */
    public static Object load(String yaml, String sourceName) {
        LoadSettings settings = LoadSettings.builder().setLabel(sourceName).setAllowDuplicateKeys(false).build();
        try {
            return new Load(settings).loadFromString(yaml);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)).orElse("");
            throw ConfigException.of("config file", "Invalid YAML in " + sourceName + where + ": " + e.getProblem());
        } catch (YamlEngineException e) {
            throw ConfigException.of("config file", "Invalid YAML in " + sourceName + ": " + firstLine(e.getMessage()));
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> out, String sourceName) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out, sourceName);
            } else {
                if (out.containsKey(key)) {
                    throw ConfigException.of(key, "Key " + key + " is given twice in " + sourceName);
                }
                out.put(key, e.getValue());
            }
        }
    }

    private static String kind(Object o) {
        return o instanceof java.util.List<?> ? "list" : "single value";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
