package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Test-owned servers: a PostgreSQL instance and its streaming replica, a MariaDB instance, each stopped and restarted. */
class InstancesTest {
    @Test
    void aStreamingReplicaReplaysWhatThePrimaryWritesAndCanBePromoted() throws Exception {
        try (PostgresInstance primary = PostgresInstance.start(); PostgresInstance replica = primary.startReplica()) {
            assertThat(replica.port()).isNotEqualTo(primary.port());
            try (Connection p = pg(primary); Statement s = p.createStatement()) {
                s.execute("CREATE TABLE t (v text)");
                s.execute("INSERT INTO t VALUES ('from the primary')");
            }
            try (Connection r = pg(replica); Statement s = r.createStatement()) {
                assertThat(single(s, "SELECT pg_is_in_recovery()")).isEqualTo("t");
                assertThat(waitFor(s, "SELECT v FROM t", "from the primary")).isTrue();
            }
            replica.promote();
            try (Connection r = pg(replica); Statement s = r.createStatement()) {
                assertThat(single(s, "SELECT pg_is_in_recovery()")).isEqualTo("f");
                s.execute("INSERT INTO t VALUES ('written on the promoted replica')");
            }
        }
    }

    @Test
    void aMariaDbInstanceStartsStopsAndStartsAgain() throws Exception {
        try (MariaDbInstance db = MariaDbInstance.start()) {
            assertThat(db.url()).isEqualTo("mariadb://root@127.0.0.1:" + db.port() + "/test");
            try (Connection c = maria(db); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT VERSION()")).containsIgnoringCase("mariadb");
                s.execute("CREATE TABLE kept (v INT)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
            db.stop();
            assertThat(db.isRunning()).isFalse();
            assertThat(canConnect(db)).isFalse();
            db.startServer();
            try (Connection c = maria(db); Statement s = c.createStatement()) {
                assertThat(single(s, "SELECT v FROM kept")).isEqualTo("42");
            }
            db.kill();
            assertThat(db.isRunning()).isFalse();
            db.startServer();
            assertThat(canConnect(db)).isTrue();
        }
    }

    static Connection pg(PostgresInstance pg) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres", p);
    }

    static Connection maria(MariaDbInstance db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + db.port() + "/test", p);
    }

    private static boolean canConnect(MariaDbInstance db) {
        try (Connection c = maria(db)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean waitFor(Statement s, String sql, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery(sql)) {
                if (rs.next() && expected.equals(rs.getString(1))) {
                    return true;
                }
            } catch (SQLException notYet) {
                // the table has not been replayed yet
            }
            Thread.sleep(50);
        }
        return false;
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
