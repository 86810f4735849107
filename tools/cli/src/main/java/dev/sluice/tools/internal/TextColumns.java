package dev.sluice.tools.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows in columns as wide as their widest cell, so headers and values line up whatever their lengths. */
final class TextColumns {
    private final List<String[]> rows = new ArrayList<>();

    /** Starts a table with a header row. */
    TextColumns(String... header) {
        rows.add(header);
    }

    /** Adds a row; {@code null} cells print empty. */
    TextColumns add(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Prints every row, columns separated by two spaces, without trailing blanks. */
    void print(PrintStream out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
