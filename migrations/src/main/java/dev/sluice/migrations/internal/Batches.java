package dev.sluice.migrations.internal;

import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.ToLongFunction;

/** Loads rows a batch at a time, so that a seed can tell its progress after each batch. */
public final class Batches {
    /** Rows per batch (and per transaction) when seeding. */
    public static final int SIZE = 500;

    private Batches() {}

    /**
     * Passes {@code rows} to {@code insert} {@value #SIZE} at a time and tells {@code done} how many were passed so far
     * after each call.
     *
     * @return the sum of what {@code insert} returned: rows actually inserted
     */
    public static <T> long insert(List<T> rows, ToLongFunction<List<T>> insert, LongConsumer done) {
        long inserted = 0;
        for (int from = 0; from < rows.size(); from += SIZE) {
            int to = Math.min(rows.size(), from + SIZE);
            inserted += insert.applyAsLong(rows.subList(from, to));
            done.accept(to);
        }
        return inserted;
    }
}
