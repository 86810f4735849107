package dev.sluice.connection;

/**
 * What a connection lent by a {@link ConnectionManager} answers about itself, reached through JDBC's
 * {@code connection.unwrap(LentConnection.class)} (also through wrappers such as jOOQ's that delegate {@code unwrap}).
 * Unlike unwrapping to the driver's own connection, which the pool must treat as a possible change of the server
 * session (and so reset the session when the connection is returned), asking this changes nothing: a statement log
 * can name the connection of every statement without costing the borrow its clean return.
 */
public interface LentConnection {
    /**
     * A short, stable name of the physical connection behind this handle: the same for every borrow of that
     * connection while the pool holds it, and different for connections the pool holds at the same time. It names
     * nothing on the server (not a backend process id); it is for telling connections apart in logs.
     *
     * @return a few hexadecimal digits, or {@code "-"} when the connection is already closed
     */
    String physicalId();
}
