package dev.sluice.tools.internal;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.Durations;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.NodeResult;
import dev.sluice.migrations.TextColumns;
import dev.sluice.query.ClusterDatabase;
import dev.sluice.query.Database;
import dev.sluice.query.SqlStatement;
import dev.sluice.query.StatementResult;
import dev.sluice.tools.Sluice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice query "SQL"}: one statement, read-only unless {@code --write}; on one database or every node of a cluster. */
@Command(name = "query", description = {"Run one SQL statement and print its rows (or the rows it changed) and its time.",
    "Read-only unless --write (enforced by the server; SQLite: query_only). A statement the database refuses: exit 1 and its message.",
    "With --config CLUSTER.yaml and --all or --healthy: on every (healthy) node at once, one block (or JSON entry) per node; "
        + "exit 1 when a required node fails."})
public final class QueryCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "SQL", description = "The statement, e.g. \"SELECT * FROM users LIMIT 10\".")
    String sql;

    @Option(names = "--json", description = "Print JSON: columns, rows as objects, counts, time in milliseconds.")
    boolean json;

    @Option(names = "--write", description = "Allow the statement to change data (it runs in a read-write transaction, committed).")
    boolean write;

    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000", description = "Rows to print at most (default ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--all", description = "With a cluster's --config: run on every node.")
    boolean all;

    @Option(names = "--healthy", description = "With a cluster's --config: run on the nodes that are healthy.")
    boolean healthy;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "With --all or --healthy: how long each node may take (default ${DEFAULT-VALUE}).")
    String timeout;

    /** One query's result in {@code --json}. */
    record Output(List<String> columns, List<Map<String, Object>> rows, int rowCount, long updateCount, boolean truncated,
            Duration elapsed) {
        static Output of(StatementResult r) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (List<Object> row : r.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < row.size(); i++) {
                    m.put(r.columns().get(i), row.get(i));
                }
                rows.add(m);
            }
            return new Output(r.columns(), rows, r.rows().size(), r.updateCount(), r.truncated(), r.elapsed());
        }
    }

    /** One node's entry in {@code --json}: its result or its error. */
    record NodeOutput(String node, boolean required, boolean ok, Duration elapsed, Output result, String error) {}

    @Override
    int run() {
        if (all && healthy) {
            throw ConfigException.of("--all", "Give --all or --healthy, not both");
        }
        SqlStatement statement = SqlStatement.of(sql).allowWrites(write).maxRows(maxRows);
        ClusterConfig cluster = database.cluster(root.environment());
        if (cluster != null) {
            if (!all && !healthy) {
                throw ConfigException.of("--all", "A cluster's --config file (" + database.config + ") needs --all or --healthy: "
                        + "on which nodes to run the statement");
            }
            return runCluster(cluster, statement, Durations.parse("--timeout", timeout));
        }
        if (all || healthy) {
            throw ConfigException.of(all ? "--all" : "--healthy", (all ? "--all" : "--healthy")
                    + " needs a cluster: --config CLUSTER.yaml (a file with nodes)");
        }
        try (Database db = Database.connect(config().build())) {
            StatementResult r = statement.run(db);
            print(json, Output.of(r), () -> text(r).forEach(root.out()::println));
            return 0;
        }
    }

    private int runCluster(ClusterConfig config, SqlStatement statement, Duration limit) {
        try (Cluster cluster = Cluster.start(config)) {
            ClusterDatabase db = ClusterDatabase.using(cluster);
            List<NodeResult<StatementResult>> results = all ? statement.runAll(db, limit) : statement.runHealthy(db, limit);
            Map<String, Boolean> required = new LinkedHashMap<>();
            config.nodes().forEach(n -> required.put(n.id(), n.required()));
            List<NodeOutput> out = results.stream().map(r -> new NodeOutput(r.node(), required.getOrDefault(r.node(), false), r.isOk(),
                    r.elapsed(), r.isOk() ? Output.of(r.value()) : null, r.errorMessage())).toList();
            print(json, Map.of("nodes", out), () -> {
                for (NodeResult<StatementResult> r : results) {
                    root.out().printf("== %s  %s  %s%s%n", r.node(), r.isOk() ? "ok" : r.timedOut() ? "timed out" : "error",
                            ClusterReport.ms(r.elapsed()), required.getOrDefault(r.node(), false) ? "  required" : "");
                    if (r.isOk()) {
                        text(r.value()).forEach(root.out()::println);
                    } else {
                        root.out().println("error: " + r.errorMessage().replace('\n', ' '));
                    }
                }
            });
            if (results.isEmpty()) {
                root.out().flush();
                throw new IllegalStateException("No node to run the statement on: none of " + config.nodes().stream()
                        .map(NodeConfig::id).toList() + " is healthy");
            }
            boolean requiredFailed = results.stream().anyMatch(r -> !r.isOk() && required.getOrDefault(r.node(), false));
            boolean noneOk = results.stream().noneMatch(NodeResult::isOk);
            return requiredFailed || noneOk ? Sluice.FAILED : 0;
        }
    }

    /** A query's rows as an aligned table and a summary line; an update's count. */
    private static List<String> text(StatementResult r) {
        String took = ClusterReport.ms(r.elapsed());
        if (!r.isQuery()) {
            return List.of(r.updateCount() + (r.updateCount() == 1 ? " row" : " rows") + " changed (" + took + ")");
        }
        TextColumns table = new TextColumns(r.columns().toArray(String[]::new));
        for (List<Object> row : r.rows()) {
            table.add(row.stream().map(QueryCommand::cell).toArray());
        }
        List<String> lines = new ArrayList<>(table.lines());
        int n = r.rows().size();
        lines.add("(" + n + (n == 1 ? " row" : " rows") + (r.truncated() ? ", more not shown (--max-rows)" : "") + ", " + took + ")");
        return lines;
    }

    /** A value on one line: NULL spelled out, line breaks and tabs escaped. */
    private static String cell(Object v) {
        if (v == null) {
            return "NULL";
        }
        return String.valueOf(v).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
