package dev.sluice.connection;

import java.sql.SQLNonTransientConnectionException;

/** New work was asked of a pool that is shutting down or shut down. */
public class ShutdownException extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;

    /**
     * @param pool the pool name
     * @param state the manager's state
     */
    public ShutdownException(String pool, ConnectionState state) {
        super("Pool '" + pool + "' is " + (state == ConnectionState.CLOSED ? "shut down" : "shutting down")
                + ": it accepts no new work", "08003");
    }
}
