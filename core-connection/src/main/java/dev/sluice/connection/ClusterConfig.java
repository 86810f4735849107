package dev.sluice.connection;

import dev.sluice.connection.internal.Checks;
import dev.sluice.connection.internal.ClusterYaml;
import dev.sluice.connection.internal.Yaml;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The nodes of a {@link Cluster} and how it treats them: each node's {@link NodeConfig} (id, role, tags, whether it is
 * required, its pool's {@link ConnectionConfig}), cluster-wide health checks and reconnect backoff, how
 * {@link Cluster#reader()} picks a replica and how far behind a replica may fall. Immutable and checked when built:
 * node ids are unique, and every node's settings are checked by the settings types that own them.
 *
 * <p>From YAML ({@link #fromYaml(Path)}), where the top-level keys are the cluster's and the defaults for every node,
 * and each node may override them:
 *
 * <pre>
 * name: orders
 * read-strategy: round-robin        # or least-latency
 * max-replica-lag: 5s
 * health: {interval: 2s, timeout: 1s, unhealthy-threshold: 3}
 * reconnect: {initial-delay: 500ms, max-delay: 10s}
 * user: app
 * password: ${PG_PASSWORD}          # ${VAR} and ${VAR:-default} come from the environment
 * pool: {max: 10}
 * nodes:
 *   - id: primary
 *     url: postgres://10.0.0.1:5432/orders
 *     role: primary
 *     required: true
 *   - id: replica-1
 *     host: 10.0.0.2
 *     port: 5432
 *     database: orders
 *     role: replica
 *     tags: [eu-west]
 *     pool: {max: 20}
 * </pre>
 *
 * A node's {@code role} is its role in the cluster ({@code primary}, {@code replica}, {@code peer}; default
 * {@code peer}); the database role its sessions switch to ({@code role} in a single database's file) is
 * {@code db-role} here. A node's pool is named {@code <cluster name>-<id>} (or its id when the cluster has no name),
 * unless it sets {@code name}. A required node starts fail-fast, the others in the background ({@code startup} is not
 * set per node). Errors name the file, the line and the field.
 */
public final class ClusterConfig {
    /** How far behind a replica may be by default before reads avoid it. */
    public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(10);

    private final String name;
    private final List<NodeConfig> nodes;
    private final ReadStrategy readStrategy;
    private final Duration maxReplicaLag;

    private ClusterConfig(Builder b, List<NodeConfig> nodes) {
        this.name = b.name;
        this.nodes = List.copyOf(nodes);
        this.readStrategy = b.readStrategy;
        this.maxReplicaLag = b.maxReplicaLag;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Reads a cluster's YAML file (see the class comment), with {@code ${VAR}} taken from the process environment. */
    public static ClusterConfig fromYaml(Path file) {
        return fromYaml(file, System.getenv());
    }

    /** As {@link #fromYaml(Path)}, taking {@code ${VAR}} from {@code environment} (a tool's own environment map). */
    public static ClusterConfig fromYaml(Path file, Map<String, String> environment) {
        return ClusterYaml.read(Yaml.readFile(file, environment)).build();
    }

    /** As {@link #fromYaml(Path)}, from YAML text; {@code sourceName} names it in messages. */
    public static ClusterConfig fromYaml(String yaml, String sourceName) {
        return fromYaml(yaml, sourceName, System.getenv());
    }

    /** As {@link #fromYaml(String, String)}, taking {@code ${VAR}} from {@code environment}. */
    public static ClusterConfig fromYaml(String yaml, String sourceName, Map<String, String> environment) {
        return ClusterYaml.read(Yaml.read(yaml, sourceName, environment)).build();
    }

    /**
     * Whether a YAML configuration file describes a cluster (it has {@code nodes}) rather than one database: tools
     * that take {@code --config FILE} ask this to tell which it is.
     *
     * @throws ConfigException when the file cannot be read or is not valid YAML
     */
    public static boolean describesCluster(Path file) {
        Yaml.Value root = Yaml.readFile(file, null); // its shape only: environment references stay unresolved
        return root instanceof Yaml.Mapping m && m.entries().containsKey("nodes");
    }

    /** The cluster's name, or {@code null}. */
    public String name() {
        return name;
    }

    /** The nodes, in the order given. */
    public List<NodeConfig> nodes() {
        return nodes;
    }

    /** The node with id {@code id}. */
    public Optional<NodeConfig> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** How {@link Cluster#reader()} picks among healthy replicas. */
    public ReadStrategy readStrategy() {
        return readStrategy;
    }

    /** How far behind a replica may be before {@link Cluster#reader()} avoids it. */
    public Duration maxReplicaLag() {
        return maxReplicaLag;
    }

    @Override
    public String toString() {
        return "ClusterConfig[" + (name == null ? "" : name + " ") + "nodes=" + nodes.stream().map(NodeConfig::id).toList()
                + ", read-strategy=" + readStrategy.id() + ", max-replica-lag=" + Durations.format(maxReplicaLag) + "]";
    }

    /**
     * Builds a {@link ClusterConfig}. Health and reconnect settings given here are cluster-wide: they replace those of
     * every node's connection configuration; not given, each node keeps its own.
     */
    public static final class Builder {
        private String name;
        private final List<NodeConfig> nodes = new ArrayList<>();
        private ReadStrategy readStrategy = ReadStrategy.ROUND_ROBIN;
        private Duration maxReplicaLag = DEFAULT_MAX_REPLICA_LAG;
        private HealthSettings.Builder health;
        private ReconnectSettings.Builder reconnect;
        private String source;

        private Builder() {}

        /** The cluster's name: its nodes' pools are called {@code <name>-<id>} (from YAML). */
        public Builder name(String name) {
            this.name = name == null ? null : Checks.poolName(name);
            return this;
        }

        /** Adds a node. */
        public Builder node(NodeConfig node) {
            nodes.add(Checks.notNull("nodes", node, "a node configuration"));
            return this;
        }

        /** Adds nodes. */
        public Builder nodes(Collection<NodeConfig> nodes) {
            Checks.notNull("nodes", nodes, "node configurations").forEach(this::node);
            return this;
        }

        /** How {@link Cluster#reader()} picks among healthy replicas (default round robin). */
        public Builder readStrategy(ReadStrategy strategy) {
            this.readStrategy = Checks.notNull("read-strategy", strategy, "round-robin or least-latency");
            return this;
        }

        /** How far behind a replica may be before reads avoid it (default 10s; at least 0). */
        public Builder maxReplicaLag(Duration lag) {
            if (lag == null || lag.isNegative()) {
                throw new ConfigException("max-replica-lag", lag == null ? null : Durations.format(lag), "a duration of 0 or more");
            }
            this.maxReplicaLag = lag;
            return this;
        }

        /** Cluster-wide health check settings, for every node. */
        public Builder health(HealthSettings health) {
            this.health = Checks.notNull("health", health, "health settings").toBuilder();
            return this;
        }

        /** Adjusts the cluster-wide health check settings ({@code h -> h.interval(Duration.ofMillis(500))}). */
        public Builder health(Consumer<HealthSettings.Builder> adjust) {
            if (health == null) {
                health = HealthSettings.builder();
            }
            Checks.notNull("health", adjust, "a customizer").accept(health);
            return this;
        }

        /** Cluster-wide reconnect backoff, for every node. */
        public Builder reconnect(ReconnectSettings reconnect) {
            this.reconnect = Checks.notNull("reconnect", reconnect, "reconnect settings").toBuilder();
            return this;
        }

        /** Adjusts the cluster-wide reconnect backoff ({@code r -> r.initialDelay(Duration.ofMillis(200))}). */
        public Builder reconnect(Consumer<ReconnectSettings.Builder> adjust) {
            if (reconnect == null) {
                reconnect = ReconnectSettings.builder();
            }
            Checks.notNull("reconnect", adjust, "a customizer").accept(reconnect);
            return this;
        }

        /** Where these values came from ({@code cluster.yaml}), named in the errors of building them. */
        public Builder source(String source) {
            this.source = source;
            return this;
        }

        /**
         * Checks that node ids are unique, applies the cluster-wide settings to each node and builds.
         *
         * @throws ConfigException naming a duplicate id, or a bad combination of settings
         */
        public ClusterConfig build() {
            HealthSettings h = health == null ? null : health.build();
            ReconnectSettings r = reconnect == null ? null : reconnect.build();
            Map<String, NodeConfig> byId = new LinkedHashMap<>();
            for (NodeConfig n : nodes) {
                if (byId.containsKey(n.id())) {
                    throw new ConfigException("id", n.id(), "an id no other node of the cluster has; ids must be unique", source);
                }
                byId.put(n.id(), withClusterSettings(n, h, r));
            }
            return new ClusterConfig(this, new ArrayList<>(byId.values()));
        }

        /** The node's connection with the cluster's health and backoff, and a start that follows {@code required}. */
        private static NodeConfig withClusterSettings(NodeConfig n, HealthSettings h, ReconnectSettings r) {
            ConnectionConfig.Builder c = n.connection().toBuilder()
                    .startup(n.required() ? StartupMode.FAIL_FAST : StartupMode.BACKGROUND);
            if (h != null) {
                c.health(h);
            }
            if (r != null) {
                c.reconnect(r);
            }
            return n.toBuilder().connection(c.build()).build();
        }
    }
}
