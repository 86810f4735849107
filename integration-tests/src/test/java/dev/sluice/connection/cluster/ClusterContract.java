package dev.sluice.connection.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ClusterEvent;
import dev.sluice.connection.ClusterListener;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.HealthStatus;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeResult;
import dev.sluice.connection.NodeRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a cluster does whatever its vendor (fan-out, health, adding and removing nodes), run against test-owned servers
 * of each vendor by the subclasses. Each test gets a new cluster over the class's servers; a test that stops a server
 * starts it again.
 */
abstract class ClusterContract {
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final int THRESHOLD = 3;

    Cluster cluster;
    final Events events = new Events();

    /** How many servers the subclass runs. */
    abstract int servers();

    /** A URL of server {@code i}'s database. */
    abstract String url(int i);

    /** A statement that takes {@code seconds} on the server. */
    abstract String sleepSql(double seconds);

    /** Stops server {@code i} cleanly; clients are disconnected. */
    abstract void stop(int i);

    /** Starts server {@code i} again. */
    abstract void start(int i);

    /** Sessions on server {@code i} of pools whose application (or database) is {@code marker}, counted from outside. */
    abstract int sessions(int i, String marker) throws Exception;

    /** A URL on server {@code i} whose sessions {@link #sessions} can count by {@code marker}. */
    abstract String markedUrl(int i, String marker) throws Exception;

    ClusterConfig.Builder config() {
        ClusterConfig.Builder b = ClusterConfig.builder()
                .health(h -> h.interval(INTERVAL).timeout(Duration.ofMillis(400)).unhealthyThreshold(THRESHOLD))
                .reconnect(r -> r.initialDelay(Duration.ofMillis(200)).maxDelay(Duration.ofSeconds(1)));
        for (int i = 0; i < servers(); i++) {
            b.node(node("n" + i, url(i), NodeRole.PEER));
        }
        return b;
    }

    static NodeConfig node(String id, String url, NodeRole role) {
        return NodeConfig.builder(id).role(role).connection(ConnectionConfig.builder().url(url).name("it-" + id)
                .pool(p -> p.min(1).max(4)).timeouts(t -> t.connect(Duration.ofSeconds(2))).build()).build();
    }

    @BeforeEach
    void startCluster() {
        cluster = Cluster.create(config().build()).addListener(events);
        cluster.initialize();
    }

    @AfterEach
    void stopCluster() {
        if (cluster != null) {
            cluster.shutdown(Duration.ofSeconds(1));
        }
    }

    /** How long each node sleeps in the parallel fan-out test (the 0.3 s for three PostgreSQL nodes). */
    double fanOutSleep() {
        return 0.3;
    }

