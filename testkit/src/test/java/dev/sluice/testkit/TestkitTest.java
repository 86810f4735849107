package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.ConnectionManager;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.internal.ServerLocator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestkitTest {

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void noServerFailsNamingTheThreeWaysToProvideOne() throws Exception {
        assertThatThrownBy(() -> ServerLocator.locate(Vendor.POSTGRESQL, Map.of(), closedPort()))
                .isInstanceOf(NoTestDatabaseException.class)
                .hasMessageStartingWith("No PostgreSQL server for tests. Provide one in any of three ways:")
                .hasMessageContaining("1. set SLUICE_TEST_PG_URL")
                .hasMessageContaining("2. run a local server on 127.0.0.1:")
                .hasMessageContaining("3. start a Docker engine so Testcontainers can run postgres:15-alpine")
                .hasMessageContaining("Tried: SLUICE_TEST_PG_URL is not set; nothing listens on 127.0.0.1:");
        assertThatThrownBy(() -> ServerLocator.locate(Vendor.MYSQL, Map.of(), closedPort()))
                .hasMessageContaining("SLUICE_TEST_MYSQL_URL");
    }

    @Test
    void aBrokenEnvUrlFailsInsteadOfFallingBack() throws Exception {
        int port = closedPort();
        assertThatThrownBy(() -> ServerLocator.locate(Vendor.POSTGRESQL, Map.of("SLUICE_TEST_PG_URL", "postgres://u:pw@127.0.0.1:" + port + "/x")))
                .isInstanceOf(NoTestDatabaseException.class)
                .hasMessageStartingWith("SLUICE_TEST_PG_URL is set but its server cannot be used")
                .hasMessageNotContaining(":pw@");
        assertThatThrownBy(() -> ServerLocator.locate(Vendor.POSTGRESQL, Map.of("SLUICE_TEST_PG_URL", "mysql://root@127.0.0.1/x")))
                .hasMessageContaining("must name a PostgreSQL server");
    }

    @Test
    void eachDatabaseIsFreshAndDroppedOnClose() throws Exception {
        String name;
        try (TestDatabase a = TestDatabases.postgres(); TestDatabase b = TestDatabases.postgres()) {
            name = a.name();
            assertThat(a.name()).isNotEqualTo(b.name()).startsWith("sluice_t_");
            ConnectionManager m = a.connect();
            try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE only_in_a (id INT)");
            }
            try (Connection c = b.connect().getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_a'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("databases do not share data").isZero();
            }
        }
        try (Connection c = TestDatabases.server(Vendor.POSTGRESQL).admin().getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("dropped on close").isZero();
            }
        }
    }

    @Test
    void proxyForwardsBlackholesResumesAndDrops() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!echo.isClosed()) {
                    try {
                        Socket s = echo.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                                in.transferTo(out);
                            } catch (Exception ignored) {
                                // connection reset by the test
                            }
                        });
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            try (TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.getLocalPort()); Socket client = new Socket("127.0.0.1", proxy.port())) {
                client.setSoTimeout(500);
                client.getOutputStream().write('a');
                assertThat(client.getInputStream().read()).isEqualTo('a');

                proxy.blackhole();
                client.getOutputStream().write('b');
                assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

                proxy.resume();
                client.setSoTimeout(2000);
                assertThat(client.getInputStream().read()).as("held bytes arrive after resume").isEqualTo('b');

                proxy.dropAll();
                assertThat(readOrFail(client)).as("a dropped connection ends").isTrue();
                assertThat(proxy.acceptedConnections()).isEqualTo(1);
            }
        }
    }

    private static boolean readOrFail(Socket s) {
        try {
            return s.getInputStream().read() == -1;
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void proxyTargetsOnlyLoopback() {
        assertThatThrownBy(() -> TcpProxy.start("10.0.0.1", 5432)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only to loopback");
    }
}
