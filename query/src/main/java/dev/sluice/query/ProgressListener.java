package dev.sluice.query;

/** Told how a bulk load goes, table by table, so tools can draw progress bars. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (table, done, total) -> { };

    /**
     * Called after each batch.
     *
     * @param table the table being loaded
     * @param rowsDone rows of this table written so far
     * @param rowsTotal rows of this table to write, or -1 when unknown
     */
    void progress(String table, long rowsDone, long rowsTotal);
}
