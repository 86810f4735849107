package dev.sluice.query;

import java.time.Duration;
import java.util.List;

/**
 * What one SQL statement run by {@link SqlStatement} gave: the rows of a query, or the rows changed by an update.
 * Values are plain Java values fit for printing and JSON: strings, numbers, booleans, {@code null}; dates and times
 * in ISO-8601; binary as {@code \x} and hex; arrays as lists; any other type as its text.
 *
 * @param columns the result's column labels, in order (empty for an update)
 * @param rows the rows, each with one value per column (at most the statement's row limit)
 * @param updateCount rows changed by an insert, update or delete; -1 for a query
 * @param truncated whether the query had more rows than the row limit (the rest were not read)
 * @param elapsed how long the statement took, from sending it to reading its last row
 */
public record StatementResult(List<String> columns, List<List<Object>> rows, long updateCount, boolean truncated, Duration elapsed) {
    /** Copies the lists. */
    public StatementResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** Whether the statement returned rows (a query) rather than an update count. */
    public boolean isQuery() {
        return updateCount < 0;
    }
}
