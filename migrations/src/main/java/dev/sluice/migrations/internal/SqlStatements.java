package dev.sluice.migrations.internal;

import dev.sluice.connection.Vendor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an SQL script into statements, each with the line it starts on, as the vendor's own client would: outside
 * quotes and comments; PostgreSQL dollar quotes ({@code $$...$$}, {@code $tag$...$tag$}) and the data lines after
 * {@code COPY ... FROM stdin}; MySQL's {@code DELIMITER} command, backslash escapes and {@code #} comments;
 * {@code BEGIN ... END} bodies of triggers, procedures and functions (SQLite triggers, PostgreSQL {@code BEGIN ATOMIC},
 * MySQL compound statements), where semicolons do not end the statement. Used for down scripts, which Sluice runs
 * itself, and to say which statements of a failed MySQL script ran; migrations are run by Flyway's own parser.
 */
public final class SqlStatements {
    /** One statement: the 1-based line it starts on, its text without the delimiter, and COPY data if it has any. */
    public record Statement(int line, String sql, String copyData) {
        /** Whether it is DDL, which MySQL and MariaDB commit at once. */
        public boolean ddl() {
            String first = code().split("[\\s(]+", 2)[0].toUpperCase(Locale.ROOT);
            return DDL.contains(first);
        }

        /** The statement without the comments before it. */
        public String code() {
            return LEADING_COMMENTS.matcher(sql).replaceFirst("");
        }

