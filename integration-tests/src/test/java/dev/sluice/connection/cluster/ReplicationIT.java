package dev.sluice.connection.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ClusterEvent;
import dev.sluice.connection.ClusterNode;
import dev.sluice.connection.NoHealthyNodeException;
import dev.sluice.connection.NodeRole;
import dev.sluice.connection.ReadStrategy;
import dev.sluice.connection.ReplicationStatus;
import dev.sluice.testkit.PostgresInstance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read/write routing over a PostgreSQL primary and its streaming replica: reads go to the replica while it is healthy
 * and caught up, to the primary when it is stopped or its replay is paused past max-replica-lag; writes always go to
 * the primary; a promoted replica is reported and routed as a primary; a multi-host URL reaches the primary.
 */
class ReplicationIT {
    static final Duration MAX_LAG = Duration.ofSeconds(1);

    PostgresInstance primary;
    PostgresInstance replica;
    Cluster cluster;
    final List<ClusterEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        primary = PostgresInstance.start();
        replica = primary.startReplica();
        try (Connection c = PostgresClusterIT.admin(primary); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, item text)");
        }
        try (Connection c = PostgresClusterIT.admin(replica); Statement s = c.createStatement()) {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).until(() -> {
                try (ResultSet rs = s.executeQuery("SELECT to_regclass('orders') IS NOT NULL")) {
                    return rs.next() && rs.getBoolean(1);
                }
            });
        }
        cluster = Cluster.create(ClusterConfig.builder()
                .node(ClusterContract.node("primary", primary.url(), NodeRole.PRIMARY))
                .node(ClusterContract.node("replica", replica.url(), NodeRole.REPLICA))
                .health(h -> h.interval(Duration.ofMillis(300)).timeout(Duration.ofMillis(250)).unhealthyThreshold(2))
                .reconnect(r -> r.initialDelay(Duration.ofMillis(200)).maxDelay(Duration.ofSeconds(1)))
                .maxReplicaLag(MAX_LAG)
                .readStrategy(ReadStrategy.ROUND_ROBIN)
                .build());
        cluster.addListener(new dev.sluice.connection.ClusterListener() {
            @Override
            public void onEvent(ClusterEvent event) {
                events.add(event);
            }
        });
        cluster.initialize();
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.shutdown(Duration.ofSeconds(1));
        }
        if (replica != null) {
            replica.close();
        }
        if (primary != null) {
            primary.close();
        }
    }

    @Test
    void readsGoToTheHealthyReplicaAndWritesToThePrimaryWhichTheReplicaReplays() throws Exception {
        assertThat(cluster.node("replica").health().replication()).isNotNull()
                .extracting(ReplicationStatus::inRecovery).isEqualTo(true);
        assertThat(cluster.node("primary").health().replication()).isEqualTo(ReplicationStatus.PRIMARY);
        for (int i = 0; i < 4; i++) {
            assertThat(cluster.reader().id()).isEqualTo("replica");
            assertThat(cluster.primary().id()).isEqualTo("primary");
        }
        try (Connection c = cluster.primary().connections().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders VALUES (1, 'written on the primary')");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> item(cluster.reader(), 1) != null);
        assertThat(item(cluster.reader(), 1)).isEqualTo("written on the primary");
        assertThat(inRecovery(cluster.reader())).isTrue();
        assertThatThrownBy(() -> write(cluster.reader(), 2)).hasMessageContaining("read-only transaction");
    }

    @Test
    void readsFallBackToThePrimaryWhileTheReplicaIsStoppedAndReturnAfterwards() throws Exception {
        replica.stop();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !cluster.node("replica").isHealthy());
        for (int i = 0; i < 4; i++) {
            assertThat(cluster.reader().id()).as("never an unhealthy node").isEqualTo("primary");
        }
        write(cluster.primary(), 3);
        replica.startServer();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> cluster.reader().id().equals("replica"));
        await().atMost(Duration.ofSeconds(10)).until(() -> item(cluster.reader(), 3) != null);
    }

    @Test
    void aReplicaWhoseReplayIsPausedPastMaxReplicaLagGetsNoReads() throws Exception {
        assertThat(cluster.reader().id()).isEqualTo("replica");
        try (Connection c = PostgresClusterIT.admin(replica); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
        }
        // the primary writes what the paused replica receives and does not replay: its lag grows past max-replica-lag
        write(cluster.primary(), 10);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.reader().id().equals("primary"));
        assertThat(cluster.node("replica").isHealthy()).as("lagging is not unhealthy").isTrue();
        assertThat(cluster.node("replica").replicationLag()).isGreaterThan(MAX_LAG);
        assertThat(cluster.primary().id()).isEqualTo("primary");
        assertThat(item(cluster.reader(), 10)).isEqualTo("item 10");

        try (Connection c = PostgresClusterIT.admin(replica); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.reader().id().equals("replica"));
        assertThat(item(cluster.reader(), 10)).isEqualTo("item 10");
    }

    @Test
    void aPromotedReplicaIsReportedAndRoutedAsAPrimary() throws Exception {
        try (Connection c = PostgresClusterIT.admin(replica); Statement s = c.createStatement()) {
            s.execute("SELECT pg_promote()");
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.node("replica").role() == NodeRole.PRIMARY);
        ClusterEvent roleChange = events.stream().filter(e -> e.type().equals(ClusterEvent.NODE_ROLE)).findFirst().orElseThrow();
        assertThat(roleChange.node()).isEqualTo("replica");
        assertThat(roleChange.detail()).isEqualTo(new ClusterEvent.RoleChange(NodeRole.REPLICA, NodeRole.REPLICA, NodeRole.PRIMARY));
        ClusterNode promoted = cluster.node("replica");
        assertThat(promoted.configuredRole()).isEqualTo(NodeRole.REPLICA);
        // no replica is left: reads go to a primary, the configured one first; writes too
        assertThat(cluster.reader().id()).isEqualTo("primary");
        assertThat(cluster.primary().id()).isEqualTo("primary");
        // when the configured primary is gone, the promoted node takes the writes
        primary.stop();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> !cluster.node("primary").isHealthy());
        assertThat(cluster.primary().id()).isEqualTo("replica");
        write(cluster.primary(), 20);
        assertThat(item(cluster.reader(), 20)).isEqualTo("item 20");
    }

    @Test
    void aNodeConfiguredAsPrimaryThatIsAReplicaIsRoutedAsAReplicaAndAMultiHostUrlFindsThePrimary() throws Exception {
        cluster.addNode(ClusterContract.node("mislabelled", replica.url(), NodeRole.PRIMARY));
        assertThat(cluster.node("mislabelled").role()).isEqualTo(NodeRole.REPLICA);
        assertThat(events).anyMatch(e -> e.type().equals(ClusterEvent.NODE_ROLE) && e.node().equals("mislabelled"));
        assertThat(cluster.primary().id()).isEqualTo("primary");

        String multiHost = "postgresql://postgres@127.0.0.1:" + replica.port() + ",127.0.0.1:" + primary.port()
                + "/postgres?targetServerType=primary";
        ClusterNode ha = cluster.addNode(ClusterContract.node("ha", multiHost, NodeRole.PEER));
        assertThat(inRecovery(ha)).as("pgjdbc skipped the replica listed first").isFalse();
        write(ha, 30);
        assertThat(cluster.queryAll("SELECT item FROM orders WHERE id = 30", Duration.ofSeconds(5)))
                .filteredOn(r -> r.node().equals("ha")).singleElement()
                .satisfies(r -> assertThat(r.value()).containsExactly(java.util.Map.of("item", "item 30")));
    }

    @Test
    void withEveryNodeDownThereIsNoPrimaryAndTheErrorSaysWhy() {
        primary.stop();
        replica.stop();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> cluster.healthyNodes().isEmpty());
        assertThatThrownBy(() -> cluster.reader()).isInstanceOf(NoHealthyNodeException.class)
                .hasMessageStartingWith("The cluster has no a healthy primary").hasMessageContaining("primary=primary/UNHEALTHY")
                .hasMessageContaining("replica=replica/UNHEALTHY");
    }

    private static void write(ClusterNode node, int id) throws Exception {
        try (Connection c = node.connections().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders VALUES (" + id + ", 'item " + id + "')");
        }
    }

    private static String item(ClusterNode node, int id) throws Exception {
        try (Connection c = node.connections().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT item FROM orders WHERE id = " + id)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean inRecovery(ClusterNode node) throws Exception {
        try (Connection c = node.connections().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
