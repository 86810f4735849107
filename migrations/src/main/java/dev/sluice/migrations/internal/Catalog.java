package dev.sluice.migrations.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what only a vendor's own catalog knows (views, triggers, routines, checks, exact types, enum values,
 * row-level security) into {@link SchemaObjects}: one implementation per vendor, which its {@link MigrationDialect} names.
 */
abstract class Catalog {
    /** A quoted SQL string literal, {@code ''} standing for one quote. */
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    /** {@code col IN ('a', 'b')}, possibly quoted or parenthesised. */
    private static final Pattern IN_LIST = Pattern.compile("^\\(*\\s*[`\"\\[]?(\\w+)[`\"\\]]?\\s*\\)*\\s+IN\\s*\\((.*)\\)\\s*\\)*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** PostgreSQL's rendering: {@code ((col)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))}. */
    private static final Pattern ANY_ARRAY = Pattern.compile("^\\(*\\s*\"?(\\w+)\"?\\)?(?:::[\\w ]+)?\\s*=\\s*ANY\\s*\\(\\(?ARRAY\\[(.*)\\]",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Reads the catalog of the connection's current schema or database. */
    abstract void read(Connection c, SchemaObjects out) throws SQLException;

    /** Runs a query with string parameters and hands each row to {@code row}. */
    static void query(Connection c, String sql, RowHandler row, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    /** One row of a catalog query. */
    @FunctionalInterface
    interface RowHandler {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Records a CHECK condition and, when it restricts one column to a list of values, those values. */
    static void addCheck(SchemaObjects out, String table, String condition) {
        String t = LiveSchema.key(table);
        out.checks.computeIfAbsent(t, k -> new ArrayList<>()).add(SchemaObjects.normalise(condition));
        Collections.sort(out.checks.get(t));
        String body = stripCheck(condition);
        for (Pattern p : new Pattern[] {IN_LIST, ANY_ARRAY}) {
            Matcher m = p.matcher(body);
            if (m.find()) {
                List<String> values = literals(m.group(2));
                if (!values.isEmpty()) {
                    out.enumValues.putIfAbsent(t + "." + LiveSchema.key(m.group(1)), values);
                }
                return;
            }
        }
    }

    /** The string literals in a piece of SQL, in order. */
    static List<String> literals(String sql) {
        List<String> out = new ArrayList<>();
        Matcher m = LITERAL.matcher(sql);
        while (m.find()) {
            out.add(m.group(1).replace("''", "'"));
        }
        return out;
    }

    private static String stripCheck(String condition) {
        String s = condition.strip();
        if (s.regionMatches(true, 0, "CHECK", 0, 5)) {
            s = s.substring(5).strip();
        }
        return s;
    }
}
