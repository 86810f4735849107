package dev.sluice.benchmarks;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ClusterNode;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeResult;
import dev.sluice.connection.NodeRole;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A query on three PostgreSQL nodes at once ({@link Cluster#queryAll}: one virtual thread per node) against the same
 * query on one node, and on the three nodes one after another. The nodes are three fresh databases on the local
 * server, each with its own pool. The query waits 2 ms in the server ({@code pg_sleep}), as a query that reads from
 * disk or does real work would; with 2 shared cores a CPU-bound query could not run three at a time anyway, so what
 * the ratio shows is whether the fan-out overlaps the nodes' waits and what it costs on top.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FanOutBenchmark {
    static final String SQL = "SELECT 1 AS one FROM pg_sleep(0.002)";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<BenchDatabase> databases = new ArrayList<>();
    private Cluster cluster;
    private List<ConnectionManager> nodes;

    /** Creates three databases and starts a cluster of them. */
    @Setup(Level.Trial)
    public void setUp() {
        ClusterConfig.Builder b = ClusterConfig.builder().name("bench-fan");
        for (int i = 1; i <= 3; i++) {
            BenchDatabase db = BenchDatabase.create("postgresql");
            databases.add(db);
            b.node(NodeConfig.of("n" + i, NodeRole.PEER, db.configBuilder().pool(p -> p.min(1).max(1)).build()));
        }
        cluster = Cluster.start(b.build());
        nodes = cluster.nodes().stream().map(ClusterNode::connections).toList();
    }

    /** Stops the cluster and drops the databases. */
    @TearDown(Level.Trial)
    public void tearDown() {
        cluster.shutdown(Duration.ZERO);
        databases.forEach(BenchDatabase::close);
    }

    static int query(ConnectionManager node) throws Exception {
        try (Connection c = node.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Baseline: the query on one node. */
    @Benchmark
    public int oneNode() throws Exception {
        return query(nodes.get(0));
    }

    /** Baseline: the query on the three nodes, one after another. */
    @Benchmark
    public int threeSequential() throws Exception {
        int n = 0;
        for (ConnectionManager node : nodes) {
            n += query(node);
        }
        return n;
    }

    /** The query on the three nodes at once through the cluster's fan-out. */
    @Benchmark
    public int threeFanOut() {
        int n = 0;
        for (NodeResult<List<Map<String, Object>>> r : cluster.queryAll(SQL, TIMEOUT)) {
            if (!r.isOk()) {
                throw new IllegalStateException("node " + r.node() + " failed: " + r.errorMessage());
            }
            n += r.value().size();
        }
        return n;
    }
}
