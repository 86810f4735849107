package dev.sluice.connection.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionFailedException;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ConnectionState;
import dev.sluice.connection.FailureReason;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.ReconnectSettings;
import dev.sluice.connection.StartupMode;
import dev.sluice.testkit.PostgresInstance;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The database is down when the application starts: fail fast, or start degraded and reconnect with backoff. */
class StartupDownIT {

    @Test
    void failFastSaysWhy() {
        try (PostgresInstance pg = PostgresInstance.start()) {
            pg.stop();
            ConnectionConfig config = pg.server().configFor("postgres").startup(StartupMode.FAIL_FAST).build();
            assertThatThrownBy(() -> ConnectionManager.connect(config))
                    .isInstanceOf(ConnectionFailedException.class)
                    .hasMessageContaining("Cannot reach PostgreSQL at 127.0.0.1:" + pg.port())
                    .satisfies(e -> assertThat(((ConnectionFailedException) e).reason()).isEqualTo(FailureReason.UNREACHABLE));
        }
    }

    @Test
    void backgroundStartsDegradedAndReconnectsWithGrowingJitteredCappedDelays() throws Exception {
        try (PostgresInstance pg = PostgresInstance.start()) {
            pg.stop();
            ReconnectSettings backoff = new ReconnectSettings(Duration.ofMillis(100), 2.0, Duration.ofMillis(800), 0, 0.5);
            ConnectionConfig config = pg.server().configFor("postgres").startup(StartupMode.BACKGROUND).reconnect(backoff)
                    .health(new HealthSettings(Duration.ofMillis(500), Duration.ofMillis(500), 2)).build();
            EventRecorder events = new EventRecorder();
            try (ConnectionManager m = ConnectionManager.create(config).addListener(events)) {
                m.connect(); // returns at once
                assertThat(m.state()).isIn(ConnectionState.DEGRADED, ConnectionState.RECONNECTING);
                await().atMost(Duration.ofSeconds(20)).until(() -> events.reconnectDelays.size() >= 7);

                List<Duration> d = List.copyOf(events.reconnectDelays);
                assertThat(events.reconnectAttempts.subList(0, 7)).containsExactly(1, 2, 3, 4, 5, 6, 7);
                for (int i = 0; i < d.size(); i++) {
                    Duration nominal = backoff.nominalDelay(i + 1);
                    assertThat(d.get(i)).as("delay %d is at most its nominal value and the cap", i + 1)
                            .isLessThanOrEqualTo(nominal).isLessThanOrEqualTo(backoff.maxDelay());
                    assertThat(d.get(i).toMillis()).as("delay %d loses at most the jitter fraction", i + 1)
                            .isGreaterThanOrEqualTo(Math.round(nominal.toMillis() * (1 - backoff.jitter())));
                }
                assertThat(d.get(3)).as("delays grow").isGreaterThan(d.get(0));
                assertThat(d).as("delays are jittered, not the nominal values")
                        .anySatisfy(x -> assertThat(x).isNotEqualTo(backoff.nominalDelay(d.indexOf(x) + 1)));
                assertThat(d.subList(4, d.size())).allSatisfy(x -> assertThat(x).isLessThanOrEqualTo(backoff.maxDelay()));

                pg.startServer();
                await().atMost(backoff.maxDelay().plusSeconds(5)).until(() -> m.state() == ConnectionState.CONNECTED);
                assertThat(events.events).contains("degraded", "reconnecting", "reconnected");
                try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
            }
        }
    }

    @Test
    void givesUpAfterMaxAttemptsAndConnectTriesAgain() throws Exception {
        try (PostgresInstance pg = PostgresInstance.start()) {
            pg.stop();
            ConnectionConfig config = pg.server().configFor("postgres").startup(StartupMode.BACKGROUND)
                    .reconnect(new ReconnectSettings(Duration.ofMillis(50), 2.0, Duration.ofMillis(100), 3, 0.2)).build();
            EventRecorder events = new EventRecorder();
            try (ConnectionManager m = ConnectionManager.create(config).addListener(events)) {
                m.connect();
                await().atMost(Duration.ofSeconds(20)).until(() -> m.state() == ConnectionState.FAILED);
                assertThat(events.reconnectAttempts).containsExactly(1, 2, 3);
                assertThat(events.events).contains("failed");
                pg.startServer();
                m.connect();
                assertThat(m.state()).isEqualTo(ConnectionState.CONNECTED);
            }
        }
    }
}