    @Test
    void aFanOutRunsOnEveryNodeAtOnce() {
        assertThat(cluster.isRunning()).isTrue();
        long sleep = Math.round(fanOutSleep() * 1000);
        long start = System.nanoTime();
        List<NodeResult<List<Map<String, Object>>>> results = cluster.queryAll(sleepSql(fanOutSleep()), Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(results).extracting(NodeResult::node).containsExactlyElementsOf(ids());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.isOk()).as(r.toString()).isTrue();
            assertThat(r.value()).hasSize(1);
            assertThat(r.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(sleep));
        });
        // in sequence it would take servers() x the sleep at least
        assertThat(took).isLessThan(Duration.ofMillis(sleep * servers() - sleep / 2));
    }

    @Test
    void aStoppedNodeTurnsUnhealthyDropsOutOfHealthyFanOutsAndComesBack() throws Exception {
        int victim = servers() - 1;
        String id = "n" + victim;
        assertThat(cluster.health(id).status()).isEqualTo(HealthStatus.HEALTHY);
        stop(victim);
        try {
            long stopped = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> cluster.health(id).status() == HealthStatus.UNHEALTHY);
            // interval 500 ms x threshold 3: the bound is 2 s
            assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(2));
            assertThat(cluster.healthyNodes()).extracting(n -> n.id()).doesNotContain(id).hasSize(servers() - 1);

            Duration timeout = Duration.ofSeconds(1);
            long start = System.nanoTime();
            List<NodeResult<List<Map<String, Object>>>> all = cluster.queryAll(sleepSql(0.1), timeout);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(all).hasSize(servers());
            assertThat(all).filteredOn(NodeResult::isOk).hasSize(servers() - 1);
            NodeResult<?> failed = all.stream().filter(r -> !r.isOk()).findFirst().orElseThrow();
            assertThat(failed.node()).isEqualTo(id);
            assertThat(failed.errorMessage()).isNotBlank();
            assertThat(took).as("the dead node costs no more than the per-node timeout").isLessThan(timeout.plusMillis(700));

            List<NodeResult<List<Map<String, Object>>>> healthy = cluster.queryHealthy(sleepSql(0), Duration.ofSeconds(5));
            assertThat(healthy).extracting(NodeResult::node).doesNotContain(id).hasSize(servers() - 1);
            assertThat(healthy).allMatch(NodeResult::isOk);
        } finally {
            start(victim);
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.health(id).status() == HealthStatus.HEALTHY);
        List<NodeResult<List<Map<String, Object>>>> back = cluster.queryHealthy(sleepSql(0), Duration.ofSeconds(5));
        assertThat(back).extracting(NodeResult::node).containsExactlyElementsOf(ids());
        assertThat(back).allMatch(NodeResult::isOk);
        // per node, in order: lost (after the failed checks), then connected again
        List<String> mine = events.of(id);
        int lost = mine.indexOf(ClusterEvent.NODE_DISCONNECTED);
        assertThat(lost).isPositive();
        assertThat(mine.subList(0, lost)).contains(ClusterEvent.NODE_HEALTH);
        assertThat(mine.subList(lost, mine.size())).contains(ClusterEvent.NODE_CONNECTED);
        assertThat(mine.lastIndexOf(ClusterEvent.NODE_CONNECTED)).isGreaterThan(lost);
    }

    @Test
    void aNodeAddedAtRuntimeJoinsTheNextFanOutAndARemovedOneLeavesItWithItsSessionsClosed() throws Exception {
        String marker = "added" + System.nanoTime() % 100000;
        String url = markedUrl(0, marker);
        cluster.addNode(node(marker, url, NodeRole.PEER));
        assertThat(cluster.hasNode(marker)).isTrue();
        List<NodeResult<List<Map<String, Object>>>> withIt = cluster.queryAll(sleepSql(0), Duration.ofSeconds(5));
        assertThat(withIt).extracting(NodeResult::node).contains(marker).hasSize(servers() + 1);
        assertThat(withIt).allMatch(NodeResult::isOk);
        assertThat(sessions(0, marker)).isPositive();

        cluster.removeNode(marker);
        assertThat(cluster.hasNode(marker)).isFalse();
        assertThat(cluster.queryAll(sleepSql(0), Duration.ofSeconds(5))).extracting(NodeResult::node).doesNotContain(marker)
                .hasSize(servers());
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> sessions(0, marker) == 0);
        assertThat(events.of(marker)).startsWith(ClusterEvent.NODE_ADDED).contains(ClusterEvent.NODE_CONNECTED)
                .endsWith(ClusterEvent.NODE_DISCONNECTED, ClusterEvent.NODE_REMOVED);
        assertThat(events.of(marker).indexOf(ClusterEvent.NODE_CONNECTED)).isGreaterThan(0);
    }

    @Test
    void shutdownDrainsEveryNodeAtOnce() throws Exception {
        long sleep = Math.round(fanOutSleep() * 1000);
        java.util.concurrent.CountDownLatch borrowed = new java.util.concurrent.CountDownLatch(servers());
        List<Thread> workers = new java.util.ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (var n : cluster.nodes()) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (var c = n.connections().getConnection(); var s = c.createStatement()) {
                    borrowed.countDown();
                    s.execute(sleepSql(fanOutSleep()));
                } catch (Exception e) {
                    failures.add(e);
                }
            }));
        }
        borrowed.await();
        long start = System.nanoTime();
        Map<String, dev.sluice.connection.ShutdownReport> reports = cluster.shutdown(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        for (Thread t : workers) {
            t.join();
        }
        assertThat(failures).as("in-flight work finished within the drain").isEmpty();
        assertThat(reports).containsOnlyKeys(ids());
        assertThat(reports.values()).allSatisfy(r -> {
            assertThat(r.inFlight()).isEqualTo(1);
            assertThat(r.finished()).isEqualTo(1);
        });
        // one after the other it would take servers() x the statement at least
        assertThat(took).isLessThan(Duration.ofMillis(sleep * servers() - sleep / 2));
        assertThat(cluster.isRunning()).isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cluster.queryAll(sleepSql(0), Duration.ofSeconds(1))))
                .hasMessage("The cluster is shut down; create a new one");
        cluster = null;
    }

    @Test
    void aRequiredNodeThatCannotBeReachedFailsInitializeAndAnOptionalOneHoldsUpNoOne() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String nowhere = url(0).replaceFirst(":\\d+/", ":" + port + "/");
        NodeConfig required = NodeConfig.builder("gone").required(true).connection(node("gone", nowhere, NodeRole.PEER).connection()).build();
        Cluster failing = Cluster.create(config().node(required).build());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(failing::initialize))
                .isInstanceOf(dev.sluice.connection.ConnectionFailedException.class).hasMessageContaining(":" + port);
        assertThat(failing.isRunning()).isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(failing::initialize)).hasMessage("The cluster is shut down; create a new one");

        long start = System.nanoTime();
        ClusterContract.Events seen = new Events();
        try (Cluster optional = Cluster.create(config().node(node("later", nowhere, NodeRole.PEER)).build()).addListener(seen)) {
            optional.initialize();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("an unreachable node does not hold up the others")
                    .isLessThan(Duration.ofSeconds(10));
            assertThat(optional.isRunning()).isTrue();
            assertThat(optional.healthyNodes()).extracting(n -> n.id()).containsExactlyElementsOf(ids());
            assertThat(optional.queryHealthy(sleepSql(0), Duration.ofSeconds(5))).hasSize(servers()).allMatch(NodeResult::isOk);
            assertThat(seen.of("later")).startsWith(ClusterEvent.NODE_ADDED);
        }
    }

    @Test
    void duplicateIdsAndUnknownNodesAreRejected() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cluster.addNode(node("n0", url(0), NodeRole.PEER))))
                .isInstanceOf(dev.sluice.connection.ConfigException.class)
                .hasMessageStartingWith("Invalid id 'n0': an id no other node of the cluster has; nodes: n0");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> cluster.node("nope")))
                .hasMessageStartingWith("No node 'nope' in the cluster; nodes: n0");
        assertThat(cluster.allHealth()).containsOnlyKeys(ids());
    }

    List<String> ids() {
        return java.util.stream.IntStream.range(0, servers()).mapToObj(i -> "n" + i).toList();
    }

    /** The events, as type names per node, in the order they arrived. */
    static final class Events implements ClusterListener {
        final List<ClusterEvent> all = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(ClusterEvent event) {
            all.add(event);
        }

        List<String> of(String node) {
            return all.stream().filter(e -> e.node().equals(node)).map(ClusterEvent::type)
                    .filter(t -> !t.equals(ClusterEvent.POOL_STATS)).toList();
        }
    }
}
