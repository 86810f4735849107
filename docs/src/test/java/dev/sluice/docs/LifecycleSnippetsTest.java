package dev.sluice.docs;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.PoolStats;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** docs/lifecycle.md. */
class LifecycleSnippetsTest {
    private static final Logger log = LoggerFactory.getLogger(LifecycleSnippetsTest.class);

    @Test
    void theWaitAlertReadsTheRecentWindow() {
        try (TestDatabase tdb = TestDatabases.sqlite()) {
            waitAlert(tdb.connect());
        }
    }

    static void waitAlert(ConnectionManager db) {
        // tag::wait-alert[]
        PoolStats s = db.poolStats();
        if (s.recent().acquire().p99().compareTo(Duration.ofMillis(50)) > 0) {
            log.warn("{}: borrowers waited {} (p99, last {})", s.pool(), s.recent().acquire().p99(), s.recent().period());
        }
        // end::wait-alert[]
    }
}
