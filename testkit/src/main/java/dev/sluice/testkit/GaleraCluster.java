package dev.sluice.testkit;

import dev.sluice.testkit.internal.OwnedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A MariaDB Galera cluster owned by one test: {@code n} {@link MariaDbInstance} nodes on 127.0.0.1, each with its own
 * data directory and ports (client, group communication, IST, rsync SST), joined into one synchronous multi-primary
 * cluster with the installed Galera library ({@code SLUICE_TEST_GALERA_LIBRARY}, else
 * {@code /usr/lib/galera/libgalera_smm.so}; Debian: {@code apt-get install galera-4}). The first node bootstraps the
 * cluster, the others join it by a state transfer (rsync). A node stopped with {@link MariaDbInstance#stop()} and
 * started again with {@link MariaDbInstance#startServer()} rejoins and catches up by an incremental state transfer
 * (IST); {@link #awaitSynced} waits until it is back.
 *
 * <pre>{@code
 * try (GaleraCluster galera = GaleraCluster.start(3)) {
 *     String url = galera.node(0).url();          // mariadb://root@127.0.0.1:<port>/test, on every node
 * }
 * }</pre>
 *
 * <p>Three nodes take about 15 to 30 seconds to start. {@link #close()} stops every node and deletes its directory;
 * like every test-owned server, nodes never outlive the test JVM.
 */
public final class GaleraCluster implements AutoCloseable {
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(120);

    private final List<MariaDbInstance> nodes;

    private GaleraCluster(List<MariaDbInstance> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Starts a cluster of {@code size} nodes (1 to 5) and waits until every node is {@code Synced}.
     *
     * @throws NoTestDatabaseException when MariaDB or the Galera library is not installed
     */
    public static GaleraCluster start(int size) {
        if (size < 1 || size > 5) {
            throw new IllegalArgumentException("size: a Galera test cluster has 1 to 5 nodes, not " + size);
        }
        Path library = library();
        List<MariaDbInstance> nodes = new ArrayList<>();
        try {
            Map<MariaDbInstance, int[]> ports = new HashMap<>();
            List<String> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                MariaDbInstance node = MariaDbInstance.create();
                nodes.add(node);
                int[] p = {OwnedDirectory.freePort(), OwnedDirectory.freePort(), OwnedDirectory.freePort()};
                ports.put(node, p);
                members.add("127.0.0.1:" + p[0]);
            }
            String address = "gcomm://" + String.join(",", members);
            for (int i = 0; i < size; i++) {
                MariaDbInstance node = nodes.get(i);
                int[] p = ports.get(node);
                node.addOptions(List.of("--wsrep-on=ON", "--wsrep-provider=" + library, "--wsrep-cluster-address=" + address,
                        "--wsrep-cluster-name=sluice-test", "--wsrep-node-name=node" + (i + 1), "--wsrep-node-address=127.0.0.1",
                        "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + p[0] + ";ist.recv_addr=127.0.0.1:" + p[1]
                                + ";gcache.size=64M",
                        "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + p[2], "--binlog-format=ROW",
                        "--default-storage-engine=InnoDB", "--innodb-autoinc-lock-mode=2"),
                        i == 0 ? List.of("--wsrep-new-cluster") : List.of());
            }
            nodes.get(0).installAndStart();
            // the joiners take their state from the first node at the same time
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (MariaDbInstance node : nodes.subList(1, size)) {
                joins.add(CompletableFuture.runAsync(node::installAndStart));
            }
            try {
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            GaleraCluster cluster = new GaleraCluster(nodes);
            for (MariaDbInstance node : nodes) {
                cluster.awaitSynced(node, SYNC_TIMEOUT);
            }
            cluster.awaitSize(size, SYNC_TIMEOUT);
            return cluster;
        } catch (IOException e) {
            nodes.forEach(MariaDbInstance::close);
            throw new UncheckedIOException("Cannot find free ports for a Galera test cluster", e);
        } catch (RuntimeException e) {
            nodes.forEach(MariaDbInstance::close);
            throw e;
        }
    }

    /** The nodes, in the order they joined (the first bootstrapped the cluster). */
    public List<MariaDbInstance> nodes() {
        return nodes;
    }

    /** One node, from 0. */
    public MariaDbInstance node(int index) {
        return nodes.get(index);
    }

    /**
     * Waits until {@code node} is running, {@code wsrep_local_state_comment = Synced} and {@code wsrep_ready = ON}:
     * after a (re)start, when it has caught up with the cluster.
     *
     * @throws IllegalStateException when it is not within {@code timeout}
     */
    public void awaitSynced(MariaDbInstance node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "not reachable";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, String> s = status(node);
                if ("Synced".equals(s.get("wsrep_local_state_comment")) && "ON".equals(s.get("wsrep_ready"))) {
                    return;
                }
                last = "wsrep_local_state_comment=" + s.get("wsrep_local_state_comment") + ", wsrep_ready=" + s.get("wsrep_ready");
            } catch (IllegalStateException e) {
                last = e.getMessage();
            }
            sleep(200);
        }
        throw new IllegalStateException("Galera node " + node + " was not Synced within " + timeout.toSeconds() + "s: " + last);
    }

    /** Waits until every running node counts {@code size} members ({@code wsrep_cluster_size}). */
    public void awaitSize(int size, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (MariaDbInstance node : nodes) {
                try {
                    String n = node.isRunning() ? status(node).get("wsrep_cluster_size") : Integer.toString(size);
                    all &= Integer.toString(size).equals(n);
                    last = node + ": wsrep_cluster_size=" + n;
                } catch (IllegalStateException e) {
                    all = false;
                    last = e.getMessage();
                }
            }
            if (all) {
                return;
            }
            sleep(200);
        }
        throw new IllegalStateException("The Galera test cluster did not reach " + size + " nodes within " + timeout.toSeconds() + "s: " + last);
    }

    /**
     * The node's {@code wsrep_%} status variables (names in lower case), read with the {@code mariadb} client from
     * outside the code under test.
     *
     * @throws IllegalStateException when the node cannot be asked (it is down)
     */
    public Map<String, String> status(MariaDbInstance node) {
        String out = node.client("SHOW GLOBAL STATUS LIKE 'wsrep\\_%'");
        Map<String, String> status = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.split("\t", 2);
            if (kv.length == 2) {
                status.put(kv[0].toLowerCase(java.util.Locale.ROOT), kv[1].trim());
            }
        }
        return status;
    }

    /** Stops every node and deletes its directory. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (MariaDbInstance node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "GaleraCluster" + nodes;
    }

    private static Path library() {
        String env = System.getenv("SLUICE_TEST_GALERA_LIBRARY");
        Path lib = env != null && !env.isBlank() ? Path.of(env) : Path.of("/usr/lib/galera/libgalera_smm.so");
        if (!Files.isRegularFile(lib)) {
            throw new NoTestDatabaseException("No Galera library at " + lib + " for a test-owned Galera cluster: set "
                    + "SLUICE_TEST_GALERA_LIBRARY to libgalera_smm.so or install the galera-4 package (Debian: apt-get install galera-4)");
        }
        return lib;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Galera test cluster", e);
        }
    }
}
