package dev.sluice.tools.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sluice.connection.HealthLatency;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeHealth;
import dev.sluice.connection.NodeRole;
import dev.sluice.connection.PoolStats;
import dev.sluice.connection.ReplicationStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;

/**
 * How {@code health} and {@code stats} show a cluster: one line (or JSON object) per node, and the exit code rule:
 * 1 when a required node is unhealthy, or no node is healthy at all.
 */
final class ClusterReport {
    private ClusterReport() {}

    /** One node's health in {@code --json}: its id, URL, roles, whether it is required, and its health. */
    record NodeLine(String node, String url, String role, String configuredRole, boolean required, @JsonUnwrapped NodeHealth health) {
        static NodeLine of(NodeConfig n, NodeHealth h) {
            return new NodeLine(n.id(), n.connection().redactedUrl(), ClusterReport.role(n, h).id(), n.role().id(), n.required(), h);
        }
    }

    /** One node's pool in {@code --json}. */
    record PoolLine(String node, String url, String role, boolean required, String state, PoolStats pool, HealthLatency healthLatency) {}

    /** The role the node is in: what its server reports, else what it is configured as (a peer stays a peer). */
    static NodeRole role(NodeConfig n, NodeHealth h) {
        ReplicationStatus r = h.replication();
        return r == null || n.role() == NodeRole.PEER ? n.role() : r.role();
    }

    /** The text line of one node's health. */
    static String healthText(NodeConfig n, NodeHealth h) {
        NodeRole role = role(n, h);
        String roles = role == n.role() ? role.id() : role.id() + " (configured " + n.role().id() + ")";
        StringBuilder sb = new StringBuilder(String.format("%-16s %-9s %-8s", n.id(), h.status(), roles));
        sb.append("  latency=").append(ms(h.lastLatency()));
        Duration lag = h.replication() == null ? null : h.replication().replayLag();
        sb.append("  lag=").append(ms(lag));
        sb.append("  consecutive_failures=").append(h.consecutiveFailures());
        if (n.required()) {
            sb.append("  required");
        }
        if (h.lastError() != null && !h.isHealthy()) {
            sb.append("  last_error=").append(h.lastError().replace('\n', ' '));
        }
        return sb.toString();
    }

    /** 1 when a required node is unhealthy or none is healthy, else 0. */
    static int exitCode(Collection<NodeConfig> nodes, java.util.function.Function<String, NodeHealth> health) {
        boolean anyHealthy = false;
        for (NodeConfig n : nodes) {
            boolean healthy = health.apply(n.id()).isHealthy();
            anyHealthy |= healthy;
            if (n.required() && !healthy) {
                return dev.sluice.tools.Sluice.FAILED;
            }
        }
        return anyHealthy ? 0 : dev.sluice.tools.Sluice.FAILED;
    }

    static String ms(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.2fms", d.toNanos() / 1e6);
    }
}
