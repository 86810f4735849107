package dev.sluice.tools.internal;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ClusterNode;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Durations;
import dev.sluice.connection.HealthLatency;
import dev.sluice.connection.PoolStats;
import dev.sluice.connection.PoolTimings;
import dev.sluice.connection.TimingStats;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice stats}: opens the configured pool, runs a few round trips through it and prints the pool metrics
 * (active, idle, waiting, total, max; acquire and usage times, timeouts and health-check round trips), for the recent
 * window ({@code stats.window}) or, with {@code --since-start}, since the pool was opened.
 */
@Command(name = "stats", description = {"Open the configured pool, make a few round trips and print its metrics "
        + "(the recent window, stats.window; or --since-start).",
    "With --config CLUSTER.yaml (a file with nodes): every node's pool, one line each; exit 1 when a required node is unhealthy "
        + "or none is healthy."})
public final class StatsCommand extends DatabaseCommand {
    @Option(names = "--json", description = "Print JSON: both periods, durations in milliseconds.")
    boolean json;

    @Option(names = "--since-start", description = "Show the totals since the pool was opened instead of the recent window.")
    boolean sinceStart;

    @Option(names = "--queries", defaultValue = "20", description = "Round trips to make before reporting (default ${DEFAULT-VALUE}).")
    int queries;

    /** What {@code --json} prints: the pool's statistics and the health checks' round trips, both periods. */
    record Output(String url, Duration window, PoolStats pool, HealthLatency healthLatency) {}

    @Override
    int run() throws Exception {
        if (queries < 0 || queries > 1_000_000) {
            throw new ConfigException("--queries", queries, "a whole number from 0 to 1000000");
        }
        ClusterConfig clusterConfig = database.cluster(root.environment());
        if (clusterConfig != null) {
            return runCluster(clusterConfig);
        }
        ConnectionConfig config = config().build();
        try (ConnectionManager m = ConnectionManager.connect(config)) {
            String ping = m.vendor().pingSql();
            for (int i = 0; i < queries; i++) {
                try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                    s.execute(ping);
                }
            }
            PoolStats st = m.poolStats();
            HealthLatency h = m.healthLatency();
            print(json, new Output(config.redactedUrl(), config.stats().window(), st, h), () -> {
                PoolTimings t = sinceStart ? st.sinceStart() : st.recent();
                root.out().printf("pool %s (%s)%n", st.pool(), config.redactedUrl());
                root.out().printf("  %s min=%d%n", st.summary(), st.min());
                root.out().printf("  %s (%s, window %s):%n", sinceStart ? "since start" : "recent", Durations.format(t.period()),
                        Durations.format(config.stats().window()));
                root.out().printf("    acquire: %s%n", text(t.acquire()));
                root.out().printf("    usage:   %s%n", text(t.usage()));
                root.out().printf("    timeouts=%d%n", t.timeouts());
                root.out().printf("    health:  %s%n", text(sinceStart ? h.sinceStart() : h.recent()));
            });
            return 0;
        }
    }

    /** Every node's pool opened at once, the round trips made on each, one line (or JSON object) per node. */
    private int runCluster(ClusterConfig config) throws Exception {
        try (Cluster cluster = Cluster.start(config)) {
            cluster.fanOut(cluster.healthyNodes(), (node, call) -> {
                String ping = node.vendor().pingSql();
                for (int i = 0; i < queries; i++) {
                    try (Connection c = node.connections().getConnection(); Statement s = c.createStatement()) {
                        s.execute(ping);
                    }
                }
                return null;
            }, Duration.ofSeconds(30));
            List<ClusterReport.PoolLine> lines = new ArrayList<>();
            for (ClusterNode n : cluster.nodes()) {
                lines.add(new ClusterReport.PoolLine(n.id(), n.connections().config().redactedUrl(), n.role().id(), n.required(),
                        n.connections().state().name(), n.connections().poolStats(), n.connections().healthLatency()));
            }
            print(json, Map.of("nodes", lines), () -> {
                for (ClusterReport.PoolLine l : lines) {
                    PoolTimings t = sinceStart ? l.pool().sinceStart() : l.pool().recent();
                    TimingStats h = sinceStart ? l.healthLatency().sinceStart() : l.healthLatency().recent();
                    root.out().printf("%-16s %-12s %-8s %s  acquire_p50=%s p99=%s  usage_p50=%s p99=%s  timeouts=%d  health_p50=%s%s%n",
                            l.node(), l.state(), l.role(), l.pool().summary(), ClusterReport.ms(t.acquire().p50()),
                            ClusterReport.ms(t.acquire().p99()), ClusterReport.ms(t.usage().p50()), ClusterReport.ms(t.usage().p99()),
                            t.timeouts(), ClusterReport.ms(h.p50()), l.required() ? "  required" : "");
                }
            });
            return ClusterReport.exitCode(config.nodes(), id -> cluster.health(id));
        }
    }

    private static String text(TimingStats t) {
        return String.format("count=%d mean=%.3fms p50=%.3fms p95=%.3fms p99=%.3fms max=%.3fms", t.count(), ms(t.mean()), ms(t.p50()),
                ms(t.p95()), ms(t.p99()), ms(t.max()));
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
