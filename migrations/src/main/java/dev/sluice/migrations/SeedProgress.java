package dev.sluice.migrations;

/** Told how a seed goes, table by table, so tools can draw progress bars. */
@FunctionalInterface
public interface SeedProgress {
    /** Ignores progress. */
    SeedProgress NONE = (table, done, total) -> { };

    /**
     * Called after each batch.
     *
     * @param table the table being loaded
     * @param rowsDone rows of this table written so far
     * @param rowsTotal rows of this table to write, or -1 when unknown
     */
    void progress(String table, long rowsDone, long rowsTotal);

    /**
     * Called after each of the seed's batches has been written, so a tool can estimate the rows left from the rows
     * so far; does nothing unless overridden.
     *
     * @param batchesDone batches written so far
     * @param batchesTotal the seed's {@code batchCount()}, or -1 when not known
     */
    default void batchDone(long batchesDone, long batchesTotal) {
    }
}
