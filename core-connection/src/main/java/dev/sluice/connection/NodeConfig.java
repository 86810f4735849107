package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One node of a {@link ClusterConfig}: its id, what it is for, its tags, whether the cluster needs it to start, and
 * the {@link ConnectionConfig} of its pool (URL, credentials, TLS, pool settings). Immutable and checked when built.
 *
 * <pre>{@code
 * NodeConfig replica = NodeConfig.builder("replica-1")
 *         .role(NodeRole.REPLICA)
 *         .tags("eu-west")
 *         .connection(ConnectionConfig.builder().url("postgres://app@127.0.0.1:5433/app").build())
 *         .build();
 * }</pre>
 *
 * @param id the node's id, unique in its cluster: 1 to 63 letters, digits, '_', '.', ':' or '-'
 * @param role what the node is configured as; for vendors that report replication, the cluster checks it (see
 *     {@link ClusterNode#role()})
 * @param tags free-form labels ({@code eu-west}, {@code analytics}) to select nodes by
 * @param required whether {@link Cluster#initialize()} fails when the node cannot be reached, and the CLI exits 1 when
 *     it is unhealthy; a node that is not required starts in the background and joins when it answers
 * @param connection how its pool connects
 */
public record NodeConfig(String id, NodeRole role, Set<String> tags, boolean required, ConnectionConfig connection) {
    /** Checks each value. */
    public NodeConfig {
        checkId(id);
        Checks.notNull("role", role, "one of primary, replica, peer");
        tags = Set.copyOf(new LinkedHashSet<>(Checks.notNull("tags", tags, "a set of tags (may be empty)")));
        for (String t : tags) {
            if (t == null || t.isBlank()) {
                throw new ConfigException("tags", t, "non-blank tags");
            }
        }
        Checks.notNull("connection", connection, "the node's connection configuration");
    }

    /** A node with no tags, not required. */
    public static NodeConfig of(String id, NodeRole role, ConnectionConfig connection) {
        return new NodeConfig(id, role, Set.of(), false, connection);
    }

    /** A builder for node {@code id}: a peer with no tags, not required, until set otherwise. */
    public static Builder builder(String id) {
        return new Builder(checkId(id));
    }

    /** A builder holding these values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.role = role;
        b.tags.addAll(tags);
        b.required = required;
        b.connection = connection;
        return b;
    }

    /** Whether the node carries {@code tag}. */
    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    private static String checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9_.:-]{1,63}")) {
            throw new ConfigException("id", id, "1 to 63 letters, digits, '_', '.', ':' or '-'");
        }
        return id;
    }

    @Override
    public String toString() {
        return "NodeConfig[" + id + " " + role.id() + (tags.isEmpty() ? "" : " tags=" + tags) + (required ? " required" : "") + " "
                + connection + "]";
    }

    /** Builds a {@link NodeConfig}. */
    public static final class Builder {
        private final String id;
        private NodeRole role = NodeRole.PEER;
        private final Set<String> tags = new LinkedHashSet<>();
        private boolean required;
        private ConnectionConfig connection;

        private Builder(String id) {
            this.id = id;
        }

        /** What the node is for. */
        public Builder role(NodeRole role) {
            this.role = Checks.notNull("role", role, "one of primary, replica, peer");
            return this;
        }

        /** Adds tags. */
        public Builder tags(String... tags) {
            this.tags.addAll(Arrays.asList(tags));
            return this;
        }

        /** Whether the cluster needs this node to start (default false). */
        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        /** How the node's pool connects. */
        public Builder connection(ConnectionConfig connection) {
            this.connection = connection;
            return this;
        }

        /** Checks and builds. */
        public NodeConfig build() {
            return new NodeConfig(id, role, tags, required, connection);
        }
    }
}
