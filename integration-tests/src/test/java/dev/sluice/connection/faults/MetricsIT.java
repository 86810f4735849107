package dev.sluice.connection.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.PoolStats;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Pool metrics as a snapshot, as periodic events at the health interval, and through Micrometer: timers with percentile
 * histograms (Prometheus {@code _bucket} series for {@code histogram_quantile}) and the pool gauges.
 */
class MetricsIT {

    @Test
    void snapshotEventsAndMicrometer() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            EventRecorder events = new EventRecorder();
            ConnectionManager m = ConnectionManager.create(db.configBuilder().name("metrics-pool").meterRegistry(registry)
                    .health(new HealthSettings(Duration.ofMillis(200), Duration.ofMillis(200), 3))
                    .pool(p -> p.min(1).max(3)).build()).addListener(events);
            m.connect();
            try (Connection held = m.getConnection()) {
                for (int i = 0; i < 25; i++) {
                    try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    }
                }
                PoolStats s = m.poolStats();
                assertThat(s.active()).isEqualTo(1);
                assertThat(s.max()).isEqualTo(3);
                assertThat(s.total()).isBetween(1, 3);
                assertThat(s.idle()).isEqualTo(s.total() - 1);
                assertThat(s.waiting()).isZero();
                assertThat(s.recent().acquire().count()).isEqualTo(26); // recorded when lent: the held one too
                assertThat(s.recent().usage().count()).isEqualTo(25);
                assertThat(s.sinceStart().acquire().count()).isEqualTo(26);
                assertThat(s.recent().acquire().max()).isPositive();
                assertThat(gauge(registry, "sluice.pool.connections.active")).isEqualTo(1.0);
                await().atMost(Duration.ofSeconds(5)).until(() -> events.stats.size() >= 3);
                assertThat(events.stats).allSatisfy(e -> assertThat(e.pool()).isEqualTo("metrics-pool"));
                assertThat(events.stats.get(events.stats.size() - 1).active()).isEqualTo(1);
            }
            Timer acquire = registry.find("sluice.pool.acquire").tag("pool", "metrics-pool").timer();
            Timer usage = registry.find("sluice.pool.usage").tag("pool", "metrics-pool").timer();
            assertThat(acquire.count()).isEqualTo(26);
            assertThat(usage.count()).isEqualTo(26);
            assertThat(usage.takeSnapshot().histogramCounts()).as("percentile histogram buckets").hasSizeGreaterThan(10);
            assertThat(registry.find("sluice.health.latency").tag("pool", "metrics-pool").timer().count()).isPositive();
            assertThat(gauge(registry, "sluice.pool.connections.max")).isEqualTo(3.0);
            assertThat(gauge(registry, "sluice.pool.connections.active")).isZero();
            assertThat(gauge(registry, "sluice.pool.connections.pending")).isZero();
            assertThat(registry.find("sluice.pool.timeouts").tag("pool", "metrics-pool").counter().count()).isZero();
            String scrape = registry.scrape();
            assertThat(scrape).containsPattern("sluice_pool_usage_seconds_bucket\\{[^}]*pool=\"metrics-pool\"[^}]*} 26")
                    .containsPattern("sluice_pool_acquire_seconds_bucket\\{[^}]*le=\"1.0E-5\"[^}]*}")
                    .containsPattern("sluice_pool_usage_seconds_count\\{pool=\"metrics-pool\"} 26")
                    .containsPattern("sluice_health_latency_seconds_bucket\\{")
                    .containsPattern("sluice_pool_connections_open\\{pool=\"metrics-pool\"} [1-3]");
            m.shutdown(Duration.ZERO);
            assertThat(registry.find("sluice.pool.usage").timers()).as("a shut down pool leaves no meters behind").isEmpty();
        }
    }

    private static double gauge(PrometheusMeterRegistry registry, String name) {
        return registry.find(name).tag("pool", "metrics-pool").gauge().value();
    }
}
