package dev.sluice.migrations;

import java.time.Duration;
import java.util.Map;

/**
 * What loading a seed did.
 *
 * @param seed the seed's name
 * @param parameters its parameters ({@code scale=10 seed=42})
 * @param alreadyApplied true when the seed history showed it had run before, so nothing was loaded
 * @param rowsInserted rows inserted per table, in load order
 * @param took how long it took
 */
public record SeedReport(String seed, String parameters, boolean alreadyApplied, Map<String, Long> rowsInserted, Duration took) {
    /** Copies the map. */
    public SeedReport {
        rowsInserted = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rowsInserted));
    }

    /** Rows inserted in all. */
    public long totalRows() {
        return rowsInserted.values().stream().mapToLong(Long::longValue).sum();
    }
}
