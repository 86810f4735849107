package dev.sluice.query;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterListener;
import dev.sluice.connection.ClusterNode;
import dev.sluice.connection.NodeResult;
import dev.sluice.connection.ShutdownReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.ResultQuery;

/**
 * Typed SQL on a {@link Cluster}: a {@link Database} per node, for writes on the primary, reads on a replica, work on
 * one node, and jOOQ queries fanned out to every node at once.
 *
 * <pre>{@code
 * try (Cluster cluster = Cluster.start(ClusterConfig.fromYaml(Path.of("cluster.yaml")))) {
 *     ClusterDatabase db = ClusterDatabase.using(cluster);
 *     db.primary().transaction(tx -> tx.insertInto(ORDERS).set(order).execute());
 *     List<OrdersRecord> recent = db.reader().dsl().selectFrom(ORDERS).orderBy(ORDERS.ID.desc()).limit(10).fetch();
 *     for (NodeResult<Result<Record1<Integer>>> r : db.queryHealthy(dsl -> dsl.selectCount().from(ORDERS), Duration.ofSeconds(2))) {
 *         System.out.println(r.node() + ": " + (r.isOk() ? r.value().get(0).value1() : r.errorMessage()));
 *     }
 * }
 * }</pre>
 *
 * Each node's {@link Database} uses the dialect of the server it reaches and borrows from the node's pool; it is made
 * when first asked for and dropped when its node leaves the cluster. The cluster stays the caller's to shut down.
 */
public final class ClusterDatabase {
    private final Cluster cluster;
    private final Map<ClusterNode, Database> databases = new ConcurrentHashMap<>();

    private ClusterDatabase(Cluster cluster) {
        this.cluster = cluster;
        cluster.addListener(new ClusterListener() {
            @Override
            public void onNodeRemoved(ClusterNode node, ShutdownReport report) {
                databases.remove(node);
            }
        });
    }

    /** Typed access to the nodes of a cluster the caller runs. */
    public static ClusterDatabase using(Cluster cluster) {
        return new ClusterDatabase(cluster);
    }

    /** The cluster. */
    public Cluster cluster() {
        return cluster;
    }

    /** The database to write to ({@link Cluster#primary()}). */
    public Database primary() {
        return of(cluster.primary());
    }

    /** A database to read from ({@link Cluster#reader()}): a healthy replica within the lag limit, else the primary. */
    public Database reader() {
        return of(cluster.reader());
    }

    /** The database of one node. */
    public Database node(String id) {
        return of(cluster.node(id));
    }

    /**
     * The database of a node.
     *
     * @throws IllegalStateException when the node has never connected (its SQL dialect depends on its server)
     */
    public Database of(ClusterNode node) {
        return databases.computeIfAbsent(node, n -> Database.using(n.connections()));
    }

    /**
     * Runs the query that {@code query} builds on every node at once, and returns one result per node (its records,
     * or its error or timeout) within {@code timeout}; a node still running then has its statement cancelled. The
     * query is built once per node, with that node's {@link DSLContext}, so each gets its server's dialect.
     */
    public <R extends Record> List<NodeResult<Result<R>>> queryAll(Function<DSLContext, ? extends ResultQuery<R>> query,
            Duration timeout) {
        return fanOut(cluster.nodes(), query, timeout);
    }

    /** As {@link #queryAll}, on the nodes that are healthy now. */
    public <R extends Record> List<NodeResult<Result<R>>> queryHealthy(Function<DSLContext, ? extends ResultQuery<R>> query,
            Duration timeout) {
        return fanOut(cluster.healthyNodes(), query, timeout);
    }

    /**
     * Runs a query built without a connection ({@code DSL.select(...)}) on every node at once, rendered for each
     * node's dialect; the records have the query's fields.
     */
    public List<NodeResult<Result<Record>>> queryAll(ResultQuery<? extends Record> query, Duration timeout) {
        return queryAll(copyOf(query), timeout);
    }

    /** As {@link #queryAll(ResultQuery, Duration)}, on the nodes that are healthy now. */
    public List<NodeResult<Result<Record>>> queryHealthy(ResultQuery<? extends Record> query, Duration timeout) {
        return queryHealthy(copyOf(query), timeout);
    }

    /**
     * The query for one node: rendered with the node's own context (jOOQ query objects are not safe to execute from
     * several threads, so each node gets its own statement), with the original's fields.
     */
    private static Function<DSLContext, ResultQuery<Record>> copyOf(ResultQuery<? extends Record> query) {
        return dsl -> {
            String sql;
            Object[] binds;
            synchronized (query) { // rendering reads the query; one node at a time
                sql = dsl.render(query);
                binds = dsl.extractBindValues(query).toArray();
            }
            return dsl.resultQuery(sql, binds).coerce(query.fields());
        };
    }

    private <R extends Record> List<NodeResult<Result<R>>> fanOut(List<ClusterNode> nodes,
            Function<DSLContext, ? extends ResultQuery<R>> query, Duration timeout) {
        return cluster.fanOut(nodes, (node, call) -> {
            ResultQuery<R> q = query.apply(of(node).dsl());
            call.onCancel(q::cancel);
            return q.fetch();
        }, timeout);
    }

    @Override
    public String toString() {
        return "ClusterDatabase[" + cluster + "]";
    }
}
