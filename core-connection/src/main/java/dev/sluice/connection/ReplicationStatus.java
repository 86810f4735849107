package dev.sluice.connection;

import java.time.Duration;

/**
 * What a server said about its place in replication at its last health check, for vendors that tell (PostgreSQL:
 * {@code pg_is_in_recovery()} and the replay lag). A cluster routes by it: a node in recovery is a replica whatever it
 * was configured as, and a replica whose lag exceeds the cluster's {@code max-replica-lag} gets no reads.
 *
 * @param inRecovery whether the server is a replica replaying another server's changes (a PostgreSQL standby)
 * @param replayLag how far behind the replayed changes are ({@code now() - pg_last_xact_replay_timestamp()}, and zero
 *     when everything received has been replayed); {@code null} on a primary, or when the server cannot tell
 */
public record ReplicationStatus(boolean inRecovery, Duration replayLag) {
    /** A primary: not in recovery, no lag. */
    public static final ReplicationStatus PRIMARY = new ReplicationStatus(false, null);

    /** The role the server is in: a {@link NodeRole#REPLICA} in recovery, else a {@link NodeRole#PRIMARY}. */
    public NodeRole role() {
        return inRecovery ? NodeRole.REPLICA : NodeRole.PRIMARY;
    }

    /** Whether the lag is known and longer than {@code max}. */
    public boolean lagExceeds(Duration max) {
        return replayLag != null && replayLag.compareTo(max) > 0;
    }
}
