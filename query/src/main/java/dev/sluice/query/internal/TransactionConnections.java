package dev.sluice.query.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/** The jOOQ connection providers of a database: one that joins the thread's transaction, one bound to a transaction. */
public final class TransactionConnections {
    private TransactionConnections() {}

    /**
     * For {@code db.dsl()}: on a thread running a transaction on {@code pool}, that transaction's connection (so the
     * statement is part of it, as its tenant); elsewhere a connection borrowed from the pool for the statement.
     */
    public static ConnectionProvider joining(Object pool, DataSource dataSource, String poolName) {
        return new ConnectionProvider() {
            @Override
            public Connection acquire() {
                ActiveTransaction t = ActiveTransaction.current(pool);
                if (t != null) {
                    return t.connectionForCurrentThread();
                }
                try {
                    return dataSource.getConnection();
                } catch (SQLException e) {
                    throw new DataAccessException("Cannot borrow a connection from pool '" + poolName + "': " + e.getMessage(), e);
                }
            }

            @Override
            public void release(Connection c) {
                ActiveTransaction t = ActiveTransaction.current(pool);
                if (t != null && t.connection() == c) {
                    return; // the transaction's: it hands the connection back when it ends
                }
                try {
                    c.close();
                } catch (SQLException e) {
                    throw new DataAccessException("Cannot return a connection to pool '" + poolName + "': " + e.getMessage(), e);
                }
            }
        };
    }

    /** For a transaction's own DSLContext: its connection, on its thread only, while it runs. */
    public static ConnectionProvider bound(ActiveTransaction transaction) {
        return new ConnectionProvider() {
            @Override
            public Connection acquire() {
                return transaction.connectionForCurrentThread();
            }

            @Override
            public void release(Connection c) {
                // the transaction hands the connection back when it ends
            }
        };
    }
}
