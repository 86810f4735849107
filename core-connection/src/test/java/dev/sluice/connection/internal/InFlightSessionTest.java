package dev.sluice.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.ConnectionConfig;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which SQL a lease remembers as leaving the session unchanged, so that it is not classified on every borrow. */
class InFlightSessionTest {
    @Test
    void theLastTwoUnchangingStatementsAreRememberedAndAChangingOneIsAskedAboutEveryTime() {
        List<String> asked = new ArrayList<>();
        InFlight inFlight = new InFlight("p", 1, 1, new PoolMetrics(ConnectionConfig.builder()
                .url("postgres://127.0.0.1:5432/session").name("p").build(), () -> null), Duration.ZERO, null, report -> {});
        inFlight.sessionReset(new InFlight.SessionReset() {
            @Override
            public boolean leavesSessionUnchanged(String sql) {
                asked.add(sql);
                return !sql.startsWith("SET ");
            }

            @Override
            public void reset(Connection pooled, boolean changed) {
                // not called here
            }
        });
        Lease lease = new Lease(0);
        for (int borrow = 0; borrow < 3; borrow++) {
            // new String objects each time, as drivers and jOOQ render them
            assertThat(inFlight.leavesSessionUnchanged(lease, new String("SELECT set_config(?, ?, true)"))).isTrue();
            assertThat(inFlight.leavesSessionUnchanged(lease, new String("select body from notes where id = ?"))).isTrue();
            assertThat(inFlight.leavesSessionUnchanged(lease, new String("SET search_path = other"))).isFalse();
        }
        assertThat(asked).containsExactly("SELECT set_config(?, ?, true)", "select body from notes where id = ?",
                "SET search_path = other", "SET search_path = other", "SET search_path = other");
        // a third unchanging statement pushes the oldest out
        assertThat(inFlight.leavesSessionUnchanged(lease, "select 1")).isTrue();
        assertThat(inFlight.leavesSessionUnchanged(lease, "SELECT set_config(?, ?, true)")).isTrue();
        assertThat(asked).endsWith("select 1", "SELECT set_config(?, ?, true)");
    }
}
