package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Connect, query and read the server version on the real PostgreSQL, MariaDB (through Connector/J) and SQLite. */
class ConnectIT {

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void connectsQueriesAndReadsTheServerVersion(Vendor vendor) throws Exception {
        try (TestDatabase db = TestDatabases.create(vendor)) {
            ConnectionManager m = db.connect();
            assertThat(m.state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(m.isConnected()).isTrue();
            try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE greeting (id INTEGER PRIMARY KEY, text VARCHAR(20) NOT NULL)");
                s.execute("INSERT INTO greeting VALUES (1, 'hello')");
                try (ResultSet rs = s.executeQuery("SELECT text FROM greeting WHERE id = 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("hello");
                }
            }
            ServerInfo info = m.serverInfo();
            assertThat(info.vendor()).isEqualTo(vendor);
            assertThat(info.version()).matches("\\d+(\\.\\d+)+");
            assertThat(info.roundTrip()).isPositive();
            switch (vendor) {
                case POSTGRESQL -> assertThat(info.product()).isEqualTo("PostgreSQL");
                case MYSQL -> {
                    // the machine's MySQL-family server is MariaDB, reached with MySQL Connector/J
                    assertThat(info.driver()).startsWith("MySQL Connector/J");
                    assertThat(info.product()).isIn("MySQL", "MariaDB");
                    assertThat(info.isMariaDb()).isEqualTo(info.fullVersion().contains("MariaDB"));
                }
                case SQLITE -> assertThat(info.product()).isEqualTo("SQLite");
            }
        }
    }

    @Test
    void disconnectThenConnectAgain() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ConnectionManager m = db.connect();
            ShutdownReport r = m.disconnect();
            assertThat(r.inFlight()).isZero();
            assertThat(m.state()).isEqualTo(ConnectionState.DISCONNECTED);
            assertThat(m.isConnected()).isFalse();
            m.connect();
            assertThat(m.state()).isEqualTo(ConnectionState.CONNECTED);
            try (Connection c = m.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void mariadbIsRecognisedBehindTheMysqlVendor() {
        try (TestDatabase db = TestDatabases.mysql()) {
            ServerInfo info = ConnectionManager.probe(db.config());
            assertThat(info.fullVersion()).contains("MariaDB");
            assertThat(info.product()).isEqualTo("MariaDB");
            assertThat(info.version()).startsWith("10.");
        }
    }

    @Test
    void sqliteRunsInWalModeWithForeignKeys() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            ConnectionManager m = db.connect();
            try (Connection c = m.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
                }
                try (ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        }
    }
}
