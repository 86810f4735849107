package dev.sluice.connection.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.ConnectionState;
import dev.sluice.connection.LeakReport;
import dev.sluice.connection.PoolExhaustedException;
import dev.sluice.connection.ShutdownException;
import dev.sluice.connection.ShutdownReport;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pool exhaustion under load, leak detection, graceful shutdown: on the real PostgreSQL. */
class ExhaustionLeakShutdownIT {

    static int sessions(String applicationName) {
        return TestDatabases.server(Vendor.POSTGRESQL).sessions(applicationName);
    }

    @Test
    void thirtyTwoThreadsOnAPoolOfFour() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String app = "sluice-it-exhaust-" + System.nanoTime();
            Duration timeout = Duration.ofMillis(500);
            ConnectionManager m = db.connect(db.configBuilder().applicationName(app).name("exhaust")
                    .pool(p -> p.min(4).max(4).connectionTimeout(timeout)).build());
            AtomicInteger ok = new AtomicInteger();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicLong slowestFailure = new AtomicLong();
            AtomicLong fastestFailure = new AtomicLong(Long.MAX_VALUE);
            AtomicInteger maxSessions = new AtomicInteger();
            AtomicBoolean load = new AtomicBoolean(true);
            Thread watcher = Thread.ofPlatform().start(() -> {
                while (load.get()) {
                    try {
                        maxSessions.accumulateAndGet(sessions(app), Math::max);
                        Thread.sleep(20);
                    } catch (RuntimeException | InterruptedException e) {
                        return;
                    }
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(32);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        long start = System.nanoTime();
                        try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(0.05)");
                            ok.incrementAndGet();
                        } catch (SQLException e) {
                            failures.add(e);
                            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                            slowestFailure.accumulateAndGet(took, Math::max);
                            fastestFailure.accumulateAndGet(took, Math::min);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            load.set(false);
            watcher.join();

            assertThat(ok.get()).isPositive();
            assertThat(failures).isNotEmpty().allSatisfy(e -> assertThat(e).isInstanceOf(PoolExhaustedException.class)
                    .hasMessageContaining("Pool 'exhaust' is exhausted").hasMessageMatching(".*active=\\d, idle=\\d, waiting=\\d+, max=4.*"));
            // a borrower gives up after the connection timeout, not before it and not after a multiple of it (a
            // retry loop or a lost wake-up); the upper bound leaves room for a loaded machine's scheduling
            assertThat(fastestFailure.get()).as("no failure before the connection timeout")
                    .isGreaterThanOrEqualTo(timeout.toMillis() - 5);
            assertThat(slowestFailure.get()).as("failures come after about one connection timeout, not several")
                    .isLessThan(timeout.toMillis() * 4);
            assertThat(m.poolStats().active()).isZero();
            assertThat(maxSessions.get()).as("the server never saw more sessions than the pool max").isBetween(1, 4);
        }
    }

    @Test
    void aLeakedConnectionIsReportedWithTheBorrowingStack() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            EventRecorder events = new EventRecorder();
            ConnectionManager m = db.connect(db.configBuilder().pool(p -> p.leakDetectionThreshold(Duration.ofSeconds(2))).build());
            m.addListener(events);
            Connection leaked = borrowAndForget(m);
            // reported once the threshold has passed (heldFor below), with room for a loaded machine's scheduling
            await().atMost(Duration.ofSeconds(15)).until(() -> !events.leaks.isEmpty());
            LeakReport r = events.leaks.get(0);
            assertThat(r.heldFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(r.thread()).isEqualTo(Thread.currentThread().getName());
            assertThat(r.borrowedAt().getStackTrace()).anySatisfy(e -> assertThat(e.getMethodName()).isEqualTo("borrowAndForget"));
            leaked.close();
            try (Connection c = m.getConnection()) {
                Thread.sleep(1000);
            }
            Thread.sleep(2000);
            assertThat(events.leaks).as("a connection closed in time is not reported").hasSize(1);
        }
    }

    private static Connection borrowAndForget(ConnectionManager m) throws SQLException {
        return m.getConnection();
    }

    /** Starts {@code n} pg_sleep(seconds) queries; returns their futures once all are running. */
    static List<Future<Object>> inFlight(ConnectionManager m, ExecutorService pool, int n, double seconds) throws Exception {
        CountDownLatch started = new CountDownLatch(n);
        List<Future<Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pool.submit(() -> {
                try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                    started.countDown();
                    started.await(); // all start sleeping together, once every connection is borrowed
                    s.execute("SELECT pg_sleep(" + seconds + ")");
                    return "finished";
                }
            }));
        }
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(100); // the statements are on the wire
        return out;
    }

    @Test
    void shutdownDrainsInFlightQueries() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String app = "sluice-it-drain-" + System.nanoTime();
            ConnectionManager m = ConnectionManager.connect(db.configBuilder().applicationName(app).pool(p -> p.min(2).max(20)).build());
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<Object>> queries = inFlight(m, pool, 20, 1);

            Thread shutdown = Thread.ofPlatform().start(() -> m.shutdown(Duration.ofSeconds(5)));
            await().until(() -> m.state() == ConnectionState.CLOSING);
            long t = System.nanoTime();
            assertThatThrownBy(m::getConnection).isInstanceOf(ShutdownException.class).hasMessageContaining("shutting down");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).as("new work is rejected at once, not after the 5 s drain").isLessThan(2000);
            shutdown.join();

            for (Future<Object> q : queries) {
                assertThat(q.get(10, TimeUnit.SECONDS)).isEqualTo("finished");
            }
            ShutdownReport r = m.shutdown(Duration.ZERO); // idempotent: returns the report of the shutdown that ran
            assertThat(r.inFlight()).isEqualTo(20);
            assertThat(r.finished()).isEqualTo(20);
            assertThat(r.cancelled()).isZero();
            assertThat(m.state()).isEqualTo(ConnectionState.CLOSED);
            await().atMost(Duration.ofSeconds(5)).until(() -> sessions(app) == 0);
            pool.shutdown();
        }
    }

    @Test
    void aShortDrainCancelsWhatIsLeftAndReportsIt() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String app = "sluice-it-cancel-" + System.nanoTime();
            ConnectionManager m = ConnectionManager.connect(db.configBuilder().applicationName(app).pool(p -> p.min(2).max(20)).build());
            ExecutorService pool = Executors.newFixedThreadPool(20);
            List<Future<Object>> queries = inFlight(m, pool, 20, 30);

            ShutdownReport r = m.shutdown(Duration.ofMillis(500));
            assertThat(r.inFlight()).isEqualTo(20);
            assertThat(r.cancelled()).isEqualTo(20);
            assertThat(r.finished()).isZero();
            assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
            for (Future<Object> q : queries) {
                assertThatThrownBy(() -> q.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> sessions(app) == 0);
            pool.shutdown();
        }
    }
}
