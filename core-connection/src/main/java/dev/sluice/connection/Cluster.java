package dev.sluice.connection;

import dev.sluice.connection.internal.FanOut;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several databases managed as one: the cluster entry point of {@code core-connection}, beside
 * {@link ConnectionManager}, which runs each node's pool, health checks and reconnects.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.start(ClusterConfig.fromYaml(Path.of("cluster.yaml")))) {
 *     try (Connection c = cluster.primary().connections().getConnection()) { ... }      // writes
 *     try (Connection c = cluster.reader().connections().getConnection()) { ... }       // reads: a healthy replica
 *     for (NodeResult<List<Map<String, Object>>> r : cluster.queryHealthy("SELECT count(*) FROM orders", Duration.ofSeconds(2))) {
 *         System.out.println(r.node() + ": " + (r.isOk() ? r.value() : r.errorMessage()));
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #initialize()} opens every node's pool at once; a node that cannot be reached starts in the background and
 * joins when it answers, unless it is {@linkplain NodeConfig#required() required}. Each node is health-checked at the
 * cluster's interval; for PostgreSQL the check also reads whether the server is in recovery and its replay lag, so
 * {@link #reader()} avoids replicas that lag more than {@link ClusterConfig#maxReplicaLag()}, and a node whose server
 * turns out to be something else than configured (a promoted replica) is reported ({@link ClusterEvent#NODE_ROLE}) and
 * routed as what it is. {@link #queryAll} and {@link #queryHealthy} run a query on many nodes at once under one
 * deadline: one result per node, and a dead or slow node costs the others nothing.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final ClusterConfig config;
    private final Map<String, ClusterNode> nodes = new LinkedHashMap<>(); // guarded by itself
    private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger turn = new AtomicInteger();
    private volatile boolean running;
    private volatile boolean closed;

    private Cluster(ClusterConfig config) {
        this.config = config;
    }

    /** A cluster of the configured nodes; nothing is opened until {@link #initialize()}. */
    public static Cluster create(ClusterConfig config) {
        Cluster c = new Cluster(config);
        for (NodeConfig n : config.nodes()) {
            c.register(n);
        }
        return c;
    }

    /** Creates a cluster and {@link #initialize() initializes} it. */
    public static Cluster start(ClusterConfig config) {
        Cluster c = create(config);
        c.initialize();
        return c;
    }

    /**
     * One health check of every node without pools, for tools: each node is probed at once on a connection of its own
     * within its health timeout (see {@link ConnectionManager#probeHealth}); the result is in the nodes' order.
     */
    public static Map<String, NodeHealth> probeHealth(ClusterConfig config) {
        List<java.util.concurrent.Future<NodeHealth>> futures = new ArrayList<>();
        // platform threads, as in HealthProbe: virtual threads' I/O pollers would hold up the exit of a short-lived tool
        try (ExecutorService probes = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("sluice-probe-", 0).factory())) {
            for (NodeConfig n : config.nodes()) {
                futures.add(probes.submit(() -> ConnectionManager.probeHealth(n.connection())));
            }
        }
        Map<String, NodeHealth> out = new LinkedHashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            out.put(config.nodes().get(i).id(), futures.get(i).resultNow());
        }
        return out;
    }

    /** Adds a listener for the cluster's events; returns this cluster. */
    public Cluster addListener(ClusterListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Removes a listener. */
    public void removeListener(ClusterListener listener) {
        listeners.remove(listener);
    }

    /** The configuration the cluster was created with (nodes added or removed since are not in it). */
    public ClusterConfig config() {
        return config;
    }

    /**
     * Opens every node's pool, all at once, and returns when each has connected or, when it cannot be reached and is
     * not required, started in the background. Calling it again does nothing.
     *
     * @throws ConnectionFailedException when a required node cannot be reached; the pools opened are closed again and
     *     the cluster is shut down
     * @throws IllegalStateException after {@link #shutdown(Duration)}
     */
    public void initialize() {
        checkOpen();
        synchronized (this) {
            if (running) {
                return;
            }
            List<ClusterNode> all = nodes();
            List<java.util.concurrent.Future<?>> opening = new ArrayList<>();
            for (ClusterNode n : all) {
                opening.add(executor.submit(() -> open(n)));
            }
            RuntimeException failure = null;
            for (int i = 0; i < opening.size(); i++) {
                try {
                    opening.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while opening the cluster's pools", e);
                }
            }
            if (failure != null) {
                // the nodes' managers are closed for good: so is the cluster, with a clear message for later calls
                closed = true;
                shutdownNodes(all, Duration.ZERO);
                executor.shutdownNow();
                throw failure;
            }
            running = true;
        }
    }

    /**
     * Adds a node; in a running cluster its pool is opened before this returns (in the background when it cannot be
     * reached and is not required), and the next fan-out includes it.
     *
     * @throws ConfigException when a node with the same id exists
     * @throws ConnectionFailedException when the node is required and cannot be reached (it is not added)
     */
    public ClusterNode addNode(NodeConfig node) {
        checkOpen();
        NodeConfig effective = ClusterConfig.builder().node(node).build().nodes().get(0); // startup follows required
        ClusterNode n = register(effective);
        if (running) {
            try {
                open(n);
            } catch (RuntimeException e) {
                synchronized (nodes) {
                    nodes.remove(n.id());
                }
                n.connections().shutdown(Duration.ZERO);
                throw e;
            }
        }
        return n;
    }

    /**
     * Removes a node: it leaves routing and fan-outs at once, then its health checks stop and its pool is drained
     * (for its configured drain time) and closed, which ends its sessions on the server.
     *
     * @throws IllegalArgumentException when there is no such node
     */
    public ShutdownReport removeNode(String id) {
        ClusterNode n;
        synchronized (nodes) {
            n = nodes.remove(id);
        }
        if (n == null) {
            throw unknown(id);
        }
        ShutdownReport report = n.connections().shutdown(n.connections().config().shutdown().drain());
        fire(n, ClusterEvent.NODE_REMOVED, report, l -> l.onNodeRemoved(n, report));
        LOG.info("cluster: removed node {} ({})", id, report);
        return report;
    }

    /**
     * The node with this id.
     *
     * @throws IllegalArgumentException naming the nodes there are
     */
    public ClusterNode node(String id) {
        synchronized (nodes) {
            ClusterNode n = nodes.get(id);
            if (n == null) {
                throw unknown(id);
            }
            return n;
        }
    }

    /** The nodes, in the order they were configured or added. */
    public List<ClusterNode> nodes() {
        synchronized (nodes) {
            return List.copyOf(nodes.values());
        }
    }

    /** Whether there is a node with this id. */
    public boolean hasNode(String id) {
        synchronized (nodes) {
            return nodes.containsKey(id);
        }
    }

    /** Whether the cluster has been initialized and not shut down. */
    public boolean isRunning() {
        return running && !closed;
    }

    /** The node's health as of its last check. */
    public NodeHealth health(String id) {
        return node(id).health();
    }

    /** Every node's health as of its last check, in the nodes' order. */
    public Map<String, NodeHealth> allHealth() {
        Map<String, NodeHealth> out = new LinkedHashMap<>();
        for (ClusterNode n : nodes()) {
            out.put(n.id(), n.health());
        }
        return out;
    }

    /** The nodes whose last checks found them healthy. */
    public List<ClusterNode> healthyNodes() {
        return nodes().stream().filter(ClusterNode::isHealthy).toList();
    }

    /**
     * The node to write to: a healthy node that is a primary (by what its server reports, else by configuration),
     * the configured primary first when there are several.
     *
     * @throws NoHealthyNodeException when no primary is healthy, listing the nodes' health
     */
    public ClusterNode primary() {
        return nodes().stream().filter(n -> n.role() == NodeRole.PRIMARY && n.isHealthy())
                .min(Comparator.comparing(n -> n.configuredRole() == NodeRole.PRIMARY ? 0 : 1))
                .orElseThrow(() -> noneHealthy("a healthy primary"));
    }

    /**
     * The node to read from: a healthy replica whose replay lag is within {@link ClusterConfig#maxReplicaLag()},
     * picked by the {@link ClusterConfig#readStrategy()}; else the primary; in a cluster of peers, a healthy peer.
     * Never an unhealthy node.
     *
     * @throws NoHealthyNodeException when no node qualifies, listing the nodes' health
     */
    public ClusterNode reader() {
        List<ClusterNode> all = nodes();
        List<ClusterNode> replicas = all.stream().filter(n -> n.role() == NodeRole.REPLICA && n.isHealthy()
                && !lagging(n)).toList();
        if (!replicas.isEmpty()) {
            return pick(replicas);
        }
        if (all.stream().anyMatch(n -> n.role() == NodeRole.PRIMARY)) {
            return primary();
        }
        List<ClusterNode> peers = all.stream().filter(n -> n.role() == NodeRole.PEER && n.isHealthy()).toList();
        if (peers.isEmpty()) {
            throw noneHealthy("a healthy replica, primary or peer to read from");
        }
        return pick(peers);
    }

    private boolean lagging(ClusterNode n) {
        ReplicationStatus r = n.health().replication();
        return r != null && r.lagExceeds(config.maxReplicaLag());
    }

    private ClusterNode pick(List<ClusterNode> candidates) {
        if (config.readStrategy() == ReadStrategy.LEAST_LATENCY) {
            return candidates.stream().min(Comparator.comparing(Cluster::latency)).orElseThrow();
        }
        return candidates.get(Math.floorMod(turn.getAndIncrement(), candidates.size()));
    }

    private static Duration latency(ClusterNode n) {
        TimingStats recent = n.connections().healthLatency().recent();
        if (recent.count() > 0) {
            return recent.p50();
        }
        Duration last = n.health().lastLatency();
        return last == null ? Duration.ofDays(1) : last;
    }

    /**
     * Runs {@code sql} on every node at once, each borrowing from its own pool, and returns one result per node (its
     * rows as column-name maps, or its error), in the nodes' order, within {@code timeout}: a node still running then
     * gets a timeout entry and its statement is cancelled.
     */
    public List<NodeResult<List<Map<String, Object>>>> queryAll(String sql, Duration timeout) {
        return fanOut(nodes(), rows(sql), timeout);
    }

    /** As {@link #queryAll}, on the nodes that are healthy now. */
    public List<NodeResult<List<Map<String, Object>>>> queryHealthy(String sql, Duration timeout) {
        return fanOut(healthyNodes(), rows(sql), timeout);
    }

    /**
     * Runs {@code work} on each of {@code targets} at once, each on its own virtual thread, and returns one result per
     * node in their order within {@code timeout}; a node that fails or runs out of time yields its error entry (see
     * {@link NodeResult}) and never fails or delays the others. The typed fan-outs of the query module run on this.
     */
    public <T> List<NodeResult<T>> fanOut(List<ClusterNode> targets, NodeWork<T> work, Duration timeout) {
        checkOpen();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ConfigException("timeout", timeout == null ? null : Durations.format(timeout), "a duration above 0");
        }
        return FanOut.run(targets, work, timeout, executor);
    }

    private static NodeWork<List<Map<String, Object>>> rows(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new ConfigException("sql", sql, "an SQL statement");
        }
        return (node, call) -> {
            try (Connection c = node.connections().getConnection(); Statement s = c.createStatement()) {
                call.onCancel(() -> {
                    try {
                        s.cancel();
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                List<Map<String, Object>> out = new ArrayList<>();
                if (!s.execute(sql)) {
                    return out;
                }
                try (ResultSet rs = s.getResultSet()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.put(md.getColumnLabel(i), rs.getObject(i));
                        }
                        out.add(row);
                    }
                }
                return out;
            }
        };
    }

    /** Shuts every node down at once, each draining in-flight work for up to {@code drain}; returns each node's report. */
    public Map<String, ShutdownReport> shutdown(Duration drain) {
        closed = true;
        running = false;
        Map<String, ShutdownReport> reports = shutdownNodes(nodes(), drain);
        executor.shutdownNow();
        return reports;
    }

    /** {@link #shutdown(Duration)} with each node's configured drain time. */
    @Override
    public void close() {
        shutdown(null);
    }

    private Map<String, ShutdownReport> shutdownNodes(List<ClusterNode> targets, Duration drain) {
        Map<String, java.util.concurrent.Future<ShutdownReport>> closing = new LinkedHashMap<>();
        try (ExecutorService closers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ClusterNode n : targets) {
                Duration d = drain != null ? drain : n.connections().config().shutdown().drain();
                closing.put(n.id(), closers.submit(() -> n.connections().shutdown(d)));
            }
        }
        Map<String, ShutdownReport> reports = new LinkedHashMap<>();
        closing.forEach((id, f) -> reports.put(id, f.state() == java.util.concurrent.Future.State.SUCCESS ? f.resultNow()
                : new ShutdownReport(id, 0, 0, 0, Duration.ZERO)));
        return reports;
    }

    private ClusterNode register(NodeConfig config) {
        synchronized (nodes) {
            if (nodes.containsKey(config.id())) {
                throw new ConfigException("id", config.id(), "an id no other node of the cluster has; nodes: "
                        + String.join(", ", nodes.keySet()));
            }
            ClusterNode n = new ClusterNode(config, ConnectionManager.create(config.connection()));
            n.connections().addListener(new NodeEvents(n));
            nodes.put(config.id(), n);
            return n;
        }
    }

    /** Announces the node and opens its pool; when it connected, checks it once so its role and lag are known. */
    private void open(ClusterNode n) {
        fire(n, ClusterEvent.NODE_ADDED, n, l -> l.onNodeAdded(n));
        n.connections().connect();
        if (n.connections().state() == ConnectionState.CONNECTED) {
            n.connections().checkHealth();
        }
    }

    /** Delivers one event of a node to every listener: one at a time per node, in the order they happen. */
    private void fire(ClusterNode n, String type, Object detail, java.util.function.Consumer<ClusterListener> typed) {
        ClusterEvent event = new ClusterEvent(type, n.id(), Instant.now(), detail);
        synchronized (n.eventLock) {
            for (ClusterListener l : listeners) {
                try {
                    l.onEvent(event);
                    typed.accept(l);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("cluster: listener {} failed on {} of node {}; other listeners and the cluster are not affected",
                            l.getClass().getName(), type, n.id(), e);
                }
            }
        }
    }

    /** Turns one node's manager events into the cluster's. */
    private final class NodeEvents implements ConnectionListener {
        private final ClusterNode node;

        NodeEvents(ClusterNode node) {
            this.node = node;
        }

        @Override
        public void onHealthCheck(NodeHealth health) {
            ClusterEvent.RoleChange change;
            synchronized (node.eventLock) { // observing and announcing in one step keeps the node's order
                change = node.observe(health);
                fire(node, ClusterEvent.NODE_HEALTH, health, l -> l.onNodeHealth(node, health));
                if (change != null) {
                    LOG.warn("cluster: node {} is configured as {} and was routed as {}, but its server reports {}; routing it as {}",
                            node.id(), change.configured().id(), change.from().id(), change.to().id(), change.to().id());
                    fire(node, ClusterEvent.NODE_ROLE, change, l -> l.onRoleChanged(node, change));
                }
            }
        }

        @Override
        public void onStateChange(ConnectionState from, ConnectionState to) {
            if (to == ConnectionState.CONNECTED && (from == ConnectionState.CONNECTING || from == ConnectionState.RECONNECTING)) {
                ServerInfo info = node.connections().serverInfo();
                fire(node, ClusterEvent.NODE_CONNECTED, info, l -> l.onNodeConnected(node, info));
            } else if (to == ConnectionState.RECONNECTING || (from == ConnectionState.CLOSING)) {
                fire(node, ClusterEvent.NODE_DISCONNECTED, to, l -> l.onNodeDisconnected(node, to));
            }
        }

        @Override
        public void onPoolStats(PoolStats stats) {
            fire(node, ClusterEvent.POOL_STATS, stats, l -> l.onPoolStats(node, stats));
        }
    }

    private NoHealthyNodeException noneHealthy(String wanted) {
        StringBuilder sb = new StringBuilder("The cluster has no ").append(wanted).append(" (max-replica-lag ")
                .append(Durations.format(config.maxReplicaLag())).append("); nodes:");
        for (ClusterNode n : nodes()) {
            NodeHealth h = n.health();
            sb.append(' ').append(n.id()).append('=').append(n.role().id()).append('/').append(h.status());
            if (n.replicationLag() != null) {
                sb.append("/lag ").append(Durations.format(n.replicationLag()));
            }
            if (!h.isHealthy() && h.lastError() != null) {
                sb.append(" (").append(h.lastError()).append(')');
            }
            sb.append(';');
        }
        return new NoHealthyNodeException(sb.toString());
    }

    private IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("No node '" + id + "' in the cluster; nodes: " + String.join(", ",
                nodes().stream().map(ClusterNode::id).toList()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The cluster is shut down; create a new one");
        }
    }

    @Override
    public String toString() {
        return "Cluster[" + (config.name() == null ? "" : config.name() + " ") + nodes() + "]";
    }
}
