package dev.sluice.schema;

import java.util.Iterator;
import java.util.List;
import org.jooq.TableRecord;

/**
 * Data to load into the built-in schema, produced without a connection. A seed yields batches of records; within a
 * batch, records come in foreign-key order (organizations, users, forms, submissions, workflows, events), so a loader
 * can insert batch after batch and keep memory bounded however large the seed is. The same seed always yields the same
 * records, ids included.
 */
public interface Seed {
    /** The seed's name, as recorded in the seed history: {@code demo}, {@code scale}. */
    String name();

    /** Its parameters, as recorded in the seed history: {@code scale=10 seed=42}; empty when it has none. */
    String parameters();

    /** The records, batch by batch. */
    Iterator<List<TableRecord<?>>> batches();

    /** How many batches {@link #batches()} yields, or -1 when not known in advance; lets a tool estimate what is left. */
    default long batchCount() {
        return -1;
    }
}
