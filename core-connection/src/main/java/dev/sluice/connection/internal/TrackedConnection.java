package dev.sluice.connection.internal;

import dev.sluice.connection.LentConnection;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A pooled connection as lent to a borrower: it delegates everything to the pool's connection and registers the
 * statements it creates with its {@link Lease}, so that a shutdown whose drain time ran out can cancel them. Closing it
 * returns the connection to the pool and then tells the {@link InFlight} registry, which measures how long it was
 * held. Like the pool's own connection, it is meant for one thread at a time (JDBC's contract).
 *
 * <p>When the pool resets sessions on return, it also notes whether anything the borrower ran may have changed the
 * server session (see {@link VendorDescriptor#leavesSessionUnchanged}): the SQL of each prepared statement, and of
 * each plain statement's executions through a {@link TrackedStatement}; calls, {@code setClientInfo} and
 * {@code unwrap} to the driver's own objects count as changes. A borrow that only ran plain selects is returned
 * without the reset's round trip.
 */
public final class TrackedConnection implements Connection, LentConnection {
    /** The SQL a stored procedure call counts as (not a plain select): it may change anything. */
    private static final String CALL = "CALL";
    private final Connection delegate;
    private final InFlight registry;
    private final Lease lease;
    private final int generation;
    // Plain, not volatile: the handle is confined to its borrower's thread (HikariCP's proxy assumes the same), and a
    // volatile write would put a full fence on every return.
    private boolean closed;
    // Whether this borrow created a statement: one that ran none changed nothing the server keeps (HikariCP restores
    // the JDBC-level state), so its session needs no reset.
    private boolean ranStatements;
    // Whether a statement (or a call past this handle) may have changed the server session: only then is the
    // session reset on return; a borrow that ran plain selects needs nothing beyond ending its transaction.
    private boolean sessionChanged;

    TrackedConnection(Connection delegate, InFlight registry, Lease lease, int generation) {
        this.delegate = delegate;
        this.registry = registry;
        this.lease = lease;
        this.generation = generation;
    }

    private <S extends Statement> S track(S s) {
        ranStatements = true;
        lease.track(generation, s);
        return s;
    }

    /** Tracks a prepared statement (or call) whose SQL is known now. */
    private <S extends Statement> S track(S s, String sql) {
        saw(sql);
        return track(s);
    }

    /** Notes SQL this borrow runs: whether it may change the session decides whether the return resets it. */
    void saw(String sql) {
        if (!sessionChanged && !registry.leavesSessionUnchanged(lease, sql)) {
            sessionChanged = true;
        }
    }

    /** Notes that the borrower did something whose effect on the session is unknown (the reset will run). */
    void sessionMayChange() {
        ranStatements = true;
        sessionChanged = true;
    }

    /** A plain statement runs SQL text known only later: wrapped to see it, when the pool resets sessions. */
    private Statement wrap(Statement s) {
        return registry.resetsSessions() ? new TrackedStatement(s, this) : s;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (ranStatements) {
                registry.resetSession(delegate, sessionChanged);
            }
            delegate.close();
        } finally {
            registry.returned(lease);
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return closed || delegate.isClosed();
    }

    @Override
    public String physicalId() {
        try {
            // HikariCP's proxy hands out its driver connection without side effects; this handle's own unwrap would
            // count as a change of the session (below)
            return closed ? "-" : Integer.toHexString(System.identityHashCode(delegate.unwrap(Connection.class)));
        } catch (SQLException e) {
            return "-";
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return (T) this;
        }
        sessionMayChange(); // the driver's own connection can run anything past this handle
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }

    // ---- statements: tracked ----

    @Override
    public Statement createStatement() throws SQLException {
        return wrap(track(delegate.createStatement()));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return wrap(track(delegate.createStatement(resultSetType, resultSetConcurrency)));
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        return wrap(track(delegate.createStatement(type, concurrency, holdability)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return track(delegate.prepareStatement(sql), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return track(delegate.prepareStatement(sql, resultSetType, resultSetConcurrency), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency, int holdability) throws SQLException {
        return track(delegate.prepareStatement(sql, type, concurrency, holdability), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return track(delegate.prepareStatement(sql, autoGeneratedKeys), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return track(delegate.prepareStatement(sql, columnIndexes), sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return track(delegate.prepareStatement(sql, columnNames), sql);
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return track(delegate.prepareCall(sql), CALL);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return track(delegate.prepareCall(sql, resultSetType, resultSetConcurrency), CALL);
    }

    @Override
    public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability) throws SQLException {
        return track(delegate.prepareCall(sql, type, concurrency, holdability), CALL);
    }

    // ---- everything else: plain delegation ----

    @Override
    public String nativeSQL(String sql) throws SQLException {
        return delegate.nativeSQL(sql);
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        delegate.setAutoCommit(autoCommit);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        return delegate.getAutoCommit();
    }

    @Override
    public void commit() throws SQLException {
        delegate.commit();
    }

    @Override
    public void rollback() throws SQLException {
        delegate.rollback();
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        return delegate.getMetaData();
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        delegate.setReadOnly(readOnly);
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        return delegate.isReadOnly();
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        delegate.setCatalog(catalog);
    }

    @Override
    public String getCatalog() throws SQLException {
        return delegate.getCatalog();
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        delegate.setTransactionIsolation(level);
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        return delegate.getTransactionIsolation();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        return delegate.getTypeMap();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        delegate.setTypeMap(map);
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        delegate.setHoldability(holdability);
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return delegate.setSavepoint();
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        return delegate.setSavepoint(name);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        delegate.rollback(savepoint);
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        delegate.releaseSavepoint(savepoint);
    }

    @Override
    public Clob createClob() throws SQLException {
        return delegate.createClob();
    }

    @Override
    public Blob createBlob() throws SQLException {
        return delegate.createBlob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return delegate.createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return delegate.createSQLXML();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        return delegate.isValid(timeout);
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        sessionMayChange(); // pgjdbc sends SET application_name; HikariCP does not restore it
        delegate.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        sessionMayChange();
        delegate.setClientInfo(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        return delegate.getClientInfo(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        return delegate.getClientInfo();
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        return delegate.createArrayOf(typeName, elements);
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        return delegate.createStruct(typeName, attributes);
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        delegate.setSchema(schema);
    }

    @Override
    public String getSchema() throws SQLException {
        return delegate.getSchema();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        delegate.abort(executor);
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        delegate.setNetworkTimeout(executor, milliseconds);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return delegate.getNetworkTimeout();
    }
}
