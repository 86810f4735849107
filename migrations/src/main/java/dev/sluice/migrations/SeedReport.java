package dev.sluice.migrations;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What loading a seed did.
 *
 * @param seed the seed's name ({@code demo}, {@code scale}, {@code generate}, or a seed script's file name)
 * @param parameters its parameters ({@code scale=10 seed=42}; for a script its path and checksum)
 * @param alreadyApplied true when the seed history showed it had run before, so nothing was loaded
 * @param rowsInserted rows inserted per table, in load order (for a script: rows changed, under its file name)
 * @param took how long it took
 * @param notFilled tables the generator could not fill (or not fully), with the reason; empty for other seeds
 */
public record SeedReport(String seed, String parameters, boolean alreadyApplied, Map<String, Long> rowsInserted, Duration took,
        Map<String, String> notFilled) {
    /** Copies the maps. */
    public SeedReport {
        rowsInserted = Collections.unmodifiableMap(new LinkedHashMap<>(rowsInserted));
        notFilled = Collections.unmodifiableMap(new LinkedHashMap<>(notFilled));
    }

    /** A report with nothing left unfilled. */
    public SeedReport(String seed, String parameters, boolean alreadyApplied, Map<String, Long> rowsInserted, Duration took) {
        this(seed, parameters, alreadyApplied, rowsInserted, took, Map.of());
    }

    /** Rows inserted in all. */
    public long totalRows() {
        return rowsInserted.values().stream().mapToLong(Long::longValue).sum();
    }
}
