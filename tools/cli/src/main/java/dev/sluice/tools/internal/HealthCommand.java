package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.NodeHealth;
import dev.sluice.connection.StartupMode;
import dev.sluice.tools.Sluice;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code sluice health}: status, latency, consecutive failures and last error; exit 1 when unhealthy. */
@Command(name = "health", description = "Check the database's health: status, latency, consecutive failures, last error. Exit 1 when unhealthy.")
public final class HealthCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Sluice root;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--watch", description = "Keep checking at the interval until interrupted (Ctrl-C).")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "2s", description = "Interval for --watch (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "With --watch: stop after N checks (0 = never).")
    int count;

    @Override
    public Integer call() throws InterruptedException {
        Duration every = dev.sluice.connection.Durations.parse("--interval", interval);
        // Health is judged by our own checks here; BACKGROUND start so an unreachable database is reported, not thrown.
        var config = database.builder(root.environment(), null).startup(StartupMode.BACKGROUND)
                .health(new HealthSettings(Duration.ZERO, Duration.ofSeconds(5), 1)).pool(p -> p.min(0).max(1)).build();
        try (ConnectionManager m = ConnectionManager.create(config)) {
            m.connect();
            NodeHealth h = m.checkHealth();
            print(h, config.redactedUrl());
            int n = 1;
            while (watch && (count == 0 || n < count)) {
                Thread.sleep(every.toMillis());
                h = m.checkHealth();
                print(h, config.redactedUrl());
                n++;
            }
            return h.isHealthy() ? 0 : Sluice.FAILED;
        }
    }

    private void print(NodeHealth h, String url) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", url);
            m.put("status", h.status());
            m.put("latencyMs", h.lastLatency());
            m.put("consecutiveFailures", h.consecutiveFailures());
            m.put("lastError", h.lastError());
            m.put("checkedAt", h.lastCheck());
            root.out().println(Json.write(m));
        } else {
            root.out().printf("%s  %s  latency=%s  consecutive_failures=%d%s%n", h.lastCheck(), h.status(),
                    h.lastLatency() == null ? "-" : String.format("%.2fms", h.lastLatency().toNanos() / 1e6),
                    h.consecutiveFailures(), h.lastError() == null ? "" : "  last_error=" + h.lastError());
        }
        root.out().flush();
    }
}
