package dev.sluice.monitoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.connection.ConnectionState;
import dev.sluice.connection.HealthStatus;
import dev.sluice.connection.NodeHealth;
import dev.sluice.connection.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /health/db} answers: every node's health and whether the whole is healthy. It is healthy when every
 * required node is healthy and at least one node is (a single database is one required node): HTTP 200, else 503.
 *
 * @param healthy whether every required node, and at least one node, is healthy
 * @param nodes each node's health, in the configured order
 */
public record HealthReport(boolean healthy, List<Node> nodes) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the list. */
    public HealthReport {
        nodes = List.copyOf(nodes);
    }

    /** The report of {@code nodes}: healthy when every required node is, and at least one node is. */
    public static HealthReport of(List<Node> nodes) {
        boolean anyHealthy = false;
        boolean requiredHealthy = true;
        for (Node n : nodes) {
            anyHealthy |= n.healthy();
            requiredHealthy &= !n.required() || n.healthy();
        }
        return new HealthReport(anyHealthy && requiredHealthy, nodes);
    }

    /** 200 when healthy, else 503. */
    public int httpStatus() {
        return healthy ? 200 : 503;
    }

    /**
     * The JSON body: {@code {"status":"UP"|"DOWN","nodes":[{"node","url","required","status","state","latency_ms",
     * "consecutive_failures","last_error","last_check"}]}}; URLs and errors have their secrets masked.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", healthy ? "UP" : "DOWN");
        ArrayNode list = root.putArray("nodes");
        for (Node n : nodes) {
            ObjectNode o = list.addObject();
            o.put("node", n.node());
            o.put("url", n.url());
            o.put("required", n.required());
            o.put("status", n.status().name());
            o.put("state", n.state() == null ? null : n.state().name());
            if (n.latency() == null) {
                o.putNull("latency_ms");
            } else {
                o.put("latency_ms", n.latency().toNanos() / 1e6);
            }
            o.put("consecutive_failures", n.consecutiveFailures());
            o.put("last_error", n.lastError());
            o.put("last_check", n.lastCheck() == null ? null : n.lastCheck().toString());
        }
        return root.toString();
    }

    /**
     * One node's health.
     *
     * @param node the node's id (for a single database, its pool's name)
     * @param url its URL with the password masked
     * @param required whether the whole is unhealthy when this node is
     * @param status healthy, unhealthy, or unknown before the first check
     * @param state the pool's lifecycle state
     * @param latency the round trip of the last successful check, or {@code null}
     * @param consecutiveFailures failed checks in a row
     * @param lastError the last failure's message with secrets masked, or {@code null}
     * @param lastCheck when the last check finished, or {@code null}
     */
    public record Node(String node, String url, boolean required, HealthStatus status, ConnectionState state, Duration latency,
            int consecutiveFailures, String lastError, Instant lastCheck) {

        /** Masks secrets in the URL and the error, whatever the caller passed. */
        public Node {
            url = url == null ? null : Redaction.redact(url);
            lastError = lastError == null ? null : Redaction.redact(lastError);
        }

        /** A node's report from its health. */
        public static Node of(String node, String url, boolean required, NodeHealth h) {
            return new Node(node, url, required, h.status(), h.state(), h.lastLatency(), h.consecutiveFailures(), h.lastError(),
                    h.lastCheck());
        }

        /** Whether the node is healthy. */
        public boolean healthy() {
            return status == HealthStatus.HEALTHY;
        }
    }
}
