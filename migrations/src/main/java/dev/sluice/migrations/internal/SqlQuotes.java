package dev.sluice.migrations.internal;

/** Rewrites the quoting of names in a SQL statement, leaving string literals alone. */
final class SqlQuotes {
    private SqlQuotes() {}

    /** {@code `name`} becomes {@code "name"} (a {@code "} inside doubled); text in {@code '...'} is kept as it is. */
    static String backticksToDoubleQuotes(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean inString = false;
        boolean inName = false;
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            boolean doubled = i + 1 < n && sql.charAt(i + 1) == c;
            if (inString) {
                out.append(c);
                if (c == '\'' && doubled) {
                    out.append(c);
                    i++;
                } else if (c == '\'') {
                    inString = false;
                }
            } else if (inName) {
                if (c == '`' && doubled) {
                    out.append('`');
                    i++;
                } else if (c == '`') {
                    out.append('"');
                    inName = false;
                } else {
                    out.append(c == '"' ? "\"\"" : String.valueOf(c));
                }
            } else if (c == '\'') {
                inString = true;
                out.append(c);
            } else if (c == '`') {
                inName = true;
                out.append('"');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
