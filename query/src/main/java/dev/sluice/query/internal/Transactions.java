package dev.sluice.query.internal;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.query.TenantScope;
import dev.sluice.query.TransactionCallback;
import dev.sluice.query.TransactionOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.UUID;
import java.util.function.BiFunction;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a transaction, outermost or nested: borrowing the connection, applying the options and the tenant,
 * savepoints for nested transactions, commit, rollback, and handing the connection back as it was lent.
 */
public final class Transactions {
    private static final Logger LOG = LoggerFactory.getLogger("dev.sluice.query.Database");

    private final ConnectionManager connections;
    private final QueryDialect dialect;
    private final Configuration configuration;
    private final TenantTables tenantTables;
    private final BiFunction<SQLException, Boolean, RuntimeException> commitFailure;

    /**
     * @param configuration the database's jOOQ configuration, derived per transaction with its connection
     * @param tenantTables the tenant tables, read from the schema when the first tenant transaction starts
     * @param commitFailure makes the exception for a failed commit from its cause and whether its outcome is unknown
     */
    public Transactions(ConnectionManager connections, QueryDialect dialect, Configuration configuration, TenantTables tenantTables,
            BiFunction<SQLException, Boolean, RuntimeException> commitFailure) {
        this.connections = connections;
        this.dialect = dialect;
        this.configuration = configuration;
        this.tenantTables = tenantTables;
        this.commitFailure = commitFailure;
    }

    /** The transaction on this database that the current thread runs, or {@code null}. */
    public ActiveTransaction current() {
        return ActiveTransaction.current(connections);
    }

    /**
     * Runs {@code work} as a savepoint inside {@code outer}: when it throws, only its own work is rolled back.
     *
     * @throws IllegalStateException when it asks for another tenant or other options than the outer transaction
     */
    public <T, X extends Exception> T nested(ActiveTransaction outer, TransactionOptions options, UUID tenant, TransactionCallback<T, X> work)
            throws X {
        if (tenant != null && !tenant.equals(outer.tenant())) {
            throw new IllegalStateException("A transaction for tenant " + tenant + " cannot run inside a transaction "
                    + (outer.tenant() == null ? "without a tenant" : "for tenant " + outer.tenant())
                    + " on the same database and thread; run it after the outer transaction ends");
        }
        if (!options.equals(TransactionOptions.defaults()) && !options.equals(outer.options())) {
            throw new IllegalStateException("A nested transaction runs with the options of the outermost one (" + outer.options()
                    + "); it cannot ask for " + options + ". Set them on the outermost transaction");
        }
        Connection c = outer.connectionForCurrentThread();
        Savepoint savepoint;
        try {
            savepoint = c.setSavepoint();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot start a nested transaction (savepoint) on pool '" + poolName() + "': " + e.getMessage(), e);
        }
        T result;
        try {
            result = work.run(DSL.using(configuration.derive(TransactionConnections.bound(outer))));
        } catch (Throwable t) {
            try {
                c.rollback(savepoint);
            } catch (SQLException | RuntimeException e) {
                t.addSuppressed(e);
            }
            throw t;
        }
        try {
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new DataAccessException("Cannot end a nested transaction (release savepoint) on pool '" + poolName() + "': "
                    + e.getMessage(), e);
        }
        return result;
    }

    /** Runs {@code work} as an outermost transaction on a connection of its own, and commits. */
    public <T, X extends Exception> T outermost(TransactionOptions options, UUID tenant, TransactionCallback<T, X> work) throws X {
        Connection c;
        try {
            c = connections.getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("Cannot run a transaction on pool '" + poolName() + "': " + e.getMessage(), e);
        }
        Session session = new Session(c, options);
        T result;
        try {
            result = runAndCommit(session, tenant, work);
        } catch (Throwable t) {
            SQLException cleanup = session.release();
            if (cleanup != null) {
                t.addSuppressed(cleanup);
            }
            throw t;
        }
        // Committed: from here on the outcome is known and final. A connection that breaks while it is handed back
        // is the pool's problem (it evicts it), not the caller's.
        SQLException cleanup = session.release();
        if (cleanup != null) {
            LOG.debug("{}: transaction committed; handing back its connection failed: {}", poolName(), cleanup.getMessage());
        }
        return result;
    }

    private <T, X extends Exception> T runAndCommit(Session session, UUID tenant, TransactionCallback<T, X> work) throws X {
        Connection c = session.connection;
        try {
            session.begin();
            if (tenant != null) {
                tenantTables.load(c);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Cannot start a transaction on pool '" + poolName() + "': " + e.getMessage(), e);
        }
        ActiveTransaction active = ActiveTransaction.begin(connections, c, tenant, session.options);
        T result;
        try {
            // the pool's configuration, bound to this one connection: no settings or listeners are rebuilt per transaction
            DSLContext tx = DSL.using(configuration.derive(TransactionConnections.bound(active)));
            if (tenant != null) {
                try {
                    dialect.enterTenant(c, TenantScope.SETTING, tenant);
                } catch (SQLException e) {
                    throw new DataAccessException("Cannot set the tenant of a transaction on pool '" + poolName() + "': " + e.getMessage(), e);
                }
            }
            result = work.run(tx);
        } catch (Throwable t) {
            active.end();
            rollbackQuietly(c, t);
            throw t;
        }
        active.end();
        try {
            connections.vendor().commit(c);
        } catch (SQLException e) {
            boolean rolledBack = connections.vendor().commitFailureRolledBack(e);
            rollbackQuietly(c, e);
            throw commitFailure.apply(e, !rolledBack);
        }
        return result;
    }

    private String poolName() {
        return connections.config().name();
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private interface Step {
        void run() throws SQLException;
    }

    private static SQLException step(SQLException failure, Step step) {
        try {
            step.run();
            return failure;
        } catch (SQLException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }

    /** A borrowed connection in transaction mode, and what must be undone before it goes back to the pool. */
    private final class Session {
        final Connection connection;
        final TransactionOptions options;
        private int savedIsolation = -1;
        private boolean readOnlySet;
        private boolean timeoutSet;

        Session(Connection connection, TransactionOptions options) {
            this.connection = connection;
            this.options = options;
        }

        void begin() throws SQLException {
            connection.setAutoCommit(false);
            if (options.isolation() != null) {
                int before = connection.getTransactionIsolation();
                if (dialect.applyIsolation(connection, options.isolation())) {
                    savedIsolation = before;
                }
            }
            if (options.readOnly()) {
                readOnlySet = true;
                dialect.beginReadOnly(connection);
            }
            if (options.statementTimeout() != null) {
                timeoutSet = true;
                dialect.beginStatementTimeout(connection, options.statementTimeout());
            }
        }

        /** Leaves auto-commit mode, undoes the options and returns the connection; returns what failed instead of throwing it. */
        SQLException release() {
            SQLException failure = null;
            boolean open;
            try {
                open = !connection.isClosed();
            } catch (SQLException e) {
                open = false;
                failure = e;
            }
            // each step on its own: one failing (sqlite-jdbc after a failed rollback) must not leave the others undone
            if (open) {
                failure = step(failure, () -> {
                    if (!connection.getAutoCommit()) {
                        connection.setAutoCommit(true);
                    }
                });
                failure = readOnlySet ? step(failure, () -> dialect.endReadOnly(connection)) : failure;
                failure = timeoutSet ? step(failure, () -> dialect.endStatementTimeout(connection)) : failure;
                failure = savedIsolation >= 0 ? step(failure, () -> connection.setTransactionIsolation(savedIsolation)) : failure;
            }
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            return failure;
        }
    }
}
