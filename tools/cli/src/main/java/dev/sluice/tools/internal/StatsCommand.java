package dev.sluice.tools.internal;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Durations;
import dev.sluice.connection.HealthLatency;
import dev.sluice.connection.PoolStats;
import dev.sluice.connection.PoolTimings;
import dev.sluice.connection.TimingStats;
import dev.sluice.tools.Sluice;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice stats}: opens the configured pool, runs a few round trips through it and prints the pool metrics
 * (active, idle, waiting, total, max; acquire and usage times, timeouts and health-check round trips), for the recent
 * window ({@code stats.window}) or, with {@code --since-start}, since the pool was opened.
 */
@Command(name = "stats", description = "Open the configured pool, make a few round trips and print its metrics "
        + "(the recent window, stats.window; or --since-start).")
public final class StatsCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand
    Sluice root;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--json", description = "Print JSON (durations in milliseconds).")
    boolean json;

    @Option(names = "--since-start", description = "Show the totals since the pool was opened instead of the recent window.")
    boolean sinceStart;

    @Option(names = "--queries", defaultValue = "20", description = "Round trips to make before reporting (default ${DEFAULT-VALUE}).")
    int queries;

    @Override
    public Integer call() throws Exception {
        if (queries < 0 || queries > 1_000_000) {
            throw new dev.sluice.connection.ConfigException("--queries", queries, "a whole number from 0 to 1000000");
        }
        var config = database.builder(root.environment(), null).build();
        try (ConnectionManager m = ConnectionManager.connect(config)) {
            for (int i = 0; i < queries; i++) {
                try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
            }
            PoolStats st = m.poolStats();
            PoolTimings t = sinceStart ? st.sinceStart() : st.recent();
            HealthLatency h = m.healthLatency();
            TimingStats health = sinceStart ? h.sinceStart() : h.recent();
            String period = sinceStart ? "since start" : "recent";
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("pool", st.pool());
                out.put("url", config.redactedUrl());
                out.put("active", st.active());
                out.put("idle", st.idle());
                out.put("waiting", st.waiting());
                out.put("total", st.total());
                out.put("max", st.max());
                out.put("min", st.min());
                out.put("period", period);
                out.put("windowMs", config.statsWindow());
                out.put("periodMs", t.period());
                out.put("timeouts", t.timeouts());
                out.put("acquireMs", timing(t.acquire()));
                out.put("usageMs", timing(t.usage()));
                out.put("healthLatencyMs", timing(health));
                root.out().println(Json.write(out));
            } else {
                root.out().printf("pool %s (%s)%n", st.pool(), config.redactedUrl());
                root.out().printf("  %s min=%d%n", st.summary(), st.min());
                root.out().printf("  %s (%s, window %s):%n", period, Durations.format(t.period()), Durations.format(config.statsWindow()));
                root.out().printf("    acquire: %s%n", text(t.acquire()));
                root.out().printf("    usage:   %s%n", text(t.usage()));
                root.out().printf("    timeouts=%d%n", t.timeouts());
                root.out().printf("    health:  %s%n", text(health));
            }
            return 0;
        }
    }

    private static Map<String, Object> timing(TimingStats t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", t.count());
        m.put("mean", t.mean());
        m.put("p50", t.p50());
        m.put("p95", t.p95());
        m.put("p99", t.p99());
        m.put("max", t.max());
        return m;
    }

    private static String text(TimingStats t) {
        return String.format("count=%d mean=%.3fms p50=%.3fms p95=%.3fms p99=%.3fms max=%.3fms", t.count(), ms(t.mean()), ms(t.p50()),
                ms(t.p95()), ms(t.p99()), ms(t.max()));
    }

    private static double ms(java.time.Duration d) {
        return d.toNanos() / 1e6;
    }
}
