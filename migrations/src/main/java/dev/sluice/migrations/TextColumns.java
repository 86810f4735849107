package dev.sluice.migrations;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows in columns as wide as their widest cell, so headers and values line up whatever their lengths: how the CLI and
 * the Maven plugin print the migration list and seed reports (the same tables in both).
 *
 * <pre>{@code
 * TextColumns.of(migrations.info(), migrations.currentVersion()).lines().forEach(System.out::println);
 * }</pre>
 */
public final class TextColumns {
    private static final DateTimeFormatter INSTALLED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final List<String[]> rows = new ArrayList<>();

    /** Starts a table with a header row. */
    public TextColumns(String... header) {
        rows.add(header.clone());
    }

    /**
     * The migration list: version (R for repeatable ones), description, state, when installed (UTC) and whether a down
     * script exists; {@code >} marks the current version, {@code !} a failed one.
     */
    public static TextColumns of(List<MigrationStatus> migrations, String currentVersion) {
        TextColumns table = new TextColumns("", "VERSION", "DESCRIPTION", "STATE", "INSTALLED (UTC)", "DOWN");
        for (MigrationStatus s : migrations) {
            String mark = s.state().isFailed() ? "!" : s.version() != null && s.version().equals(currentVersion) ? ">" : "";
            table.add(mark, s.version() == null ? "R" : s.version(), s.description(), s.state().displayName(),
                    s.installedOn() == null ? null : INSTALLED.format(s.installedOn()), s.hasDownScript() ? "yes" : "no");
        }
        return table;
    }

    /** The rows a seed inserted, table by table. */
    public static TextColumns of(SeedReport seed) {
        TextColumns table = new TextColumns("TABLE", "ROWS");
        seed.rowsInserted().forEach(table::add);
        return table;
    }

    /** Seed scripts: each one's status, rows changed and time. */
    public static TextColumns ofScripts(List<SeedReport> scripts) {
        TextColumns table = new TextColumns("SCRIPT", "STATUS", "ROWS", "TIME");
        for (SeedReport r : scripts) {
            table.add(r.seed(), r.alreadyApplied() ? "unchanged" : "applied", r.alreadyApplied() ? "" : r.totalRows(),
                    r.alreadyApplied() ? "" : r.took().toMillis() + " ms");
        }
        return table;
    }

    /** Adds a row; {@code null} cells print empty. */
    public TextColumns add(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Every row as a line, columns separated by two spaces, without trailing blanks; the header first. */
    public List<String> lines() {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            lines.add(sb.toString().stripTrailing());
        }
        return lines;
    }
}
