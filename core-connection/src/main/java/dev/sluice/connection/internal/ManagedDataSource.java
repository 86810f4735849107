package dev.sluice.connection.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A {@link DataSource} over a connection manager, for libraries that take one (jOOQ, Flyway). */
public final class ManagedDataSource implements DataSource {
    /** Borrows a connection. */
    @FunctionalInterface
    public interface Borrow {
        /** Borrows a connection. */
        Connection get() throws SQLException;
    }

    private final Borrow borrow;
    private final Object owner;
    private volatile PrintWriter logWriter;

    /**
     * @param borrow how to borrow a connection
     * @param owner what {@code unwrap} returns for its own type
     */
    public ManagedDataSource(Borrow borrow, Object owner) {
        this.borrow = borrow;
        this.owner = owner;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return borrow.get();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Sluice pools use the credentials of their configuration; "
                + "configure another pool for other credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        throw new SQLFeatureNotSupportedException("set connect-timeout in the Sluice configuration instead");
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("Sluice logs through SLF4J");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(owner)) {
            return (T) owner;
        }
        if (iface.isInstance(this)) {
            return (T) this;
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(owner) || iface.isInstance(this);
    }
}
