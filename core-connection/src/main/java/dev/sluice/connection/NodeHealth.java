package dev.sluice.connection;

import java.time.Duration;
import java.time.Instant;

/**
 * The health of one database as of its last check.
 *
 * @param status healthy, unhealthy, or unknown before the first check
 * @param state the manager's lifecycle state at the time
 * @param lastLatency the round trip time of the last successful check, or {@code null}
 * @param consecutiveFailures failed checks in a row since the last success
 * @param lastError the message of the last failure (redacted), or {@code null}
 * @param lastCheck when the last check finished, or {@code null}
 * @param replication the server's place in replication as of the last successful check, for vendors that report it
 *     (PostgreSQL: whether it is in recovery, and its replay lag); {@code null} when unknown
 */
public record NodeHealth(
        HealthStatus status, ConnectionState state, Duration lastLatency, int consecutiveFailures, String lastError, Instant lastCheck,
        ReplicationStatus replication) {

    /** Health without replication information. */
    public NodeHealth(HealthStatus status, ConnectionState state, Duration lastLatency, int consecutiveFailures, String lastError,
            Instant lastCheck) {
        this(status, state, lastLatency, consecutiveFailures, lastError, lastCheck, null);
    }

    /** Whether the status is {@link HealthStatus#HEALTHY}. */
    public boolean isHealthy() {
        return status == HealthStatus.HEALTHY;
    }
}
