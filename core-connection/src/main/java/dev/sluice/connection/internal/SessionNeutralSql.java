package dev.sluice.connection.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises statements that cannot leave anything behind in a server session, so that returning a connection that
 * ran only such statements can skip the session reset (one round trip on PostgreSQL, about 850 µs of Connector/J's
 * {@code resetServerState()} on MariaDB). Deliberately narrow: one plain {@code SELECT} whose every parenthesis follows
 * a keyword or a function known to change nothing ({@code count}, {@code coalesce}, ...). Everything else counts as
 * changing the session: other statement kinds ({@code SET}, {@code CREATE TEMP}, {@code PREPARE}, {@code LOCK}, DML,
 * whose triggers may do anything), {@code SELECT ... INTO}, a call of any other function (a user's function may run
 * {@code set_config}, take an advisory lock or create a temporary table), comments (MySQL runs {@code /*! ... *}{@code /}),
 * several statements at once. A wrong "changed" costs one reset; a wrong "unchanged" would leak state, so every
 * doubt answers "changed".
 */
final class SessionNeutralSql {
    /** Words that may stand before a parenthesis without calling a function, and functions without side effects. */
    private static final Set<String> BEFORE_PARENTHESIS = Set.of(
            // keywords
            "select", "from", "where", "and", "or", "not", "in", "exists", "any", "all", "some", "values", "over", "filter",
            "as", "on", "using", "join", "when", "then", "else", "case", "is", "like", "between", "by", "having", "distinct",
            "union", "intersect", "except", "limit", "offset", "row", "array", "lateral", "within", "group",
            // pure functions jOOQ and applications use in reads
            "cast", "coalesce", "nullif", "count", "sum", "min", "max", "avg", "lower", "upper", "length", "char_length",
            "abs", "round", "floor", "ceil", "greatest", "least", "concat", "substring", "substr", "trim", "extract",
            "ifnull", "nvl", "row_number", "rank", "dense_rank");

    private SessionNeutralSql() {}

    /**
     * Whether {@code sql} is one plain {@code SELECT} that changes nothing in the session (see the class comment).
     *
     * @param sql the statement as the driver receives it
     * @param alsoUnsafe characters that make a statement count as changing the session on this vendor (e.g. MySQL's
     *     {@code @} of user variables), or an empty string
     */
    static boolean isPlainSelect(String sql, String alsoUnsafe) {
        if (sql.indexOf('\\') >= 0) {
            return false; // backslash escapes in strings (MySQL) would make the quotes below end elsewhere
        }
        int n = sql.length();
        int i = skipSpace(sql, 0);
        if (!sql.regionMatches(true, i, "select", 0, 6) || i + 6 < n && isWordChar(sql.charAt(i + 6))) {
            return false;
        }
        String lastWord = null; // the word right before the current position, lower case; null after anything else
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                i = skipQuoted(sql, i, '\'');
                lastWord = null;
            } else if (ch == '"' || ch == '`') {
                int end = skipQuoted(sql, i, ch);
                // a quoted name right before a parenthesis is a function call (a user's)
                int next = skipSpace(sql, end);
                if (next < n && sql.charAt(next) == '(') {
                    return false;
                }
                i = end;
                lastWord = null;
            } else if (isWordChar(ch)) {
                int start = i;
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                lastWord = sql.substring(start, i).toLowerCase(Locale.ROOT);
                if (lastWord.equals("into")) {
                    return false; // SELECT ... INTO: a table, or (MySQL) user variables
                }
            } else if (ch == '(') {
                if (lastWord != null && !BEFORE_PARENTHESIS.contains(lastWord)) {
                    return false;
                }
                lastWord = null;
                i++;
            } else if (ch == ';' || ch == '#' || ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*'
                    || ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || alsoUnsafe.indexOf(ch) >= 0) {
                return false; // several statements, comments (MySQL executes /*! ... */)
            } else if (Character.isWhitespace(ch)) {
                i++; // keeps lastWord: "count (*)" is still count
            } else {
                lastWord = null;
                i++;
            }
        }
        return true;
    }

    private static boolean isWordChar(char ch) {
        return ch == '_' || ch == '$' || Character.isLetterOrDigit(ch);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the quoted text starting at {@code i} (a doubled quote is part of it); the end if unclosed. */
    private static int skipQuoted(String s, int i, char quote) {
        int j = i + 1;
        while (j < s.length()) {
            if (s.charAt(j) == quote) {
                if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return j;
    }
}
