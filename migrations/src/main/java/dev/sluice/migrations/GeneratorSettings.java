package dev.sluice.migrations;

import dev.sluice.connection.ConfigException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link Seeds#generate} fills: {@code rows} rows in every table (unless set per table; 0 leaves a table out) from
 * the random {@code seed}. The same settings give the same data.
 *
 * <pre>{@code
 * GeneratorSettings s = GeneratorSettings.builder().rows(100).seed(42).table("orders", 500).table("audit_log", 0).build();
 * }</pre>
 */
public final class GeneratorSettings {
    /** The most rows one table may get. */
    public static final int MAX_ROWS = 1_000_000;

    private final int rows;
    private final long seed;
    private final Map<String, Integer> tableRows;

    private GeneratorSettings(Builder b) {
        this.rows = b.rows;
        this.seed = b.seed;
        this.tableRows = Collections.unmodifiableMap(new TreeMap<>(b.tableRows));
    }

    /** A builder: 10 rows per table, seed 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** Rows per table unless set per table. */
    public int rows() {
        return rows;
    }

    /** The random seed. */
    public long seed() {
        return seed;
    }

    /** Rows set per table (lower-case names). */
    public Map<String, Integer> tableRows() {
        return tableRows;
    }

    /** The rows for a table. */
    public int rowsFor(String table) {
        return tableRows.getOrDefault(table.toLowerCase(Locale.ROOT), rows);
    }

    /** As recorded in the seed history: {@code rows=10 seed=1} or {@code rows=10 seed=1 tables=orders=500,reviews=0}. */
    public String parameters() {
        StringBuilder sb = new StringBuilder("rows=").append(rows).append(" seed=").append(seed);
        if (!tableRows.isEmpty()) {
            StringBuilder t = new StringBuilder();
            tableRows.forEach((k, v) -> t.append(t.isEmpty() ? "" : ",").append(k).append('=').append(v));
            sb.append(" tables=").append(t);
        }
        if (sb.length() > 200) {
            // the history column holds 200 characters; many per-table counts are recorded by their digest
            return "rows=" + rows + " seed=" + seed + " tables#" + Integer.toHexString(tableRows.hashCode());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "GeneratorSettings[" + parameters() + "]";
    }

    /** Builds {@link GeneratorSettings}. */
    public static final class Builder {
        private int rows = 10;
        private long seed = 1;
        private final Map<String, Integer> tableRows = new TreeMap<>();

        private Builder() {}

        /** Rows for every table not set with {@link #table}: 0 to {@value GeneratorSettings#MAX_ROWS}. */
        public Builder rows(int rows) {
            this.rows = check("rows", rows);
            return this;
        }

        /** The random seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Rows for one table (0 leaves it out). */
        public Builder table(String table, int rows) {
            if (table == null || table.isBlank()) {
                throw new ConfigException("table", table, "a table name");
            }
            tableRows.put(table.strip().toLowerCase(Locale.ROOT), check("rows of " + table, rows));
            return this;
        }

        /** Rows for one table as {@code TABLE=ROWS} ({@code orders=500}), as the CLI's {@code --table} takes it. */
        public Builder table(String tableEqualsRows) {
            int eq = tableEqualsRows == null ? -1 : tableEqualsRows.lastIndexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--table", tableEqualsRows, "TABLE=ROWS, such as orders=500 (0 leaves a table out)");
            }
            try {
                return table(tableEqualsRows.substring(0, eq), Integer.parseInt(tableEqualsRows.substring(eq + 1).strip()));
            } catch (NumberFormatException e) {
                throw new ConfigException("--table", tableEqualsRows, "TABLE=ROWS with ROWS a whole number from 0 to " + MAX_ROWS);
            }
        }

        private static int check(String what, int n) {
            if (n < 0 || n > MAX_ROWS) {
                throw new ConfigException(what, n, "a whole number from 0 to " + MAX_ROWS);
            }
            return n;
        }

        /** Builds. */
        public GeneratorSettings build() {
            return new GeneratorSettings(this);
        }
    }
}
