package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Pool timing statistics against what the test measured itself, on a real PostgreSQL server: usage (borrow to
 * return) of connections held for controlled times, acquire times of borrowers forced to wait in a saturated pool,
 * and the recent window moving on while the totals keep the history.
 */
class PoolTimingIT {
    private static final long NO_OP_NANOS = 50_000;

    @Test
    void usagePercentilesMatchTheHoldTimesTheTestMeasured() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ConnectionManager m = db.connect(db.configBuilder().name("usage-timing").pool(p -> p.min(1).max(2)).build());
            List<Long> held = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                long start;
                try (Connection c = m.getConnection()) {
                    start = System.nanoTime();
                    if (i % 10 < 3) { // 30%: a 2 ms server-side sleep and its round trip
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT pg_sleep(0.002)");
                        }
                    } else { // 70%: a no-op use of about 50 us
                        while (System.nanoTime() - start < NO_OP_NANOS) {
                            Thread.onSpinWait();
                        }
                    }
                }
                held.add(System.nanoTime() - start);
            }
            PoolStats stats = m.poolStats();
            assertMatches(stats.recent().usage(), held);
            assertMatches(stats.sinceStart().usage(), held);
            assertThat(stats.recent().usage().p50()).isLessThan(Duration.ofMillis(1)); // the no-op cluster
            assertThat(stats.recent().usage().p95()).isGreaterThan(Duration.ofMillis(2)); // the pg_sleep cluster
            assertThat(stats.sinceStart().acquire().count()).isEqualTo(1000);
        }
    }

    @Test
    void acquirePercentilesMatchTheWaitsOfASaturatedPool() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ConnectionManager m = db.connect(db.configBuilder().name("acquire-timing").pool(p -> p.min(1).max(1)).build());
            ExecutorService waiters = Executors.newFixedThreadPool(3);
            List<Long> waits = Collections.synchronizedList(new ArrayList<>());
            try {
                for (int round = 0; round < 60; round++) {
                    long holdNanos = TimeUnit.MICROSECONDS.toNanos(1000 + 50L * round); // 1 ms to 4 ms
                    long asked = System.nanoTime();
                    Connection holder = m.getConnection(); // the pool's only connection, free: a short wait
                    waits.add(System.nanoTime() - asked);
                    CountDownLatch asking = new CountDownLatch(3);
                    List<Future<?>> done = new ArrayList<>();
                    for (int w = 0; w < 3; w++) {
                        done.add(waiters.submit(() -> {
                            asking.countDown();
                            long start = System.nanoTime();
                            try (Connection c = m.getConnection()) {
                                waits.add(System.nanoTime() - start); // waited for the holder (and the waiters before it)
                            }
                            return null;
                        }));
                    }
                    asking.await();
                    LockSupport.parkNanos(holdNanos); // the waiters queue in the pool meanwhile
                    holder.close();
                    for (Future<?> f : done) {
                        f.get(10, TimeUnit.SECONDS);
                    }
                }
            } finally {
                waiters.shutdownNow();
            }
            PoolStats stats = m.poolStats();
            assertThat(stats.waiting()).isZero();
            assertMatches(stats.recent().acquire(), waits);
            assertMatches(stats.sinceStart().acquire(), waits);
            assertThat(stats.recent().acquire().p50()).isGreaterThan(Duration.ofMillis(1)); // three in four borrowers waited
            assertThat(stats.recent().timeouts()).isZero();
        }
    }

    /** A SELECT 1 on loopback, with ample room for a busy shared machine; the slow uses sleep ten times as long. */
    private static final Duration FAST = Duration.ofMillis(50);
    private static final Duration SLOW = Duration.ofMillis(100);

    @Test
    void theRecentWindowRisesWithABurstAndFallsBackAfterItWhileTheTotalsKeepIt() throws Exception {
        Duration window = Duration.ofSeconds(3);
        try (TestDatabase db = TestDatabases.postgres()) {
            ConnectionManager m = db.connect(db.configBuilder().name("window-timing").stats(s -> s.window(window))
                    .health(new HealthSettings(Duration.ofMillis(200), Duration.ofMillis(200), 3)).pool(p -> p.min(1).max(2)).build());
            uses(m, 200, "SELECT 1");
            assertThat(m.poolStats().recent().usage().p99()).isLessThan(FAST);

            uses(m, 20, "SELECT pg_sleep(0.1)"); // a burst of slow uses, far enough from FAST that a loaded machine cannot blur them
            long burstEnd = System.nanoTime();
            TimingStats during = m.poolStats().recent().usage();
            assertThat(during.count()).isEqualTo(220);
            assertThat(during.p99()).isGreaterThanOrEqualTo(SLOW);

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> m.poolStats().recent().usage().p99().compareTo(FAST) < 0);
            // not before the burst had left the window: at least five sixths of it (one step early at most) later
            assertThat(Duration.ofNanos(System.nanoTime() - burstEnd)).isGreaterThanOrEqualTo(Duration.ofMillis(2400));

            uses(m, 200, "SELECT 1");
            PoolStats after = m.poolStats();
            assertThat(after.recent().usage().p99()).isLessThan(FAST);
            assertThat(after.recent().usage().count()).isLessThan(420);
            assertThat(after.recent().period()).isLessThanOrEqualTo(window);
            assertThat(after.sinceStart().usage().count()).isEqualTo(420);
            assertThat(after.sinceStart().usage().p99()).isGreaterThanOrEqualTo(SLOW); // 20 of 420: above 1%
            assertThat(after.sinceStart().usage().max()).isGreaterThanOrEqualTo(SLOW);
            assertThat(after.sinceStart().period()).isGreaterThan(window);

            HealthLatency health = m.healthLatency(); // the checker ran every 200 ms throughout
            assertThat(health.recent().count()).isBetween(1L, health.sinceStart().count() - 1);
            assertThat(health.recent().p50()).isPositive().isLessThan(Duration.ofMillis(200));
            assertThat(health.recentPeriod()).isLessThanOrEqualTo(window);
        }
    }

    private static void uses(ConnectionManager m, int n, String sql) throws Exception {
        for (int i = 0; i < n; i++) {
            try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }
    }

    /**
     * Count and mean within 2% of the test's own samples; p50, p95 and p99 within 2% of the nearest-rank values of
     * the test's samples, allowing one percent of rank either side. The test's clock wraps the pool's, so each sample
     * it takes is the pool's plus a little scheduling; on a busy machine a few samples gain more than others and
     * change places in the sparse tail (p99 of 240 samples is the third largest), which moves the test's p99 by a
     * neighbour's gap without the pool's statistics being wrong. A percentile taken from the wrong samples (the mean,
     * the maximum, a stale window) still falls far outside.
     */
    private static void assertMatches(TimingStats stats, List<Long> samples) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        assertThat(stats.count()).isEqualTo(sorted.size());
        assertNearRank("p50", stats.p50(), sorted, 0.50);
        assertNearRank("p95", stats.p95(), sorted, 0.95);
        assertNearRank("p99", stats.p99(), sorted, 0.99);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat((double) stats.mean().toNanos()).as("mean").isCloseTo(mean, within(mean * 0.02));
    }

    private static long rank(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void assertNearRank(String what, Duration measured, List<Long> sorted, double q) {
        double band = Math.max(0.01, 1.0 / sorted.size());
        long low = rank(sorted, q - band);
        long high = rank(sorted, q + band);
        assertThat((double) measured.toNanos())
                .as("%s: Sluice %d ns, test %d ns (ranks around it %d..%d ns)", what, measured.toNanos(), rank(sorted, q), low, high)
                .isBetween(low * 0.98, high * 1.02);
    }
}
