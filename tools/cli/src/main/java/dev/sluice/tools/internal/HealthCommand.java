package dev.sluice.tools.internal;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConfigException;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Durations;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.NodeHealth;
import dev.sluice.tools.Sluice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice health}: status, latency, consecutive failures and last error; exit 1 when unhealthy. */
@Command(name = "health", description = {"Check the database's health: status, latency, consecutive failures, last error. Exit 1 when unhealthy.",
    "With --config CLUSTER.yaml (a file with nodes): every node at once, one line each (role as the server reports it, replica lag); "
        + "exit 1 when a required node is unhealthy or none is healthy."})
public final class HealthCommand extends DatabaseCommand {
    @Option(names = "--json", description = "Print JSON (durations in milliseconds).")
    boolean json;

    @Option(names = "--watch", description = "Keep checking at the interval until interrupted (Ctrl-C).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", description = "Interval for --watch (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "With --watch: stop after N checks (0 = never).")
    int count;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long one check may take in all, connecting included (default ${DEFAULT-VALUE}).")
    String timeout;

    /** What {@code --json} prints for each check. */
    record Output(String url, @JsonUnwrapped NodeHealth health) {}

    @Override
    int run() throws InterruptedException {
        Duration every = Durations.parse("--interval", interval);
        Duration limit = Durations.parse("--timeout", timeout);
        // Each check is one bounded probe on a connection of its own: a server that accepts TCP and never answers is
        // reported unhealthy after --timeout, not after the connect timeout plus the check.
        HealthSettings oneProbe;
        try {
            oneProbe = HealthSettings.builder().interval(Duration.ZERO).timeout(limit).unhealthyThreshold(1).build();
        } catch (ConfigException e) { // health.timeout's own limit, named as the user gave it
            throw new ConfigException("--timeout", timeout, e.allowed());
        }
        ClusterConfig cluster = database.cluster(root.environment());
        if (cluster != null) {
            return runCluster(ClusterConfig.builder().nodes(cluster.nodes()).health(oneProbe).build(), every);
        }
        ConnectionConfig config = config().health(oneProbe).build();
        NodeHealth h;
        int failures = 0;
        int n = 0;
        do {
            if (n > 0) {
                Thread.sleep(every.toMillis());
            }
            NodeHealth check = ConnectionManager.probeHealth(config);
            failures = check.isHealthy() ? 0 : failures + 1;
            h = new NodeHealth(check.status(), check.state(), check.lastLatency(), failures, check.lastError(), check.lastCheck());
            NodeHealth shown = h;
            print(json, new Output(config.redactedUrl(), h), () -> root.out().printf("%s  %s  latency=%s  consecutive_failures=%d%s%n",
                    shown.lastCheck(), shown.status(),
                    shown.lastLatency() == null ? "-" : String.format("%.2fms", shown.lastLatency().toNanos() / 1e6),
                    shown.consecutiveFailures(), shown.lastError() == null ? "" : "  last_error=" + shown.lastError()));
            n++;
        } while (watch && (count == 0 || n < count));
        return h.isHealthy() ? 0 : Sluice.FAILED;
    }

    /** Every node probed at once, each check; one line (or JSON object) per node. */
    private int runCluster(ClusterConfig cluster, Duration every) throws InterruptedException {
        Map<String, NodeHealth> health;
        int n = 0;
        do {
            if (n > 0) {
                Thread.sleep(every.toMillis());
            }
            health = Cluster.probeHealth(cluster);
            Map<String, NodeHealth> shown = health;
            List<ClusterReport.NodeLine> lines = cluster.nodes().stream().map(c -> ClusterReport.NodeLine.of(c, shown.get(c.id()))).toList();
            print(json, Map.of("nodes", lines), () -> cluster.nodes().forEach(c -> root.out().println(
                    ClusterReport.healthText(c, shown.get(c.id())))));
            n++;
        } while (watch && (count == 0 || n < count));
        return ClusterReport.exitCode(cluster.nodes(), health::get);
    }
}
