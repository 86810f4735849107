package dev.sluice.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.connection.TimingStats;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Percentile accuracy, the moving window and concurrent recording, on a clock the test moves. */
class WindowedTimingsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private WindowedTimings timings(int metrics, Duration window) {
        return new WindowedTimings(metrics, 1, window, 4, now::get);
    }

    private static long exact(long[] sorted, double q) {
        return sorted[(int) Math.ceil(q * sorted.length) - 1]; // nearest rank
    }

    private static void assertWithinOnePercent(TimingStats s, long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        assertThat(s.count()).isEqualTo(sorted.length);
        assertThat((double) s.p50().toNanos()).isCloseTo(exact(sorted, 0.50), within(exact(sorted, 0.50) * 0.01));
        assertThat((double) s.p95().toNanos()).isCloseTo(exact(sorted, 0.95), within(exact(sorted, 0.95) * 0.01));
        assertThat((double) s.p99().toNanos()).isCloseTo(exact(sorted, 0.99), within(exact(sorted, 0.99) * 0.01));
        assertThat((double) s.max().toNanos()).isCloseTo(sorted[sorted.length - 1], within(sorted[sorted.length - 1] * 0.01));
        double mean = Arrays.stream(sorted).average().orElseThrow();
        assertThat((double) s.mean().toNanos()).isCloseTo(mean, within(mean * 0.01));
    }

    @Test
    void percentilesAreWithinOnePercentOfTheExactOnesFromMicrosecondsToSeconds() {
        WindowedTimings t = timings(2, Duration.ofMinutes(1));
        SplittableRandom random = new SplittableRandom(42);
        long[] acquire = new long[20_000];
        long[] usage = new long[20_000];
        for (int i = 0; i < acquire.length; i++) {
            // log-uniform from 100ns to 100ms, and 50us +- 10% with a slow tail
            acquire[i] = (long) Math.exp(Math.log(100) + random.nextDouble() * (Math.log(100_000_000) - Math.log(100)));
            usage[i] = random.nextInt(100) < 3 ? 2_000_000 + random.nextInt(500_000) : 45_000 + random.nextInt(10_000);
            t.record(0, i, acquire[i]);
            t.record(1, i, usage[i]);
        }
        WindowedTimings.Snapshot s = t.snapshot();
        assertWithinOnePercent(s.recent()[0], acquire);
        assertWithinOnePercent(s.recent()[1], usage);
        assertWithinOnePercent(s.sinceStart()[1], usage);
    }

    @Test
    void theWindowForgetsWhatIsOlderThanItsLengthWhileTheTotalsKeepIt() {
        WindowedTimings t = timings(1, Duration.ofSeconds(60)); // steps of 10s
        for (int i = 0; i < 1000; i++) {
            t.record(0, i, 50_000);
        }
        now.addAndGet(Duration.ofSeconds(25).toNanos());
        t.rotate();
        for (int i = 0; i < 50; i++) {
            t.record(0, i, 20_000_000); // a burst of slow uses
        }
        WindowedTimings.Snapshot during = t.snapshot();
        assertThat(during.recent()[0].count()).isEqualTo(1050);
        assertThat(during.recent()[0].p99().toNanos()).isGreaterThan(19_000_000);
        assertThat(during.recentSpan()).isEqualTo(Duration.ofSeconds(25));

        now.addAndGet(Duration.ofSeconds(40).toNanos()); // 65s: the first 50us uses (0s..10s slice) have left
        t.rotate();
        for (int i = 0; i < 500; i++) {
            t.record(0, i, 60_000);
        }
        WindowedTimings.Snapshot later = t.snapshot();
        assertThat(later.recent()[0].count()).isEqualTo(550);
        assertThat(later.recentSpan()).isEqualTo(Duration.ofSeconds(55)); // slices 10s..60s and the current one

        now.addAndGet(Duration.ofSeconds(30).toNanos()); // 95s: the burst at 25s has left too
        WindowedTimings.Snapshot after = t.snapshot();
        assertThat(after.recent()[0].count()).isEqualTo(500);
        assertThat(after.recent()[0].p99().toNanos()).isBetween(60_000L, 60_600L);
        assertThat(after.sinceStart()[0].count()).isEqualTo(1550);
        assertThat(after.sinceStart()[0].p99().toNanos()).isGreaterThan(19_000_000);
        assertThat(after.age()).isEqualTo(Duration.ofSeconds(95));

        now.addAndGet(Duration.ofMinutes(10).toNanos()); // idle for longer than the window: nothing recent
        assertThat(t.snapshot().recent()[0]).isEqualTo(TimingStats.EMPTY);
        assertThat(t.snapshot().sinceStart()[0].count()).isEqualTo(1550);
    }

    @Test
    void countersMoveWithTheWindowToo() {
        WindowedTimings t = timings(1, Duration.ofSeconds(6));
        t.count(0);
        t.count(0);
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        t.rotate(); // the manager rotates at every step (1s here)
        t.count(0);
        assertThat(t.snapshot().recentCounts()[0]).isEqualTo(3);
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        WindowedTimings.Snapshot s = t.snapshot();
        assertThat(s.recentCounts()[0]).isEqualTo(1);
        assertThat(s.countsSinceStart()[0]).isEqualTo(3);
    }

    @Test
    void valuesOutsideTheRangeAreClampedNotLost() {
        WindowedTimings t = timings(1, Duration.ofMinutes(1));
        t.record(0, 0, -5);
        t.record(0, 0, Duration.ofHours(3).toNanos());
        TimingStats s = t.snapshot().recent()[0];
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.max()).isBetween(Duration.ofHours(1), Duration.ofMinutes(61));
    }

    @Test
    void concurrentRecordersLoseNothingWhileSnapshotsAndRotationsRun() throws Exception {
        WindowedTimings t = timings(2, Duration.ofSeconds(60));
        int threads = 4;
        int each = 200_000;
        CountDownLatch go = new CountDownLatch(1);
        Thread[] workers = new Thread[threads];
        for (int w = 0; w < threads; w++) {
            int hint = w;
            workers[w] = Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    t.record(0, hint, 1_000 + i % 1000);
                    t.record(1, hint, 2_000);
                }
            });
        }
        go.countDown();
        for (int i = 0; i < 50; i++) {
            t.snapshot();
            now.addAndGet(Duration.ofSeconds(1).toNanos());
            t.rotate();
        }
        for (Thread w : workers) {
            w.join();
        }
        WindowedTimings.Snapshot s = t.snapshot();
        assertThat(s.sinceStart()[0].count()).isEqualTo((long) threads * each);
        assertThat(s.sinceStart()[1].count()).isEqualTo((long) threads * each);
    }
}
