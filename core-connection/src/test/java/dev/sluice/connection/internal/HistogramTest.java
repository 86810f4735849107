package dev.sluice.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.TimingStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HistogramTest {
    @Test
    void percentilesAreWithinTheBucketFactor() {
        Histogram h = new Histogram();
        for (int i = 1; i <= 1000; i++) {
            h.record(Duration.ofMillis(i).toNanos());
        }
        TimingStats s = h.snapshot();
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.max()).isEqualTo(Duration.ofMillis(1000));
        assertThat(s.mean().toMillis()).isBetween(499L, 501L);
        assertThat(s.p50().toMillis()).isBetween(500L, 710L);
        assertThat(s.p99().toMillis()).isBetween(990L, 1000L);
    }

    @Test
    void emptyHistogram() {
        assertThat(new Histogram().snapshot()).isEqualTo(TimingStats.EMPTY);
    }
}
