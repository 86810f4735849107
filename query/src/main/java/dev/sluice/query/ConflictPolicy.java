package dev.sluice.query;

/** What {@link Database#bulkInsert} does with a row whose key already exists in the table. */
public enum ConflictPolicy {
    /** The whole load fails and nothing of it stays (the default): a duplicate key is an error like any other. */
    FAIL,
    /**
     * The row is skipped and the others are loaded: rows whose primary key exists (on MySQL and MariaDB: whose primary
     * or any unique key exists). Any other failure (a foreign key, a check, a NOT NULL) still fails the load. Needs a
     * table with a primary key. On PostgreSQL the rows are copied into a temporary staging table first and moved with
     * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}.
     */
    SKIP_EXISTING
}
