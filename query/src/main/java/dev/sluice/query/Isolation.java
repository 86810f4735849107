package dev.sluice.query;

import java.sql.Connection;

/**
 * The isolation level of a transaction (see {@link TransactionOptions}). SQLite runs every transaction serializable,
 * which satisfies any level asked for; PostgreSQL runs {@code READ_UNCOMMITTED} as read committed, as the SQL standard
 * allows.
 */
public enum Isolation {
    /** Dirty reads allowed. */
    READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
    /** Each statement sees what was committed before it began. */
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    /** The transaction sees one snapshot (PostgreSQL, MariaDB InnoDB). */
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    /** As if the transactions ran one after the other; expect serialization failures, which are retried. */
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    private final int jdbcLevel;

    Isolation(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    /** The level's {@link Connection} constant. */
    public int jdbcLevel() {
        return jdbcLevel;
    }
}
