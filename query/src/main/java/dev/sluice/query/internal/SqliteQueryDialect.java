package dev.sluice.query.internal;

import dev.sluice.connection.Vendor;
import dev.sluice.query.Isolation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jooq.Configuration;
import org.jooq.SQLDialect;

/**
 * SQLite: jOOQ's SQLite dialect; inserts skip existing rows with {@code ON CONFLICT DO NOTHING} (the default); every
 * transaction is serializable; read-only through {@code PRAGMA query_only}; statement timeouts by cancelling the
 * statement when it runs longer, which interrupts it ({@code sqlite3_interrupt}).
 */
final class SqliteQueryDialect extends QueryDialect {
    SqliteQueryDialect() {
        super(Vendor.SQLITE, SQLDialect.SQLITE);
    }

    /** Every SQLite transaction is serializable, which satisfies any level: nothing to set. */
    @Override
    public boolean applyIsolation(Connection c, Isolation level) {
        return false;
    }

    /** {@code PRAGMA query_only}: the connection rejects writes until {@link #endReadOnly}. */
    @Override
    public void beginReadOnly(Connection c) throws SQLException {
        execute(c, "PRAGMA query_only = 1");
    }

    @Override
    public void endReadOnly(Connection c) throws SQLException {
        execute(c, "PRAGMA query_only = 0");
    }

    /** Nothing on the connection: each statement is cancelled when it runs longer (see {@link #withStatementTimeouts}). */
    @Override
    public void beginStatementTimeout(Connection c, Duration timeout) {
        // see withStatementTimeouts
    }

    /** Each statement of a transaction with a timeout is cancelled when it runs longer ({@link JdbcStatementTimeout}). */
    @Override
    public Configuration withStatementTimeouts(Configuration configuration, Object pool) {
        return configuration.deriveAppending(new JdbcStatementTimeout(pool));
    }
}
