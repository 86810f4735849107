package dev.sluice.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.connection.PoolTimings;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The acquire and usage times that borrows buffer in their leases reach {@link PoolMetrics} exactly once each: when the
 * buffer fills before anyone reads the statistics, while a connection is still out, and while other threads read the
 * statistics as fast as they can during the borrows.
 */
class InFlightTimingsTest {
    private static final long WAITED = 5_000_000; // what each test borrower pretends to have waited: 5 ms

    private final PoolMetrics metrics = new PoolMetrics(ConnectionConfig.builder().url("postgres://127.0.0.1:5432/timings")
            .name("timings").build(), () -> null);
    private final InFlight inFlight = new InFlight("timings", 2, 1, metrics, Duration.ZERO, null, report -> {});

    /** A pool connection that only answers {@code close} and {@code isClosed}. */
    private static Connection pooled() {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(InFlightTimingsTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closed[0] = true;
                        yield null;
                    }
                    case "isClosed" -> closed[0];
                    default -> throw new SQLException("not in this test: " + method.getName());
                });
    }

    private void borrowAndReturn() throws SQLException {
        borrowAndReturn(inFlight);
    }

    /** A borrow that waited {@link #WAITED} when timed. */
    private static void borrowAndReturn(InFlight registry) throws SQLException {
        long start = registry.acquireStart();
        registry.lend(pooled(), start == InFlight.UNTIMED ? start : start - WAITED).close();
    }

    private PoolTimings sinceStart() {
        return metrics.poolTimings()[1];
    }

    @Test
    void everyBorrowIsCountedWhenTheBuffersFillLongBeforeTheStatisticsAreRead() throws SQLException {
        int borrows = Lease.RING * 10 + 3; // the borrowers drain their full buffers themselves, nine times over
        for (int i = 0; i < borrows; i++) {
            borrowAndReturn();
        }
        PoolTimings t = sinceStart();
        assertThat(t.acquire().count()).isEqualTo(borrows);
        assertThat(t.usage().count()).isEqualTo(borrows);
        assertThat(t.acquire().p50()).isGreaterThanOrEqualTo(Duration.ofNanos(WAITED));
        assertThat(t.usage().p99()).isLessThan(Duration.ofNanos(WAITED)); // not the acquire times in the wrong histogram
        assertThat(metrics.poolTimings()[1].acquire().count()).as("a second read counts nothing twice").isEqualTo(borrows);
    }

    @Test
    void aBorrowStillOutCountsItsAcquireButNotYetItsUsage() throws SQLException {
        borrowAndReturn();
        TrackedConnection out = inFlight.lend(pooled(), System.nanoTime() - WAITED);
        assertThat(sinceStart().acquire().count()).isEqualTo(2);
        assertThat(sinceStart().usage().count()).isEqualTo(1);
        out.close();
        assertThat(sinceStart().usage().count()).isEqualTo(2);
        out.close(); // closing twice returns it once
        assertThat(sinceStart().usage().count()).isEqualTo(2);
        assertThat(inFlight.size()).isZero();
        assertThat(out.isClosed()).isTrue();
    }

    @Test
    void concurrentBorrowersAndReadersCountEveryBorrowOnce() throws Exception {
        int threads = 6; // more borrowers than leases (4): a preempted borrower's lease sends others to the overflow ones
        int perThread = 10_000;
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> borrowers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            borrowers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        borrowAndReturn();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }));
        }
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!done.get()) {
                metrics.poolTimings();
                metrics.rotate();
            }
        });
        start.countDown();
        for (Thread b : borrowers) {
            b.join();
        }
        done.set(true);
        reader.join();
        assertThat(failures).isEmpty();
        PoolTimings t = sinceStart();
        assertThat(t.acquire().count()).isEqualTo((long) threads * perThread);
        assertThat(t.usage().count()).isEqualTo((long) threads * perThread);
        assertThat(t.acquire().p50()).isGreaterThanOrEqualTo(Duration.ofNanos(WAITED));
    }

    @Test
    void aSampleTimesAboutOneBorrowInNAndCountsThemAll() throws SQLException {
        PoolMetrics sampled = new PoolMetrics(ConnectionConfig.builder().url("postgres://127.0.0.1:5432/timings").name("sampled")
                .stats(s -> s.sample(8)).build(), () -> null);
        InFlight registry = new InFlight("sampled", 2, 8, sampled, Duration.ZERO, null, report -> {});
        int borrows = 8000;
        for (int i = 0; i < borrows; i++) {
            borrowAndReturn(registry);
        }
        PoolTimings t = sampled.poolTimings()[1];
        assertThat(t.acquire().count()).isEqualTo(borrows);
        assertThat(t.usage().count()).isEqualTo(borrows);
        // the durations are the timed borrows' only: an untimed one counted as 0 ns would pull the median to 0
        assertThat(t.acquire().p50()).isGreaterThanOrEqualTo(Duration.ofNanos(WAITED));
        assertThat(t.acquire().mean()).isGreaterThanOrEqualTo(Duration.ofNanos(WAITED * 99 / 100)); // the histogram's 1%
        assertThat(t.usage().p50()).isPositive();
        int timed = 0;
        for (int i = 0; i < 8000; i++) {
            if (registry.acquireStart() != InFlight.UNTIMED) {
                timed++;
            }
        }
        assertThat(timed).as("timed of 8000 at 1 in 8").isBetween(800, 1200); // 1000 expected; 1 in 10^9 outside
    }
}
