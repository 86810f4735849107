package dev.sluice.query;

import dev.sluice.connection.ConfigException;
import dev.sluice.connection.NodeResult;
import dev.sluice.query.internal.QueryDialect;
import dev.sluice.query.internal.StatementRunner;
import java.time.Duration;
import java.util.List;

/**
 * One SQL statement given as text, as a tool runs it ({@code sluice query}): in a read-only transaction unless writes
 * are allowed (enforced by the server: {@code SET TRANSACTION READ ONLY}, on SQLite {@code PRAGMA query_only}), with a
 * row limit, on one database or on every node of a cluster at once. Immutable.
 *
 * <pre>{@code
 * StatementResult r = SqlStatement.of("SELECT id, email FROM users ORDER BY id").maxRows(100).run(db);
 * List<NodeResult<StatementResult>> perNode = SqlStatement.of("SELECT count(*) FROM users")
 *         .runHealthy(ClusterDatabase.using(cluster), Duration.ofSeconds(5));
 * }</pre>
 *
 * A statement the database refuses fails with a {@link StatementFailedException} carrying the database's message.
 */
public final class SqlStatement {
    /** The default row limit. */
    public static final int DEFAULT_MAX_ROWS = 10_000;

    private final String sql;
    private final boolean writes;
    private final int maxRows;

    private SqlStatement(String sql, boolean writes, int maxRows) {
        this.sql = sql;
        this.writes = writes;
        this.maxRows = maxRows;
    }

    /**
     * A read-only statement with the default row limit.
     *
     * @throws ConfigException when {@code sql} is empty
     */
    public static SqlStatement of(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new ConfigException("sql", sql == null ? null : "", "one SQL statement, e.g. \"SELECT 1\"");
        }
        return new SqlStatement(sql.strip(), false, DEFAULT_MAX_ROWS);
    }

    /** A copy that may (or may not) change data: run in a read-write transaction, committed when it succeeds. */
    public SqlStatement allowWrites(boolean allow) {
        return new SqlStatement(sql, allow, maxRows);
    }

    /** A copy that reads at most {@code rows} rows of a query's result (1 to 1,000,000). */
    public SqlStatement maxRows(int rows) {
        if (rows < 1 || rows > 1_000_000) {
            throw new ConfigException("max rows", rows, "a whole number from 1 to 1000000");
        }
        return new SqlStatement(sql, writes, rows);
    }

    /** The SQL. */
    public String sql() {
        return sql;
    }

    /** Whether writes are allowed. */
    public boolean writesAllowed() {
        return writes;
    }

    /** The row limit. */
    public int maxRows() {
        return maxRows;
    }

    /**
     * Runs the statement on a pooled connection of {@code db}.
     *
     * @throws StatementFailedException with the database's message when it refuses the statement
     */
    public StatementResult run(Database db) {
        return StatementRunner.run(db.connections(), db.vendorDialect(), sql, writes, maxRows, cancel -> { });
    }

    /** Runs the statement on every node of the cluster at once; one entry per node, its result or error. */
    public List<NodeResult<StatementResult>> runAll(ClusterDatabase cluster, Duration timeout) {
        return fanOut(cluster, cluster.cluster().nodes(), timeout);
    }

    /** As {@link #runAll}, on the nodes that are healthy now. */
    public List<NodeResult<StatementResult>> runHealthy(ClusterDatabase cluster, Duration timeout) {
        return fanOut(cluster, cluster.cluster().healthyNodes(), timeout);
    }

    private List<NodeResult<StatementResult>> fanOut(ClusterDatabase cluster, List<dev.sluice.connection.ClusterNode> nodes,
            Duration timeout) {
        return cluster.cluster().fanOut(nodes, (node, call) -> {
            if (node.connections().serverInfo() == null) {
                // never connected (an optional node that was down at the start): say why at once, not after a borrow timeout
                String why = node.health().lastError();
                throw new StatementFailedException("Node '" + node.id() + "' has not connected"
                        + (why == null ? "" : ": " + why.replace('\n', ' ')), null);
            }
            return StatementRunner.run(node.connections(), QueryDialect.of(node.vendor()), sql, writes, maxRows, call::onCancel);
        }, timeout);
    }

    @Override
    public String toString() {
        return "SqlStatement[" + (writes ? "read-write" : "read-only") + ", max " + maxRows + " rows: " + sql + "]";
    }
}
