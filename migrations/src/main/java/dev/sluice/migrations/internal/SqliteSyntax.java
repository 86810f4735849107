package dev.sluice.migrations.internal;

import java.util.Locale;

/** Rewrites a statement jOOQ rendered for SQLite into the form SQLite and jOOQ's own SQLite reader agree on. */
final class SqliteSyntax {
    private SqliteSyntax() {}

    /**
     * {@code `name`} becomes {@code "name"} (jOOQ's SQLite {@code meta()} does not see a foreign key's name in a stored
     * {@code CREATE TABLE} that quotes with backticks), and the type {@code int} becomes {@code integer} (what SQLite
     * schemas declare, and what makes an {@code INTEGER PRIMARY KEY} the row id). Text in {@code '...'} is kept as it
     * is.
     */
    static String fromJooq(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < n && !(sql.charAt(end) == '\'' && (end + 1 >= n || sql.charAt(end + 1) != '\''))) {
                    end += sql.charAt(end) == '\'' ? 2 : 1;
                }
                out.append(sql, i, Math.min(end + 1, n));
                i = end + 1;
            } else if (c == '`') {
                int end = i + 1;
                StringBuilder name = new StringBuilder();
                while (end < n && !(sql.charAt(end) == '`' && (end + 1 >= n || sql.charAt(end + 1) != '`'))) {
                    name.append(sql.charAt(end));
                    end += sql.charAt(end) == '`' ? 2 : 1;
                }
                out.append('"').append(name.toString().replace("\"", "\"\"")).append('"');
                i = end + 1;
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String word = sql.substring(i, end);
                out.append(word.toLowerCase(Locale.ROOT).equals("int") ? "integer" : word);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
