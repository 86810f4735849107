package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** Records the waits the loop announces. */
    private static final class Recorder implements Backoff.Retry {
        final List<String> waits = new ArrayList<>();
        final boolean retry;

        Recorder(boolean retry) {
            this.retry = retry;
        }

        @Override
        public boolean retryAfter(int n, RuntimeException failure) {
            return retry;
        }

        @Override
        public void waiting(int next, Duration delay) {
            waits.add(next + ":" + delay.toMillis());
        }
    }

    @Test
    void theLoopWaitsTheGrowingDelaysBetweenAttemptsAndGivesUpAfterMaxAttempts() {
        Backoff three = new ReconnectSettings(Duration.ofMillis(10), 2.0, Duration.ofMillis(15), 3, 0.0);
        Recorder r = new Recorder(true);
        List<Integer> attempts = new ArrayList<>();
        assertThatThrownBy(() -> three.retry(false, n -> {
            attempts.add(n);
            throw new IllegalStateException("down " + n);
        }, r)).hasMessage("down 3");
        assertThat(attempts).containsExactly(1, 2, 3);
        assertThat(r.waits).containsExactly("2:10", "3:15"); // capped at maxDelay
    }

    @Test
    void theLoopReturnsTheFirstSuccessAndCanWaitBeforeTheFirstAttempt() throws Exception {
        Backoff unlimited = new ReconnectSettings(Duration.ofMillis(10), 2.0, Duration.ofMillis(40), 0, 0.0);
        Recorder r = new Recorder(true);
        String result = unlimited.retry(true, n -> {
            if (n < 3) {
                throw new IllegalStateException("not yet");
            }
            return "up after " + n;
        }, r);
        assertThat(result).isEqualTo("up after 3");
        assertThat(r.waits).containsExactly("1:10", "2:20", "3:40");
    }

    @Test
    void aFinalFailureOrACheckedExceptionEndsTheLoopAtOnce() {
        Backoff many = new ReconnectSettings(Duration.ofMillis(10), 2.0, Duration.ofMillis(40), 10, 0.0);
        Recorder never = new Recorder(false);
        int[] calls = {0};
        assertThatThrownBy(() -> many.retry(false, n -> {
            calls[0]++;
            throw new IllegalStateException("final");
        }, never)).hasMessage("final");
        assertThat(calls[0]).isEqualTo(1);
        assertThatThrownBy(() -> many.retry(false, n -> {
            calls[0]++;
            throw new IOException("checked");
        }, new Recorder(true))).isInstanceOf(IOException.class);
        assertThat(calls[0]).isEqualTo(2);
    }
}
