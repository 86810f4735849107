package dev.sluice.connection.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.HealthStatus;
import dev.sluice.connection.ReconnectSettings;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TcpProxy;
import dev.sluice.testkit.TestServer;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server that goes silent (a TCP proxy that stops forwarding): queries and borrowers fail in bounded time, health
 * turns UNHEALTHY in time, and HEALTHY again when the server answers.
 */
class BlackHoleIT {
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    static final HealthSettings HEALTH = new HealthSettings(Duration.ofMillis(500), Duration.ofMillis(400), 2);

    static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void silentServer() throws Exception {
        TestServer pg = TestDatabases.server(Vendor.POSTGRESQL);
        try (TcpProxy proxy = TcpProxy.start(pg.host(), pg.port())) {
            ConnectionConfig config = ConnectionConfig.builder().vendor(Vendor.POSTGRESQL).host("127.0.0.1").port(proxy.port())
                    .database(pg.adminDatabase()).user(pg.user()).password(pg.password())
                    .timeouts(t -> t.socket(SOCKET_TIMEOUT).connect(Duration.ofSeconds(1)))
                    .pool(p -> p.min(2).max(4).connectionTimeout(CONNECTION_TIMEOUT).validationTimeout(Duration.ofMillis(250)))
                    .health(HEALTH)
                    .reconnect(new ReconnectSettings(Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 0, 0.2))
                    .build();
            try (ConnectionManager m = ConnectionManager.connect(config)) {
                Connection borrowed = m.getConnection();
                try (Statement s = borrowed.createStatement()) {
                    s.execute("SELECT 1");
                }
                Thread.sleep(600); // let idle pooled connections age past HikariCP's validation bypass window

                proxy.blackhole();
                long start = System.nanoTime();

                long bound = HEALTH.interval().multipliedBy(HEALTH.unhealthyThreshold()).plus(HEALTH.timeout()).toMillis();
                await().atMost(Duration.ofMillis(bound + 1000)).pollInterval(Duration.ofMillis(50))
                        .until(() -> m.health().status() == HealthStatus.UNHEALTHY);
                assertThat(millisSince(start)).as("unhealthy within interval x threshold + timeout (+ scheduling slack)")
                        .isLessThan(bound + 1000);
                assertThat(m.health().lastError()).isNotBlank();

                long q = System.nanoTime();
                assertThatThrownBy(() -> {
                    try (Statement s = borrowed.createStatement()) {
                        s.execute("SELECT 1");
                    }
                }).isInstanceOf(SQLException.class);
                assertThat(millisSince(q)).as("query fails within socket timeout + 2s").isLessThan(SOCKET_TIMEOUT.plusSeconds(2).toMillis());
                borrowed.close();

                long g = System.nanoTime();
                assertThatThrownBy(m::getConnection).isInstanceOf(SQLException.class);
                assertThat(millisSince(g)).as("getConnection fails within connection timeout + 1s")
                        .isLessThan(CONNECTION_TIMEOUT.plusSeconds(1).toMillis());

                proxy.resume();
                await().atMost(Duration.ofSeconds(10)).until(() -> m.health().status() == HealthStatus.HEALTHY);
                try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
            }
        }
    }
}
