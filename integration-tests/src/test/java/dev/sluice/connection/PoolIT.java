package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Pool reuse and exhaustion against the real servers. */
class PoolIT {

    static int pgSessions(String applicationName) {
        return TestDatabases.server(Vendor.POSTGRESQL).sessions(applicationName);
    }

    @Test
    void manyQueriesReuseAFewConnectionsOnTheServer() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String app = "sluice-it-reuse-" + System.nanoTime();
            ConnectionManager m = db.connect(db.configBuilder().applicationName(app).pool(p -> p.min(1).max(4))
                    .health(new HealthSettings(Duration.ofMillis(200), Duration.ofMillis(200), 3)).build());
            AtomicInteger maxSeen = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        try (Connection c = m.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + i)) {
                            rs.next();
                            assertThat(rs.getInt(1)).isEqualTo(i);
                        }
                        if (i % 10 == 0) {
                            maxSeen.accumulateAndGet(pgSessions(app), Math::max);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(maxSeen.get()).isBetween(1, 4);
            assertThat(pgSessions(app)).isBetween(1, 4);
            assertThat(m.checkHealth().isHealthy()).isTrue(); // the checker's connection exists from its first check on
            assertThat(pgSessions(app + "-health")).as("the health checker's own session is labelled apart").isEqualTo(1);
            PoolStats stats = m.poolStats();
            assertThat(stats.sinceStart().acquire().count()).isEqualTo(16 * 40);
            assertThat(stats.recent().usage().count()).isEqualTo(16 * 40);
            assertThat(stats.total()).isLessThanOrEqualTo(4);
            assertThat(stats.active()).isZero();
            assertThat(m.disconnect().inFlight()).as("every connection was given back before the pool closed").isZero();
        }
    }

    @Test
    void mysqlPoolStaysWithinItsMaximumOnTheServer() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            ConnectionManager m = db.connect(db.configBuilder().pool(p -> p.min(1).max(3)).build());
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<Integer>> seen = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                seen.add(pool.submit(() -> {
                    int max = 0;
                    for (int i = 0; i < 30; i++) {
                        try (Connection c = m.getConnection(); Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + db.name() + "'")) {
                            rs.next();
                            max = Math.max(max, rs.getInt(1));
                        }
                    }
                    return max;
                }));
            }
            int max = 0;
            for (Future<Integer> f : seen) {
                max = Math.max(max, f.get(60, TimeUnit.SECONDS));
            }
            pool.shutdown();
            assertThat(max).isBetween(1, 3);
        }
    }

    @Test
    void moreBorrowersThanConnectionsGetAClearTimeoutNamingThePoolAndItsCounts() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ConnectionManager m = db.connect(db.configBuilder().name("tiny-pool")
                    .pool(p -> p.min(0).max(2).connectionTimeout(Duration.ofMillis(500))).build());
            try (Connection a = m.getConnection(); Connection b = m.getConnection()) {
                assertThatThrownBy(m::getConnection)
                        .isInstanceOf(PoolExhaustedException.class)
                        .hasMessageStartingWith("Pool 'tiny-pool' is exhausted: no connection became free within")
                        .hasMessageContaining("active=2, idle=0, waiting=0, max=2")
                        .satisfies(e -> {
                            PoolExhaustedException pe = (PoolExhaustedException) e;
                            assertThat(pe.pool()).isEqualTo("tiny-pool");
                            assertThat(pe.stats().active()).isEqualTo(2);
                            assertThat(pe.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
                        });
                assertThat(m.poolStats().sinceStart().timeouts()).isEqualTo(1);
                assertThat(m.poolStats().recent().timeouts()).isEqualTo(1);
            }
            try (Connection c = m.getConnection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void anOptionalBoundedRetryWaitsAgainBeforeGivingUp() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            ConnectionManager m = db.connect(db.configBuilder().pool(p -> p.connectionTimeout(Duration.ofMillis(300)).acquireRetries(2)).build());
            try (Connection held = m.getConnection()) {
                long start = System.nanoTime();
                assertThatThrownBy(m::getConnection).isInstanceOf(PoolExhaustedException.class);
                // three attempts of 300ms each
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(850));
                assertThat(m.poolStats().sinceStart().timeouts()).isEqualTo(3);
            }
        }
    }

    @Test
    void sqliteWritersQueueForTheSingleWriterInsteadOfFailingBusy() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            ConnectionManager m = db.connect();
            try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL)");
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        try (Connection c = m.getConnection()) {
                            c.setAutoCommit(false);
                            try (var ps = c.prepareStatement("INSERT INTO t (writer) VALUES (?)")) {
                                ps.setInt(1, writer);
                                ps.executeUpdate();
                            }
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS); // any SQLITE_BUSY would surface here
            }
            pool.shutdown();
            try (Connection c = m.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(400);
            }
        }
    }

    @Test
    void sqliteWithALargerPoolStillQueuesWritersThroughImmediateTransactions() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            ConnectionManager m = db.connect(db.configBuilder().pool(p -> p.min(1).max(4)).build());
            try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
                s.execute("INSERT INTO t (id, n) VALUES (1, 0)");
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        try (Connection c = m.getConnection()) {
                            c.setAutoCommit(false);
                            int n;
                            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n FROM t WHERE id = 1")) {
                                rs.next();
                                n = rs.getInt(1);
                            }
                            try (var ps = c.prepareStatement("UPDATE t SET n = ? WHERE id = 1")) {
                                ps.setInt(1, n + 1);
                                ps.executeUpdate();
                            }
                            c.commit();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            try (Connection c = m.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT n FROM t")) {
                rs.next();
                // read-then-write in one transaction: no lost update, because each transaction holds the write lock
                assertThat(rs.getInt(1)).isEqualTo(200);
            }
        }
    }
}
