package dev.sluice.migrations.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an SQL script into statements at semicolons that are outside quotes ({@code '...'}, {@code "..."},
 * {@code `...`}), comments ({@code --}, {@code /* *}{@code /}) and PostgreSQL dollar quotes ({@code $$...$$},
 * {@code $tag$...$tag$}). Enough for down scripts, which are DDL; migrations themselves are run by Flyway's own parser.
 */
public final class SqlStatements {
    private SqlStatements() {}

    /** The statements of {@code script}, trimmed, without empty ones and without a trailing semicolon. */
    public static List<String> split(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                int end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
                current.append(script, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                current.append(script, i, end);
                i = end;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(script, i, c);
                current.append(script, i, end);
                i = end;
            } else if (c == '$') {
                int tagEnd = script.indexOf('$', i + 1);
                String tag = tagEnd > i ? script.substring(i, tagEnd + 1) : null;
                if (tag != null && tag.substring(1, tag.length() - 1).matches("[A-Za-z_0-9]*")) {
                    int close = script.indexOf(tag, tagEnd + 1);
                    int end = close < 0 ? n : close + tag.length();
                    current.append(script, i, end);
                    i = end;
                } else {
                    current.append(c);
                    i++;
                }
            } else if (c == ';') {
                add(out, current);
                current.setLength(0);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(out, current);
        return out;
    }

    private static int closingQuote(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '"') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static void add(List<String> out, StringBuilder sb) {
        String statement = sb.toString().strip();
        if (!statement.isEmpty() && !onlyComments(statement)) {
            out.add(statement);
        }
    }

    private static boolean onlyComments(String s) {
        for (String line : s.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                return false;
            }
        }
        return true;
    }
}
