package dev.sluice.connection.internal;

import dev.sluice.connection.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, {@code #} comments, an optional {@code export } prefix, values
 * optionally in single quotes (taken literally) or double quotes ({@code \n}, {@code \"} and {@code \\} escapes).
 * Variables already set in the process environment win over the file, as with every dotenv tool.
 */
public final class DotEnv {
    private static final Pattern LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*$");

    private DotEnv() {}

    /** The variables of {@code file}; empty when it does not exist. Errors name the file and line, never a value. */
    public static Map<String, String> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new ConfigException(".env file", file, "a readable file (" + e.getMessage() + ")");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw ConfigException.of(".env file", "Invalid line " + (i + 1) + " in " + file
                        + ": expected KEY=value (a letter or _ first, then letters, digits, _)");
            }
            vars.put(m.group(1), value(m.group(2)));
        }
        return vars;
    }

    /** The process environment with the file's variables added where the process does not set them. */
    public static Map<String, String> merge(Map<String, String> environment, Map<String, String> dotEnv) {
        Map<String, String> merged = new LinkedHashMap<>(dotEnv);
        merged.putAll(environment);
        return merged;
    }

    private static String value(String raw) {
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            return raw.substring(1, raw.length() - 1).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
        }
        int comment = raw.indexOf(" #");
        return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
    }
}
