package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import dev.sluice.testkit.TestServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * connect() fails with three different, clear messages: server unreachable, database missing, credentials wrong; and no
 * password appears in any message, stack trace or log line.
 */
class ConnectFailuresIT {
    private static final String SECRET = "Hunter2-Sluice-Secret";

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort(); // closed again at once: nothing listens there afterwards
        }
    }

    static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void unreachableServer() throws Exception {
        int port = closedPort();
        ConnectionConfig config = ConnectionConfig.builder().url("postgres://app:" + SECRET + "@127.0.0.1:" + port + "/app")
                .timeouts(t -> t.connect(Duration.ofSeconds(2))).build();
        try (LogCapture logs = new LogCapture()) {
            assertThatThrownBy(() -> ConnectionManager.connect(config))
                    .isInstanceOf(ConnectionFailedException.class)
                    .hasMessageStartingWith("Cannot reach PostgreSQL at 127.0.0.1:" + port + "/app")
                    .hasMessageContaining("Is the server running and accepting TCP connections on that host and port?")
                    .satisfies(e -> {
                        assertThat(((ConnectionFailedException) e).reason()).isEqualTo(FailureReason.UNREACHABLE);
                        assertThat(everything(e)).doesNotContain(SECRET);
                    });
            assertThat(logs.text()).doesNotContain(SECRET);
        }
    }

    @Test
    void missingDatabase() {
        TestServer pg = TestDatabases.server(Vendor.POSTGRESQL);
        ConnectionConfig config = pg.configFor("Sluice No-Such \"DB\"").password(SECRET).build();
        assertThatThrownBy(() -> ConnectionManager.connect(config))
                .isInstanceOf(ConnectionFailedException.class)
                // the hint quotes the name, so it can be pasted as is whatever the name contains
                .hasMessageContaining("has no database 'Sluice No-Such \"DB\"'. Create it (CREATE DATABASE \"Sluice No-Such \"\"DB\"\"\")")
                .satisfies(e -> {
                    assertThat(((ConnectionFailedException) e).reason()).isEqualTo(FailureReason.UNKNOWN_DATABASE);
                    assertThat(everything(e)).doesNotContain(SECRET);
                });
        TestServer my = TestDatabases.server(Vendor.MYSQL);
        assertThatThrownBy(() -> ConnectionManager.connect(my.configFor("sluice-no`such").build()))
                .hasMessageContaining("has no database 'sluice-no`such'. Create it (CREATE DATABASE `sluice-no``such`)")
                .satisfies(e -> assertThat(((ConnectionFailedException) e).reason()).isEqualTo(FailureReason.UNKNOWN_DATABASE));
    }

    @Test
    void wrongCredentialsOnPostgres() {
        // the local server trusts every known role; an unknown role is rejected like a bad password
        TestServer pg = TestDatabases.server(Vendor.POSTGRESQL);
        ConnectionConfig config = ConnectionConfig.builder().vendor(Vendor.POSTGRESQL).host(pg.host()).port(pg.port())
                .database("postgres").user("sluice_nobody").password(SECRET).build();
        assertThatThrownBy(() -> ConnectionManager.connect(config))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("rejected the credentials of user 'sluice_nobody'")
                .hasMessageContaining("(the password is not shown)")
                .satisfies(e -> {
                    assertThat(((ConnectionFailedException) e).reason()).isEqualTo(FailureReason.AUTHENTICATION);
                    assertThat(everything(e)).doesNotContain(SECRET);
                });
    }

    @Test
    void wrongPasswordOnMariaDbAndRightOneWorksWithoutLeakingIt() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            String user = "sluice_it_" + Long.toHexString(System.nanoTime()).substring(0, 8);
            try (Connection c = db.server().admin().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + SECRET + "'");
                s.execute("GRANT ALL ON `" + db.name() + "`.* TO '" + user + "'@'%'");
            }
            try (LogCapture logs = new LogCapture()) {
                String base = "mysql://" + user + ":%s@" + db.server().host() + ":" + db.server().port() + "/" + db.name();
                assertThatThrownBy(() -> ConnectionManager.connect(ConnectionConfig.fromUrl(base.formatted("wrong-" + SECRET))))
                        .isInstanceOf(ConnectionFailedException.class)
                        .hasMessageContaining("rejected the credentials of user '" + user + "'")
                        .satisfies(e -> {
                            assertThat(((ConnectionFailedException) e).reason()).isEqualTo(FailureReason.AUTHENTICATION);
                            assertThat(everything(e)).doesNotContain(SECRET);
                        });
                ConnectionConfig good = ConnectionConfig.builder().url(base.formatted(SECRET)).pool(p -> p.max(2)).build();
                assertThat(good.toString()).doesNotContain(SECRET);
                try (ConnectionManager m = ConnectionManager.connect(good); Connection c = m.getConnection(); Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                    assertThat(m.toString()).doesNotContain(SECRET);
                    assertThat(m.health().toString()).doesNotContain(SECRET);
                }
                assertThat(logs.text()).contains("CONNECTING -> CONNECTED").doesNotContain(SECRET);
            } finally {
                try (Connection c = db.server().admin().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                }
            }
        }
    }

    @Test
    void failFastLeavesTheManagerDisconnectedAndReady() throws Exception {
        ConnectionConfig config = ConnectionConfig.builder().url("postgres://127.0.0.1:" + closedPort() + "/app").build();
        ConnectionManager m = ConnectionManager.create(config);
        assertThatThrownBy(m::connect).isInstanceOf(ConnectionFailedException.class);
        assertThat(m.state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThatThrownBy(m::getConnection).hasMessageContaining("is not connected (state DISCONNECTED); call connect() first");
        m.shutdown(Duration.ZERO);
        assertThat(m.state()).isEqualTo(ConnectionState.CLOSED);
    }

    @Test
    void missingSqliteDirectoryIsNamed() {
        ConnectionConfig config = ConnectionConfig.fromUrl("sqlite:/nonexistent-dir-sluice/app.db");
        assertThatThrownBy(() -> ConnectionManager.connect(config))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("/nonexistent-dir-sluice/app.db");
    }
}
