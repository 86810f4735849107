package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.StubDriver;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code driverClassLoader} decides which driver opens the pool's connections, not only the health checks': the
 * configured loader's {@code org.postgresql.Driver} is {@link StubDriver} while the real driver sits on this class path
 * too, and nothing listens on the URL's port, so only the stub can connect.
 */
class DriverClassLoaderIT {

    @Test
    void thePoolOpensItsConnectionsWithTheDriverOfTheConfiguredClassLoader() throws Exception {
        ConnectionConfig config = ConnectionConfig.builder().url("postgres://127.0.0.1:" + ConnectFailuresIT.closedPort() + "/stub").name("stub-pool")
                .driverClassLoader(StubDriver.classLoader(Vendor.POSTGRESQL))
                .pool(p -> p.min(0).max(1).connectionTimeout(Duration.ofSeconds(1))).build();
        try (ConnectionManager m = ConnectionManager.connect(config)) {
            assertThat(m.serverInfo().driver()).startsWith("Sluice StubDriver");
            try (Connection c = m.getConnection()) {
                assertThat(c.getMetaData().getDriverName()).isEqualTo("Sluice StubDriver");
            }
            assertThat(m.poolStats().sinceStart().usage().count()).isEqualTo(1);
        }
    }
}
