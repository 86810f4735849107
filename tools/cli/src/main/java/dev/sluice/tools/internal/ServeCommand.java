package dev.sluice.tools.internal;

import dev.sluice.connection.Cluster;
import dev.sluice.connection.ClusterConfig;
import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Durations;
import dev.sluice.connection.NodeConfig;
import dev.sluice.connection.StartupMode;
import dev.sluice.migrations.Migrations;
import dev.sluice.monitoring.MonitoringServer;
import dev.sluice.monitoring.SluiceEndpoints;
import dev.sluice.query.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice serve}: {@link SluiceEndpoints} in a {@link MonitoringServer} until SIGTERM or Ctrl-C, which stops it
 * gracefully: requests in flight finish, then the pools drain.
 */
@Command(name = "serve", description = {"Serve the database's health and Prometheus metrics over HTTP until stopped (SIGTERM, Ctrl-C):",
    "  GET /health/db   JSON per node (state, latency, last error); 200 when every required node is healthy, else 503",
    "    (the last check, made every health.interval; ?check=now checks first)",
    "  GET /metrics     Prometheus text: pool connections, acquire/usage timers, timeouts, node health, schema version",
    "With --config CLUSTER.yaml (a file with nodes): every node. A stop lets requests in flight finish, then drains the pools."})
public final class ServeCommand extends DatabaseCommand {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9430", description = "Port to listen on (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 exposes it to the network).")
    String bind;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "10s",
            description = "On stop, how long requests in flight may take to finish (default ${DEFAULT-VALUE}).")
    String grace;

    @Mixin
    MigrationOptions migrations;

    @Override
    int run() throws InterruptedException {
        Duration graceTime = Durations.parse("--grace", grace);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ClusterConfig clusterConfig = database.cluster(root.environment());
        AutoCloseable pools;
        SluiceEndpoints.Builder endpoints = SluiceEndpoints.builder().registry(registry).migrationVersion(versionReader(), Duration.ofSeconds(30));
        if (clusterConfig != null) {
            Cluster cluster = Cluster.start(withRegistry(clusterConfig, registry));
            endpoints.cluster(cluster);
            pools = cluster; // each node drains for its own shutdown.drain
        } else {
            // the server starts (and answers 503) while the database is down; its own hook is off: the order is ours
            ConnectionConfig config = config().meterRegistry(registry).startup(StartupMode.BACKGROUND).shutdown(s -> s.hook(false)).build();
            ConnectionManager db = ConnectionManager.connect(config);
            endpoints.database(db);
            pools = db;
        }
        SluiceEndpoints served = endpoints.build();
        MonitoringServer server;
        try {
            server = MonitoringServer.start(served, bind, port);
        } catch (RuntimeException e) {
            close(served, pools);
            throw e;
        }
        PrintStream out = root.out();
        out.println("sluice serve: listening on " + server.url() + " (GET " + SluiceEndpoints.HEALTH_PATH + ", GET "
                + SluiceEndpoints.METRICS_PATH + "); stop with SIGTERM or Ctrl-C");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            int abandoned = server.stop(graceTime);
            close(served, pools);
            out.println("sluice serve: stopped" + (abandoned == 0 ? "; every request in flight finished" : "; " + abandoned
                    + " request(s) still running after --grace " + grace + " were abandoned") + "; pools drained");
            out.flush();
            stopped.countDown();
        }, "sluice-serve-stop"));
        stopped.await(); // until the hook has run; the JVM exits when it returns
        return 0;
    }

    /** Each node's schema version, read through Flyway from the history table of the locations given. */
    private Function<ConnectionManager, String> versionReader() {
        return m -> migrations.migrations(Database.using(m)).currentVersion();
    }

    /** The cluster's nodes publishing their pool meters to {@code registry}. */
    private static ClusterConfig withRegistry(ClusterConfig c, PrometheusMeterRegistry registry) {
        ClusterConfig.Builder b = ClusterConfig.builder().name(c.name()).readStrategy(c.readStrategy()).maxReplicaLag(c.maxReplicaLag());
        for (NodeConfig n : c.nodes()) {
            b.node(n.toBuilder().connection(n.connection().toBuilder().meterRegistry(registry).shutdown(s -> s.hook(false)).build()).build());
        }
        return b.build();
    }

    private static void close(SluiceEndpoints endpoints, AutoCloseable pools) {
        endpoints.close();
        try {
            pools.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the pools failed: " + e.getMessage(), e);
        }
    }
}
