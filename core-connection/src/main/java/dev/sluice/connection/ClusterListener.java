package dev.sluice.connection;

/**
 * Receives the events of a {@link Cluster}, the cluster's counterpart of {@link ConnectionListener}: every method has
 * an empty default, so a listener implements only what it needs; {@link #onEvent} is called for every event, before
 * the typed method. A node's events arrive one at a time and in the order they happened. Listeners are called on the
 * cluster's and the nodes' threads and should return quickly; one that throws is logged and does not disturb the
 * cluster or other listeners.
 */
public interface ClusterListener {
    /** Every event, before the typed method below. */
    default void onEvent(ClusterEvent event) {}

    /** {@value ClusterEvent#NODE_ADDED}: a node joined the cluster. */
    default void onNodeAdded(ClusterNode node) {}

    /** {@value ClusterEvent#NODE_REMOVED}: a node left the cluster; its health checks stopped and its pool is closed. */
    default void onNodeRemoved(ClusterNode node, ShutdownReport report) {}

    /** {@value ClusterEvent#NODE_HEALTH}: a node's health after a check. */
    default void onNodeHealth(ClusterNode node, NodeHealth health) {}

    /** {@value ClusterEvent#NODE_CONNECTED}: a node's pool works, after its first connect or a reconnect. */
    default void onNodeConnected(ClusterNode node, ServerInfo server) {}

    /** {@value ClusterEvent#NODE_DISCONNECTED}: a node was lost (now {@code RECONNECTING}) or its pool was closed. */
    default void onNodeDisconnected(ClusterNode node, ConnectionState state) {}

    /** {@value ClusterEvent#POOL_STATS}: a node's pool statistics, at the health interval. */
    default void onPoolStats(ClusterNode node, PoolStats stats) {}

    /**
     * {@value ClusterEvent#NODE_ROLE}: the server of a node reports another role than the node was routed as (a promoted
     * replica, a demoted primary); from now on it is routed as what it reports.
     */
    default void onRoleChanged(ClusterNode node, ClusterEvent.RoleChange change) {}
}