        /** The statement without leading comments, shortened to one line for messages. */
        public String summary() {
            String s = code().replaceAll("\\s+", " ").strip();
            return s.length() <= 80 ? s : s.substring(0, 77) + "...";
        }
    }

    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(\\s*(--[^\\n]*(\\n|$)|#[^\\n]*(\\n|$)|/\\*.*?\\*/))*\\s*",
            Pattern.DOTALL);
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE", "GRANT", "REVOKE");
    private static final Pattern DELIMITER = Pattern.compile("(?i)DELIMITER[ \\t]+(\\S+)[ \\t]*(?:\\r?\\n|$)");
    private static final Pattern ROUTINE = Pattern.compile("(?is)^\\s*CREATE\\b.*\\b(TRIGGER|PROCEDURE|FUNCTION|EVENT)\\b.*");
    private static final Pattern COPY_STDIN = Pattern.compile("(?is)^\\s*COPY\\b.*\\bFROM\\s+STDIN\\b.*");
    private static final Set<String> NOT_BLOCK_ENDS = Set.of("IF", "LOOP", "WHILE", "REPEAT");

    /**
     * How a vendor's own client splits a script (each {@link MigrationDialect} has one).
     *
     * @param dollarQuotes {@code $$...$$} and {@code $tag$...$tag$} quote (PostgreSQL)
     * @param copyFromStdin data lines up to {@code \.} follow {@code COPY ... FROM stdin} (psql)
     * @param delimiterCommand the {@code DELIMITER} command changes what ends a statement (the mysql client)
     * @param hashComments {@code #} starts a comment (MySQL)
     * @param backslashEscapes a backslash escapes the next character inside string literals (MySQL)
     */
    public record Syntax(boolean dollarQuotes, boolean copyFromStdin, boolean delimiterCommand, boolean hashComments,
            boolean backslashEscapes) {}

    private final String s;
    private final Syntax syntax;
    private final List<Statement> out = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();
    private String delimiter = ";";
    private int i;
    private int line = 1;
    private int startLine;
    private int codeStart;
    private int depth;
    private String previousWord = "";

    private SqlStatements(String script, Syntax syntax) {
        this.s = script;
        this.syntax = syntax;
    }

    /** The statements of {@code script} as {@code vendor}'s client splits them. */
    public static List<Statement> parse(String script, Vendor vendor) {
        return parse(script, MigrationDialect.of(vendor).syntax());
    }

    /** The statements of {@code script} split with {@code syntax}. */
    static List<Statement> parse(String script, Syntax syntax) {
        SqlStatements p = new SqlStatements(script, syntax);
        p.run();
        return p.out;
    }

    private void run() {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (syntax.delimiterCommand() && startLine == 0 && atLineStart() && delimiterCommand()) {
                continue;
            }
            if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-' || syntax.hashComments() && c == '#') {
                copyUntil(s.indexOf('\n', i) < 0 ? n : s.indexOf('\n', i));
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                copyUntil(end < 0 ? n : end + 2);
            } else if (c == '\'' || c == '"' || c == '`') {
                code();
                copyUntil(closingQuote(c));
            } else if (c == '$' && syntax.dollarQuotes() && dollarQuote() != null) {
                code();
                String tag = dollarQuote();
                int close = s.indexOf(tag, i + tag.length());
                copyUntil(close < 0 ? n : close + tag.length());
            } else if (depth == 0 && s.startsWith(delimiter, i)) {
                i += delimiter.length();
                end();
            } else if (Character.isLetter(c) || c == '_') {
                code();
                word();
            } else {
                if (!Character.isWhitespace(c)) {
                    code();
                }
                append(c);
            }
        }
        end();
    }

    private boolean atLineStart() {
        int k = i - 1;
        while (k >= 0 && (s.charAt(k) == ' ' || s.charAt(k) == '\t')) {
            k--;
        }
        return k < 0 || s.charAt(k) == '\n';
    }

    private boolean delimiterCommand() {
        Matcher m = DELIMITER.matcher(s).region(i, s.length());
        if (!m.lookingAt()) {
            return false;
        }
        delimiter = m.group(1);
        countLines(i, m.end());
        i = m.end();
        current.setLength(0);
        return true;
    }

    /** Marks where the statement's code starts (comments and blanks before it do not count). */
    private void code() {
        if (startLine == 0) {
            startLine = line;
            codeStart = current.length();
        }
    }

    /** Reads a word; BEGIN, CASE and END nest inside the body of a trigger, procedure or function. */
    private void word() {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
            i++;
        }
        String w = s.substring(start, i).toUpperCase(Locale.ROOT);
        current.append(s, start, i);
        if (w.equals("BEGIN") && (depth > 0 || routineHeader())) {
            depth++;
        } else if (w.equals("CASE") && depth > 0 && !previousWord.equals("END")) {
            depth++;
        } else if (w.equals("END") && depth > 0 && !NOT_BLOCK_ENDS.contains(nextWord())) {
            depth--;
        }
        previousWord = w;
    }

    private boolean routineHeader() {
        // MySQL with a DELIMITER other than ';' needs no nesting: the delimiter alone ends the statement
        return ";".equals(delimiter) && ROUTINE.matcher(current.subSequence(codeStart, current.length())).matches();
    }

    private String nextWord() {
        int k = i;
        while (k < s.length() && Character.isWhitespace(s.charAt(k))) {
            k++;
        }
        int start = k;
        while (k < s.length() && Character.isLetter(s.charAt(k))) {
            k++;
        }
        return s.substring(start, k).toUpperCase(Locale.ROOT);
    }

    private String dollarQuote() {
        int tagEnd = s.indexOf('$', i + 1);
        if (tagEnd < 0) {
            return null;
        }
        String tag = s.substring(i, tagEnd + 1);
        return tag.substring(1, tag.length() - 1).matches("[A-Za-z_][A-Za-z_0-9]*|") ? tag : null;
    }

    private int closingQuote(char quote) {
        int k = i + 1;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (c == '\\' && syntax.backslashEscapes() && quote != '`') {
                k += 2;
                continue;
            }
            if (c == quote) {
                if (k + 1 < s.length() && s.charAt(k + 1) == quote) {
                    k += 2; // doubled quote inside the literal
                    continue;
                }
                return k + 1;
            }
            k++;
        }
        return s.length();
    }

    private void append(char c) {
        current.append(c);
        if (c == '\n') {
            line++;
        }
        i++;
    }

    private void copyUntil(int end) {
        countLines(i, end);
        current.append(s, i, end);
        i = end;
    }

    private void countLines(int from, int to) {
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                line++;
            }
        }
    }

    private void end() {
        String sql = current.toString().strip();
        String copyData = null;
        if (syntax.copyFromStdin() && COPY_STDIN.matcher(sql).matches()) {
            copyData = copyData();
        }
        if (startLine > 0 && !sql.isEmpty()) {
            out.add(new Statement(startLine, sql, copyData));
        }
        current.setLength(0);
        startLine = 0;
        depth = 0;
        previousWord = "";
    }

    /** The data lines after {@code COPY ... FROM stdin;}, up to the {@code \.} line, which are not SQL. */
    private String copyData() {
        int eol = s.indexOf('\n', i);
        if (eol < 0) {
            return "";
        }
        line++;
        int from = eol + 1;
        StringBuilder data = new StringBuilder();
        int k = from;
        while (k < s.length()) {
            int e = s.indexOf('\n', k);
            String l = s.substring(k, e < 0 ? s.length() : e);
            line++;
            k = e < 0 ? s.length() : e + 1;
            if (l.strip().equals("\\.")) {
                break;
            }
            data.append(l).append('\n');
        }
        i = k;
        return data.toString();
    }
}
