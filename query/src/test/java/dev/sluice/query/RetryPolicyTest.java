package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void pausesDoubleFromTheInitialDelayUpToTheCapWithoutJitter() {
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.nominalDelay(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(p.nominalDelay(2)).isEqualTo(Duration.ofMillis(40));
        assertThat(p.nominalDelay(6)).isEqualTo(Duration.ofMillis(640));
        assertThat(p.nominalDelay(7)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delay(2, 0.9)).isEqualTo(Duration.ofMillis(40)); // no jitter: exactly the nominal pause
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }

    @Test
    void badValuesNameTheirProperty() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("retry.max-attempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(10))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("retry.max-delay");
    }
}
