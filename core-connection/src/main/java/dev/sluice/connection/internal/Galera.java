package dev.sluice.connection.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A MariaDB server that is a node of a Galera cluster ({@code wsrep_on = ON}): synchronous multi-primary replication,
 * where a node serves only while it is {@code Synced} with the group and {@code wsrep_ready = ON}. A node that is a
 * state-transfer donor, desynced, joining or cut off from the primary component answers pings but must not serve:
 * its reads may be stale and its writes refused.
 */
final class Galera {
    private Galera() {}

    /** Whether the server is a Galera node: {@code wsrep_on} is {@code ON} (MySQL has no such variable; plain MariaDB says OFF). */
    static boolean on(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep\\_on'")) {
            return rs.next() && "ON".equalsIgnoreCase(rs.getString(2));
        }
    }

    /**
     * Fails unless a Galera node is {@code Synced} and {@code wsrep_ready = ON}; nothing for other servers.
     *
     * @throws SQLException naming both values, with SQLState {@code 08006} (the node cannot serve, as if disconnected)
     */
    static void requireSynced(Connection c) throws SQLException {
        if (!on(c)) {
            return;
        }
        String state = null;
        String ready = null;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_state_comment', 'wsrep_ready')")) {
            while (rs.next()) {
                if ("wsrep_ready".equalsIgnoreCase(rs.getString(1))) {
                    ready = rs.getString(2);
                } else {
                    state = rs.getString(2);
                }
            }
        }
        if (!"Synced".equalsIgnoreCase(state) || !"ON".equalsIgnoreCase(ready)) {
            throw new SQLException("Galera node not ready to serve: wsrep_local_state_comment=" + state + ", wsrep_ready=" + ready
                    + " (a node serves only when Synced and ready)", "08006");
        }
    }
}
