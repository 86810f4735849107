package dev.sluice.connection.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ConnectionState;
import dev.sluice.connection.HealthSettings;
import dev.sluice.connection.ReconnectSettings;
import dev.sluice.testkit.PostgresInstance;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import dev.sluice.testkit.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Eight writers insert unique keys while the database restarts. Every operation succeeds or fails with a clear
 * exception in bounded time; every acknowledged write is there afterwards, none twice; the manager goes through
 * DEGRADED and RECONNECTING back to CONNECTED with a full pool; no thread is stuck.
 */
class RestartUnderLoadIT {
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    static final ReconnectSettings RECONNECT = new ReconnectSettings(Duration.ofMillis(200), 2.0, Duration.ofSeconds(2), 0, 0.2);

    /** What the writers saw. */
    record Outcome(Set<Long> acknowledged, long failures, long slowestMillis) {}

    static ConnectionConfig config(ConnectionConfig.Builder b, int unhealthyThreshold) {
        return b.timeouts(t -> t.socket(SOCKET_TIMEOUT).connect(Duration.ofSeconds(2)))
                .pool(p -> p.min(4).max(8).connectionTimeout(CONNECTION_TIMEOUT))
                .health(new HealthSettings(Duration.ofMillis(300), Duration.ofMillis(300), unhealthyThreshold))
                .reconnect(RECONNECT).build();
    }

    /** Runs 8 writers until {@code stop}; each insert gets a unique key. */
    static Outcome writeWhile(ConnectionManager m, Runnable disturbance) throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong failures = new AtomicLong();
        AtomicLong slowest = new AtomicLong();
        AtomicLong keys = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(writers.submit(() -> {
                while (!stop.get()) {
                    long key = keys.incrementAndGet();
                    long start = System.nanoTime();
                    try (Connection c = m.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO writes (k) VALUES (?)")) {
                        ps.setLong(1, key);
                        ps.executeUpdate();
                        acknowledged.add(key);
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                        assertThat(e.getMessage()).as("a failure says what happened").isNotBlank();
                    }
                    slowest.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                }
                return null;
            }));
        }
        Thread.sleep(500);
        disturbance.run();
        Thread.sleep(1500);
        stop.set(true);
        for (Future<?> f : done) {
            f.get(30, TimeUnit.SECONDS); // a stuck writer fails the test here
        }
        writers.shutdown();
        return new Outcome(acknowledged, failures.get(), slowest.get());
    }

    static void assertAcknowledgedWritesArePresentOnce(ConnectionManager m, Set<Long> acknowledged) throws SQLException {
        try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) - COUNT(DISTINCT k) FROM writes")) {
                rs.next();
                assertThat(rs.getLong(1)).as("no key written twice").isZero();
            }
            Set<Long> present = new java.util.HashSet<>();
            try (ResultSet rs = s.executeQuery("SELECT k FROM writes")) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                }
            }
            assertThat(present).as("every acknowledged write survived").containsAll(acknowledged);
        }
    }

    @Test
    void postgresRestart() throws Exception {
        try (PostgresInstance pg = PostgresInstance.start()) {
            TestServer server = pg.server();
            ConnectionManager setup = ConnectionManager.connect(server.configFor("postgres").build());
            try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE writes (k BIGINT NOT NULL)"); // no key: a double write would be visible
            }
            setup.shutdown(Duration.ZERO);

            EventRecorder events = new EventRecorder();
            ConnectionManager m = ConnectionManager.create(config(server.configFor("postgres"), 2)).addListener(events);
            m.connect();
            long[] restartedAt = new long[1];
            Outcome o = writeWhile(m, () -> {
                pg.stop(); // -m fast, as pg_ctlcluster restart -m fast does; kept down long enough to be noticed
                sleep(2500);
                pg.startServer();
                restartedAt[0] = System.nanoTime();
            });
            await().atMost(RECONNECT.maxDelay().plusSeconds(5)).until(() -> m.state() == ConnectionState.CONNECTED
                    && m.poolStats().total() >= 4);
            assertThat(events.states).containsSubsequence(ConnectionState.DEGRADED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
            assertThat(events.events).contains("reconnected");
            assertThat(o.failures()).as("the outage was noticed by writers").isPositive();
            assertThat(o.acknowledged()).hasSizeGreaterThan(50);
            assertThat(o.slowestMillis()).as("no operation waited longer than the timeouts allow")
                    .isLessThan(SOCKET_TIMEOUT.plus(CONNECTION_TIMEOUT).plusSeconds(3).toMillis());
            assertAcknowledgedWritesArePresentOnce(m, o.acknowledged());
            m.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void mariadbSessionsKilled() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            ConnectionManager setup = db.connect();
            try (Connection c = setup.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE writes (k BIGINT NOT NULL)");
            }
            setup.shutdown(Duration.ZERO);

            EventRecorder events = new EventRecorder();
            ConnectionManager m = ConnectionManager.create(config(db.configBuilder(), 1)).addListener(events);
            m.connect();
            Outcome o = writeWhile(m, () -> {
                // KILL every session of this database, twice, as a server restart would drop them
                for (int round = 0; round < 2; round++) {
                    killSessions(db);
                    sleep(400);
                }
            });
            await().atMost(RECONNECT.maxDelay().plusSeconds(5)).until(() -> m.state() == ConnectionState.CONNECTED
                    && m.poolStats().total() >= 4);
            assertThat(events.states).containsSubsequence(ConnectionState.DEGRADED, ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
            assertThat(o.failures()).isPositive();
            assertThat(o.slowestMillis()).isLessThan(SOCKET_TIMEOUT.plus(CONNECTION_TIMEOUT).plusSeconds(3).toMillis());
            assertAcknowledgedWritesArePresentOnce(m, o.acknowledged());
            m.shutdown(Duration.ofSeconds(1));
        }
    }

    static void killSessions(TestDatabase db) {
        try (Connection c = db.server().admin().getConnection(); Statement s = c.createStatement()) {
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + db.name()
                    + "' AND ID <> CONNECTION_ID()")) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            for (long id : ids) {
                try {
                    s.execute("KILL " + id);
                } catch (SQLException gone) {
                    // the session ended by itself meanwhile
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
