package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.NodeHealth;
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

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "How long one check may take in all, connecting included (default ${DEFAULT-VALUE}).")
    String timeout;

    @Override
    public Integer call() throws InterruptedException {
        Duration every = dev.sluice.connection.Durations.parse("--interval", interval);
        Duration limit = dev.sluice.connection.Durations.parse("--timeout", timeout);
        if (limit.compareTo(Duration.ofMillis(100)) < 0) {
            throw new dev.sluice.connection.ConfigException("--timeout", timeout, "a duration of at least 100ms, e.g. 5s");
        }
        // Each check is one bounded probe on a connection of its own: a server that accepts TCP and never answers is
        // reported unhealthy after --timeout, not after the connect timeout plus the check.
        var config = database.builder(root.environment(), null).health(new HealthSettings(Duration.ZERO, limit, 1)).build();
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
            print(h, config.redactedUrl());
            n++;
        } while (watch && (count == 0 || n < count));
        return h.isHealthy() ? 0 : Sluice.FAILED;
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
