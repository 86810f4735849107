package dev.sluice.query;

/** Told how a long write goes, so tools can draw progress bars; called on the thread doing the work. */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (table, done, total) -> { };

    /**
     * Rows written so far.
     *
     * @param table the table being written
     * @param rowsDone rows sent to the database so far (skipped ones included)
     * @param rowsTotal rows to write in all, or -1 when not known in advance (a stream)
     */
    void progress(String table, long rowsDone, long rowsTotal);
}
