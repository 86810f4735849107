package dev.sluice.connection;

import java.time.Instant;

/**
 * One event of a {@link Cluster}, as every {@link ClusterListener} receives it in {@link ClusterListener#onEvent}
 * before the typed method: the type ({@code node:added}...), the node, when, and what the event carries. Events of one
 * node arrive in the order they happened.
 *
 * @param type one of the constants of this type ({@value #NODE_ADDED}, {@value #NODE_HEALTH}...)
 * @param node the node's id
 * @param at when the event happened
 * @param detail what it carries: the {@link ClusterNode} ({@value #NODE_ADDED}), the {@link ShutdownReport}
 *     ({@value #NODE_REMOVED}), the {@link NodeHealth} ({@value #NODE_HEALTH}), the {@link ServerInfo}
 *     ({@value #NODE_CONNECTED}), the {@link ConnectionState} it is in ({@value #NODE_DISCONNECTED}), the
 *     {@link PoolStats} ({@value #POOL_STATS}), or the {@link RoleChange} ({@value #NODE_ROLE})
 */
public record ClusterEvent(String type, String node, Instant at, Object detail) {
    /** A node joined the cluster (at {@code initialize()} or {@code addNode}). */
    public static final String NODE_ADDED = "node:added";
    /** A node left the cluster; its pool is closed. */
    public static final String NODE_REMOVED = "node:removed";
    /** A node's health after a check. */
    public static final String NODE_HEALTH = "node:health";
    /** A node's pool works: after its first connect, or after it reconnected. */
    public static final String NODE_CONNECTED = "node:connected";
    /** A node was lost (found unhealthy and reconnecting) or its pool closed. */
    public static final String NODE_DISCONNECTED = "node:disconnected";
    /** A node's pool statistics, at the health interval. */
    public static final String POOL_STATS = "pool:stats";
    /** A node turned out to be, or became, something else than it was taken for (a promoted replica). */
    public static final String NODE_ROLE = "node:role";

    /**
     * A node's role as found on the server differs from what it was taken for.
     *
     * @param configured the role in the configuration
     * @param from the role the node was routed as until now
     * @param to the role the server reports now
     */
    public record RoleChange(NodeRole configured, NodeRole from, NodeRole to) {}
}
