package dev.sluice.connection.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.PoolStats;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pool metrics as a snapshot, as periodic events at the health interval, and through Micrometer. */
class MetricsIT {

    @Test
    void snapshotEventsAndMicrometer() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
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
                assertThat(s.acquire().count()).isEqualTo(26);
                assertThat(s.usage().count()).isEqualTo(25);
                assertThat(s.acquire().max()).isPositive();
                await().atMost(Duration.ofSeconds(5)).until(() -> events.stats.size() >= 3);
                assertThat(events.stats).allSatisfy(e -> assertThat(e.pool()).isEqualTo("metrics-pool"));
                assertThat(events.stats.get(events.stats.size() - 1).active()).isEqualTo(1);
            }
            assertThat(registry.find("hikaricp.connections.acquire").tag("pool", "metrics-pool").timer().count()).isEqualTo(26);
            assertThat(registry.find("hikaricp.connections.max").tag("pool", "metrics-pool").gauge().value()).isEqualTo(3.0);
            assertThat(registry.find("hikaricp.connections.usage").tag("pool", "metrics-pool").timer().count()).isEqualTo(26);
            m.shutdown(Duration.ZERO);
        }
    }
}
