package dev.sluice.connection;

/** The health of one database as the health checker last saw it. */
public enum HealthStatus {
    /** No check has finished yet. */
    UNKNOWN,
    /**
     * The last check succeeded, or fewer checks than the threshold have failed in a row since (the lifecycle state is
     * then {@link ConnectionState#DEGRADED}).
     */
    HEALTHY,
    /** As many checks as the threshold failed in a row. */
    UNHEALTHY
}
