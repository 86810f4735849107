package dev.sluice.monitoring.internal;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.NodeHealth;
import java.util.function.Supplier;

/**
 * One database watched by the endpoints: a single database's pool, or one node of a cluster.
 *
 * @param id the node's id (a single database: its pool's name)
 * @param required whether the whole is unhealthy when this node is
 * @param connections the node's pool
 * @param health its health as of the last check
 */
public record MonitoredNode(String id, boolean required, ConnectionManager connections, Supplier<NodeHealth> health) {

    /** The name of the node's pool: the {@code pool} tag of its meters. */
    public String pool() {
        return connections.config().name();
    }
}
