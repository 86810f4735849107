package dev.sluice.query;

import dev.sluice.connection.ConfigException;

/**
 * How {@link Database#bulkInsert} loads rows: what happens to rows whose key exists, how many rows go to the server at
 * a time, and who is told the progress. Immutable; built with {@link #builder()}, each value checked when set.
 *
 * <pre>{@code
 * BulkOptions options = BulkOptions.builder().conflict(ConflictPolicy.SKIP_EXISTING).batchSize(5_000)
 *         .progress((table, done, total) -> System.out.printf("%s: %d of %d%n", table, done, total)).build();
 * }</pre>
 *
 * @param conflict what to do with a row whose key exists (default {@link ConflictPolicy#FAIL})
 * @param batchSize rows per multi-row batch on MySQL, MariaDB and SQLite, and rows between progress reports
 *     everywhere (default 1000; 1 to 100000)
 * @param progress told the rows written after each batch and at the end (default {@link ProgressListener#NONE})
 */
public record BulkOptions(ConflictPolicy conflict, int batchSize, ProgressListener progress) {
    /** The default rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 1000;
    /** The largest batch allowed. */
    public static final int MAX_BATCH_SIZE = 100_000;

    /** Checks the values. */
    public BulkOptions {
        if (conflict == null) {
            throw new ConfigException("bulk.conflict", null, "one of FAIL, SKIP_EXISTING");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new ConfigException("bulk.batch-size", batchSize, "must be an integer from 1 to " + MAX_BATCH_SIZE);
        }
        if (progress == null) {
            throw new ConfigException("bulk.progress", null, "a ProgressListener (ProgressListener.NONE to ignore progress)");
        }
    }

    /** Fail on existing keys, batches of {@value #DEFAULT_BATCH_SIZE} rows, no progress reports. */
    public static BulkOptions defaults() {
        return new BulkOptions(ConflictPolicy.FAIL, DEFAULT_BATCH_SIZE, ProgressListener.NONE);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().conflict(conflict).batchSize(batchSize).progress(progress);
    }

    /** Builds {@link BulkOptions}; each value is checked when set. */
    public static final class Builder {
        private ConflictPolicy conflict = ConflictPolicy.FAIL;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {}

        /** What to do with a row whose key exists. */
        public Builder conflict(ConflictPolicy policy) {
            this.conflict = new BulkOptions(policy, batchSize, progress).conflict;
            return this;
        }

        /** Rows per batch, 1 to {@value BulkOptions#MAX_BATCH_SIZE}. */
        public Builder batchSize(int rows) {
            this.batchSize = new BulkOptions(conflict, rows, progress).batchSize;
            return this;
        }

        /** Who is told the progress. */
        public Builder progress(ProgressListener listener) {
            this.progress = new BulkOptions(conflict, batchSize, listener).progress;
            return this;
        }

        /** The options. */
        public BulkOptions build() {
            return new BulkOptions(conflict, batchSize, progress);
        }
    }
}
