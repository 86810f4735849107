package dev.sluice.query;

import dev.sluice.connection.ConfigException;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@link Database#transaction(TransactionOptions, TransactionCallback)} runs a transaction: its isolation level,
 * whether it is read-only, and a timeout for each of its statements. Immutable; checked when built.
 *
 * <pre>{@code
 * TransactionOptions report = TransactionOptions.builder()
 *         .isolation(Isolation.REPEATABLE_READ).readOnly(true).statementTimeout(Duration.ofSeconds(5)).build();
 * long n = db.transaction(report, tx -> tx.fetchCount(ORDERS));
 * }</pre>
 *
 * <p>The options belong to the outermost transaction: a transaction nested in another (a savepoint) runs with the
 * outer one's, and asking a nested one for other options is an error rather than silently ignored.
 *
 * @param isolation the isolation level, or {@code null} for the server's default
 * @param readOnly whether writes are rejected: by the server on PostgreSQL and MariaDB/MySQL
 *     ({@code SET TRANSACTION READ ONLY}), by {@code PRAGMA query_only} on SQLite
 * @param statementTimeout the longest a statement may run, or {@code null} for no limit; PostgreSQL applies it in
 *     milliseconds ({@code SET LOCAL statement_timeout}), MariaDB with {@code max_statement_time} (MySQL:
 *     {@code max_execution_time}, which limits only SELECT), SQLite by cancelling the statement
 *     ({@code sqlite3_interrupt}) when it runs longer
 */
public record TransactionOptions(Isolation isolation, boolean readOnly, Duration statementTimeout) {
    /** The longest statement timeout accepted. */
    public static final Duration MAX_STATEMENT_TIMEOUT = Duration.ofHours(24);

    private static final TransactionOptions DEFAULTS = new TransactionOptions(null, false, null);
    private static final TransactionOptions READ_ONLY = new TransactionOptions(null, true, null);

    /** Checks the values. */
    public TransactionOptions {
        if (statementTimeout != null && (statementTimeout.toMillis() < 1 || statementTimeout.compareTo(MAX_STATEMENT_TIMEOUT) > 0)) {
            throw new ConfigException("transaction.statement-timeout", statementTimeout, "a duration from 1ms to 24h (or none)");
        }
    }

    /** The server's isolation level, read-write, no statement timeout. */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    /** As {@link #defaults()}, read-only. */
    public static TransactionOptions readOnlyDefaults() {
        return READ_ONLY;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The statement timeout, if any. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(statementTimeout);
    }

    /** Builds {@link TransactionOptions}. */
    public static final class Builder {
        private Isolation isolation;
        private boolean readOnly;
        private Duration statementTimeout;

        private Builder() {}

        /** The isolation level ({@code null}: the server's default). */
        public Builder isolation(Isolation level) {
            this.isolation = level;
            return this;
        }

        /** Whether the transaction is read-only. */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** The longest a statement may run, 1ms to 24h ({@code null}: no limit). */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = timeout;
            return this;
        }

        /** The options; checks them. */
        public TransactionOptions build() {
            return new TransactionOptions(isolation, readOnly, statementTimeout);
        }
    }
}
