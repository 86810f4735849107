package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster's configuration from YAML and from code: what is read, and how each mistake is reported. */
class ClusterConfigTest {
    private static final String SECRET = "s3cr3t-Cluster-Pw";
    private static final Map<String, String> ENV = Map.of("PG_PASSWORD", SECRET, "REPLICA_HOST", "127.0.0.9");

    private static final String YAML = """
            name: orders
            read-strategy: least-latency
            max-replica-lag: 3s
            health:
              interval: 500ms
              timeout: 400ms
              unhealthy-threshold: 3
            reconnect: {initial-delay: 200ms, max-delay: 2s}
            user: app
            password: ${PG_PASSWORD}
            pool: {max: 4}
            nodes:
              - id: primary
                url: postgres://127.0.0.1:5432/orders
                role: primary
                required: true
                tags: [eu, main]
              - id: replica-1
                host: ${REPLICA_HOST}
                port: ${REPLICA_PORT:-5433}
                database: orders
                role: replica
                db-role: reader
                pool:
                  max: 8
                ssl: {mode: require}
              - id: shard-b
                url: mysql://root@127.0.0.1:3306/b
                tags: analytics
                health.timeout: 300ms
            """;

    @Test
    void readsNodesWithDefaultsOverridesAndEnvironmentReferences() {
        ClusterConfig c = ClusterConfig.fromYaml(YAML, "cluster.yaml", ENV);
        assertThat(c.name()).isEqualTo("orders");
        assertThat(c.readStrategy()).isEqualTo(ReadStrategy.LEAST_LATENCY);
        assertThat(c.maxReplicaLag()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.nodes()).extracting(NodeConfig::id).containsExactly("primary", "replica-1", "shard-b");

        NodeConfig primary = c.node("primary").orElseThrow();
        assertThat(primary.role()).isEqualTo(NodeRole.PRIMARY);
        assertThat(primary.required()).isTrue();
        assertThat(primary.tags()).containsExactlyInAnyOrder("eu", "main");
        assertThat(primary.connection().name()).isEqualTo("orders-primary");
        assertThat(primary.connection().user()).isEqualTo("app");
        assertThat(primary.connection().password()).isEqualTo(SECRET);
        assertThat(primary.connection().pool().max()).isEqualTo(4);
        assertThat(primary.connection().health().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(primary.connection().reconnect().initialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(primary.connection().startup()).isEqualTo(StartupMode.FAIL_FAST);

        NodeConfig replica = c.node("replica-1").orElseThrow();
        assertThat(replica.role()).isEqualTo(NodeRole.REPLICA);
        assertThat(replica.required()).isFalse();
        assertThat(replica.connection().startup()).isEqualTo(StartupMode.BACKGROUND);
        assertThat(replica.connection().host()).isEqualTo("127.0.0.9");
        assertThat(replica.connection().port()).isEqualTo(5433);
        assertThat(replica.connection().pool().max()).isEqualTo(8);
        assertThat(replica.connection().ssl().mode()).isEqualTo(SslMode.REQUIRE);
        assertThat(replica.connection().role()).isEqualTo("reader");

        NodeConfig shard = c.node("shard-b").orElseThrow();
        assertThat(shard.role()).isEqualTo(NodeRole.PEER);
        assertThat(shard.tags()).containsExactly("analytics");
        assertThat(shard.connection().vendor()).isEqualTo(Vendor.MYSQL);
        assertThat(shard.connection().health().timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(c.toString()).doesNotContain(SECRET);
        assertThat(primary.toString()).doesNotContain(SECRET);
    }

    @Test
    void anUnknownFieldIsNamedWithItsLine() {
        String yaml = YAML.replace("    pool:\n      max: 8", "    pool:\n      maxx: 8");
        assertThatThrownBy(() -> ClusterConfig.fromYaml(yaml, "cluster.yaml", ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Unknown key pool.maxx (from cluster.yaml line 25: nodes[1].pool.maxx); known keys:")
                .hasMessageContaining("db-role")
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> ClusterConfig.fromYaml("nodes:\n  - id: a\n    url: postgres://h/db\n    colour: blue\n", "c.yaml", ENV))
                .hasMessageStartingWith("Unknown key colour (from c.yaml line 4: nodes[0].colour)");
    }

    @Test
    void aDuplicateIdIsNamedWithBothLines() {
        String yaml = YAML.replace("id: shard-b", "id: primary");
        assertThatThrownBy(() -> ClusterConfig.fromYaml(yaml, "cluster.yaml", ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid nodes[2].id 'primary' (from cluster.yaml line 27: nodes[2].id): an id no other node has; "
                        + "nodes[0].id at line 13 already is 'primary'");
        NodeConfig a = NodeConfig.of("a", NodeRole.PEER, ConnectionConfig.fromUrl("postgres://h/db"));
        assertThatThrownBy(() -> ClusterConfig.builder().node(a).node(a).build())
                .hasMessage("Invalid id 'a': an id no other node of the cluster has; ids must be unique");
    }

    @Test
    void aMissingEnvironmentReferenceIsNamedWithItsLineAndNoPasswordIsShown() {
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML, "cluster.yaml", Map.of("REPLICA_HOST", "h")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid password '***' (from cluster.yaml line 10: password): environment variable PG_PASSWORD is not set "
                        + "(write ${PG_PASSWORD:-default} for a default)");
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML, "cluster.yaml", Map.of("PG_PASSWORD", SECRET)))
                .hasMessageContaining("(from cluster.yaml line 19: nodes[1].host): environment variable REPLICA_HOST is not set")
                .message().doesNotContain(SECRET);
    }

    @Test
    void badValuesNameTheLineAndFieldAndNeverThePassword() {
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML.replace("max: 8", "max: eight"), "cluster.yaml", ENV))
                .hasMessage("Invalid pool.max 'eight' (from cluster.yaml line 25: nodes[1].pool.max): must be a whole number");
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML.replace("role: replica", "role: follower"), "cluster.yaml", ENV))
                .hasMessage("Invalid role 'follower' (from cluster.yaml line 22: nodes[1].role): one of primary, replica, peer");
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML.replace("least-latency", "fastest"), "cluster.yaml", ENV))
                .hasMessage("Invalid read-strategy 'fastest' (from cluster.yaml line 2: read-strategy): one of round-robin, least-latency");
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML.replace("timeout: 400ms", "timeout: 4s"), "cluster.yaml", ENV))
                .hasMessageContaining("Invalid health.timeout '4s'").hasMessage("Invalid health.timeout '4s' (from cluster.yaml line 6: health.timeout): must not be longer than "
                        + "health.interval (500ms)");
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML.replace("url: postgres://127.0.0.1:5432/orders",
                "url: postgres://app:" + SECRET + "@127.0.0.1:99999/orders"), "cluster.yaml", ENV))
                .hasMessageContaining("cluster.yaml line 14: nodes[0].url").message().doesNotContain(SECRET);
        assertThatThrownBy(() -> ClusterConfig.fromYaml(YAML.replace("required: true", "required: maybe"), "cluster.yaml", ENV))
                .hasMessage("Invalid required 'maybe' (from cluster.yaml line 16: nodes[0].required): true or false");
    }

    @Test
    void misplacedKeysAreExplained() {
        assertThatThrownBy(() -> ClusterConfig.fromYaml("role: primary\nnodes:\n  - id: a\n    url: postgres://h/db\n", "c.yaml", ENV))
                .hasMessageContaining("(from c.yaml line 1: role): role belongs to each node, under nodes; the database role every "
                        + "session switches to is db-role");
        assertThatThrownBy(() -> ClusterConfig.fromYaml("nodes:\n  - id: a\n    url: postgres://h/db\n    startup: background\n", "c.yaml", ENV))
                .hasMessageContaining("(from c.yaml line 4: nodes[0].startup): in a cluster a node's start follows required");
        assertThatThrownBy(() -> ClusterConfig.fromYaml("url: postgres://h/db\n", "c.yaml", ENV))
                .hasMessageContaining("each node gives its own url");
        assertThatThrownBy(() -> ClusterConfig.fromYaml("name: x\n", "c.yaml", ENV))
                .hasMessage("Missing nodes (from c.yaml): a list of nodes, each with an id, a url (or host, port and database) and a role");
        assertThatThrownBy(() -> ClusterConfig.fromYaml("nodes:\n  - url: postgres://h/db\n", "c.yaml", ENV))
                .hasMessage("Missing nodes[0].id (from c.yaml line 2: nodes[0]): an id for the node (letters, digits, '_', '.', ':' or '-')");
        assertThatThrownBy(() -> ClusterConfig.fromYaml("nodes:\n  - id: a\n    url: postgres://h/db\n  - id: a\n", "c.yaml", ENV))
                .hasMessageContaining("line 4");
        assertThatThrownBy(() -> ClusterConfig.fromYaml("nodes:\n  - id: a\n    url: postgres://h/db\n    url: postgres://h/x\n", "c.yaml", ENV))
                .hasMessage("Key nodes[0].url is given twice in c.yaml (lines 3 and 4); give it once");
        assertThatThrownBy(() -> ClusterConfig.fromYaml("nodes: [\n", "c.yaml", ENV))
                .hasMessageStartingWith("Invalid YAML in c.yaml at line");
    }

    @Test
    void codeConfigAppliesClusterWideHealthAndBackoffToEveryNode() {
        ClusterConfig c = ClusterConfig.builder()
                .node(NodeConfig.builder("a").role(NodeRole.PRIMARY).required(true)
                        .connection(ConnectionConfig.fromUrl("postgres://127.0.0.1/a")).build())
                .node(NodeConfig.of("b", NodeRole.REPLICA, ConnectionConfig.fromUrl("postgres://127.0.0.1/b")))
                .health(h -> h.interval(Duration.ofMillis(500)).timeout(Duration.ofMillis(400)))
                .reconnect(r -> r.initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofSeconds(1)))
                .maxReplicaLag(Duration.ofSeconds(1))
                .build();
        for (NodeConfig n : c.nodes()) {
            assertThat(n.connection().health().interval()).isEqualTo(Duration.ofMillis(500));
            assertThat(n.connection().reconnect().maxDelay()).isEqualTo(Duration.ofSeconds(1));
        }
        assertThat(c.node("a").orElseThrow().connection().startup()).isEqualTo(StartupMode.FAIL_FAST);
        assertThat(c.node("b").orElseThrow().connection().startup()).isEqualTo(StartupMode.BACKGROUND);
        assertThatThrownBy(() -> NodeConfig.builder("no spaces")).hasMessage("Invalid id 'no spaces': 1 to 63 letters, digits, '_', '.', ':' or '-'");
        assertThatThrownBy(() -> ClusterConfig.builder().maxReplicaLag(Duration.ofSeconds(-1)))
                .hasMessage("Invalid max-replica-lag '-1s': a duration of 0 or more");
    }

    @Test
    void aFileIsReadAndToldApartFromASingleDatabasesFile(@TempDir Path dir) throws Exception {
        Path cluster = Files.writeString(dir.resolve("cluster.yaml"), "nodes:\n  - id: a\n    url: postgres://127.0.0.1/a\n    role: primary\n");
        Path single = Files.writeString(dir.resolve("sluice.yaml"), "url: postgres://127.0.0.1/a\n");
        assertThat(ClusterConfig.describesCluster(cluster)).isTrue();
        assertThat(ClusterConfig.describesCluster(single)).isFalse();
        assertThat(ClusterConfig.fromYaml(cluster).nodes()).hasSize(1);
        assertThatThrownBy(() -> ClusterConfig.fromYaml(dir.resolve("missing.yaml"))).hasMessageContaining("an existing, readable YAML file");
    }

    @Test
    void multiHostUrlsAreAcceptedForOneNodeAsPgjdbcDefinesThem() {
        ClusterConfig c = ClusterConfig.fromYaml("nodes:\n  - id: ha\n    url: postgresql://127.0.0.1:5432,127.0.0.1:5433/app?targetServerType=primary\n",
                "c.yaml", ENV);
        assertThat(c.nodes().get(0).connection().jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432,127.0.0.1:5433/app?targetServerType=primary");
    }
}
