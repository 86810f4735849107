package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void defaultsAreOneSecondDoublingCappedAtThirty() {
        ReconnectSettings r = ReconnectSettings.defaults();
        assertThat(r.nominalDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.nominalDelay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(r.nominalDelay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(r.nominalDelay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.nominalDelay(60)).isEqualTo(Duration.ofSeconds(30));
        assertThat(r.unlimited()).isTrue();
    }

    @Test
    void jitterTakesOffAtMostItsFractionAndNeverExceedsTheCap() {
        ReconnectSettings r = ReconnectSettings.defaults();
        Random random = new Random(42);
        for (int attempt = 1; attempt < 12; attempt++) {
            long nominal = r.nominalDelay(attempt).toMillis();
            for (int i = 0; i < 200; i++) {
                long d = r.delay(attempt, random.nextDouble()).toMillis();
                assertThat(d).isBetween(Math.round(nominal * 0.8), nominal);
                assertThat(d).isLessThanOrEqualTo(30_000);
            }
        }
        assertThat(r.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(r.delay(3, 0.5)).isEqualTo(Duration.ofMillis(3600));
    }

    @Test
    void delaysGrowEvenWithFullJitterTakenAtEachStep() {
        ReconnectSettings r = ReconnectSettings.defaults();
        // worst case for growth: no jitter at attempt n, maximal jitter at attempt n+1
        for (int attempt = 1; attempt < 5; attempt++) {
            assertThat(r.delay(attempt + 1, 0.999).toMillis()).isGreaterThan(r.delay(attempt, 0.0).toMillis());
        }
    }
}
