package dev.sluice.connection;

import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One node of a {@link Cluster}: its configuration, its pool ({@link #connections()}), its health, and the role it is
 * routed as ({@link #role()}), which for vendors that report replication is what the server says it is.
 */
public final class ClusterNode {
    private final NodeConfig config;
    private final ConnectionManager connections;
    final Object eventLock = new Object(); // one node's events reach the listeners one at a time, in order
    private volatile NodeRole reported;

    ClusterNode(NodeConfig config, ConnectionManager connections) {
        this.config = config;
        this.connections = connections;
    }

    /** The node's id. */
    public String id() {
        return config.id();
    }

    /** The node's configuration. */
    public NodeConfig config() {
        return config;
    }

    /** The role in the configuration. */
    public NodeRole configuredRole() {
        return config.role();
    }

    /**
     * The role the node is routed as: what its server last reported (a PostgreSQL server in recovery is a replica,
     * else a primary), or the configured role when the vendor does not tell or no check has told yet. A
     * {@link NodeRole#PEER} stays a peer.
     */
    public NodeRole role() {
        NodeRole r = reported;
        return r == null || config.role() == NodeRole.PEER ? config.role() : r;
    }

    /** The node's tags. */
    public Set<String> tags() {
        return config.tags();
    }

    /** Whether the cluster needs this node (see {@link NodeConfig#required()}). */
    public boolean required() {
        return config.required();
    }

    /** The node's pool. */
    public ConnectionManager connections() {
        return connections;
    }

    /** The node's pool as a {@link DataSource}, for libraries (jOOQ, Flyway). */
    public DataSource dataSource() {
        return connections.dataSource();
    }

    /** The node's vendor. */
    public Vendor vendor() {
        return connections.vendor();
    }

    /** The node's health as of its last check (no new check is made). */
    public NodeHealth health() {
        return connections.health();
    }

    /** Whether the last checks found the node healthy. */
    public boolean isHealthy() {
        return health().isHealthy();
    }

    /** The replica's replay lag as of the last check, or {@code null} (a primary, or a vendor that does not tell). */
    public Duration replicationLag() {
        ReplicationStatus r = health().replication();
        return r == null ? null : r.replayLag();
    }

    /**
     * Takes in what a health check found; returns the role change it reveals, or {@code null}.
     */
    ClusterEvent.RoleChange observe(NodeHealth health) {
        ReplicationStatus r = health.replication();
        if (r == null || config.role() == NodeRole.PEER) {
            return null;
        }
        NodeRole now = r.role();
        NodeRole before = role();
        reported = now;
        return now == before ? null : new ClusterEvent.RoleChange(config.role(), before, now);
    }

    @Override
    public String toString() {
        return "ClusterNode[" + id() + " " + role().id() + (role() != config.role() ? " (configured " + config.role().id() + ")" : "")
                + " " + connections.config().redactedUrl() + " " + health().status() + "]";
    }
}
