package dev.sluice.query;

import org.jooq.DSLContext;

/**
 * Work done in one transaction; its exception type travels through {@link Database#transaction}.
 *
 * @param <T> the result
 * @param <X> the checked exception the work may throw
 */
@FunctionalInterface
public interface TransactionCallback<T, X extends Exception> {
    /**
     * Runs the work.
     *
     * @param tx a {@link DSLContext} bound to the transaction's connection
     */
    T run(DSLContext tx) throws X;
}
