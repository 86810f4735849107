package dev.sluice.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Session state one borrower leaves on a pooled connection does not reach the next borrower of the same connection
 * (a pool of one): settings, the role, temporary tables, prepared statements, locks, pragmas. With
 * {@code pool.reset-on-return: false} it does, which is what the first borrower set up to check.
 */
class SessionResetIT {

    static Object value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getObject(1);
        }
    }

    static void run(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    static ConnectionManager poolOfOne(TestDatabase db, ConnectionConfig.Builder b, boolean reset) {
        return db.connect(b.pool(p -> p.min(1).max(1).resetOnReturn(reset)).build());
    }

    @Test
    void postgres() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            String role = "sluice_t_reset_" + db.name().substring(db.name().length() - 8);
            try (Connection a = db.server().admin().getConnection()) {
                run(a, "CREATE ROLE " + role + " NOLOGIN NOSUPERUSER");
            }
            try {
                ConnectionManager m = poolOfOne(db, db.configBuilder().role(role), true);
                Object pid;
                try (Connection c = m.getConnection()) {
                    pid = value(c, "SELECT pg_backend_pid()");
                    run(c, "SELECT set_config('app.leak', 'from borrower 1', false)", "SET search_path = pg_catalog",
                            "CREATE TEMP TABLE leak_t (x int)", "PREPARE leak_p AS SELECT 1", "SELECT pg_advisory_lock(4242)",
                            "RESET ROLE"); // back to the login user: a superuser here
                    assertThat(value(c, "SELECT current_user")).isEqualTo("postgres");
                }
                try (Connection c = m.getConnection()) {
                    assertThat(value(c, "SELECT pg_backend_pid()")).as("the same server session").isEqualTo(pid);
                    assertThat(value(c, "SELECT current_setting('app.leak', true)")).isIn(null, "");
                    assertThat(value(c, "SHOW search_path")).isEqualTo("\"$user\", public");
                    assertThat(value(c, "SELECT to_regclass('pg_temp.leak_t')")).isNull();
                    assertThat(value(c, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'leak_p'")).isEqualTo(0L);
                    assertThat(value(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")).isEqualTo(0L);
                    assertThat(value(c, "SELECT current_user")).as("the configured role again").isEqualTo(role);
                    assertThat(value(c, "SHOW application_name")).as("what the pool set at login stays").isEqualTo(m.config().applicationName());
                }
                // pgjdbc's own server-prepared statements survive the reset: it notices DISCARD and re-prepares
                for (int i = 0; i < 8; i++) {
                    try (Connection c = m.getConnection(); var ps = c.prepareStatement("SELECT ?::int + 1")) {
                        ps.setInt(1, i);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            assertThat(rs.getInt(1)).isEqualTo(i + 1);
                        }
                    }
                }

                ConnectionManager leaky = poolOfOne(db, db.configBuilder(), false);
                try (Connection c = leaky.getConnection()) {
                    run(c, "SELECT set_config('app.leak', 'from borrower 1', false)");
                }
                try (Connection c = leaky.getConnection()) {
                    assertThat(value(c, "SELECT current_setting('app.leak', true)")).isEqualTo("from borrower 1");
                }
            } finally {
                db.close(); // close the pools before the role goes
                try (Connection a = db.server().admin().getConnection()) {
                    run(a, "DROP ROLE IF EXISTS " + role);
                }
            }
        }
    }

    @Test
    void mariadb() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            ConnectionManager m = poolOfOne(db, db.configBuilder(), true);
            Object id;
            try (Connection c = m.getConnection()) {
                id = value(c, "SELECT CONNECTION_ID()");
                run(c, "SET @leak = 'from borrower 1'", "SET SESSION sql_mode = 'ANSI_QUOTES'", "SET SESSION wait_timeout = 77",
                        "CREATE TEMPORARY TABLE leak_t (x INT)", "PREPARE leak_p FROM 'SELECT 1'");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT CONNECTION_ID()")).as("the same server session").isEqualTo(id);
                assertThat(value(c, "SELECT @leak")).isNull();
                assertThat(value(c, "SELECT @@SESSION.sql_mode = @@GLOBAL.sql_mode")).isIn(1, 1L, true);
                assertThat(value(c, "SELECT @@SESSION.wait_timeout")).isNotIn(77, 77L);
                assertThatThrownBy(() -> value(c, "SELECT count(*) FROM leak_t")).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> run(c, "EXECUTE leak_p")).isInstanceOf(SQLException.class);
                assertThat(value(c, "SELECT 'still usable'")).isEqualTo("still usable");
            }
            ConnectionManager leaky = poolOfOne(db, db.configBuilder(), false);
            try (Connection c = leaky.getConnection()) {
                run(c, "SET @leak = 'from borrower 1'");
            }
            try (Connection c = leaky.getConnection()) {
                assertThat(value(c, "SELECT @leak")).isEqualTo("from borrower 1");
            }
        }
    }

    @Test
    void sqlite() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            ConnectionManager m = poolOfOne(db, db.configBuilder(), true);
            try (Connection c = m.getConnection()) {
                run(c, "PRAGMA foreign_keys = OFF", "CREATE TEMP TABLE leak_t (x)", "CREATE TEMP VIEW leak_v AS SELECT * FROM leak_t",
                        "ATTACH DATABASE ':memory:' AS leak_db");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "PRAGMA foreign_keys")).isEqualTo(1);
                assertThat(value(c, "SELECT count(*) FROM temp.sqlite_master")).isEqualTo(0);
                assertThat(value(c, "SELECT count(*) FROM pragma_database_list WHERE name = 'leak_db'")).isEqualTo(0);
            }
            db.close();
        }
        try (TestDatabase db = TestDatabases.sqlite()) {
            ConnectionManager leaky = poolOfOne(db, db.configBuilder(), false);
            try (Connection c = leaky.getConnection()) {
                run(c, "PRAGMA foreign_keys = OFF");
            }
            try (Connection c = leaky.getConnection()) {
                assertThat(value(c, "PRAGMA foreign_keys")).isEqualTo(0);
            }
        }
    }

    /** Runs one statement through a prepared statement (its SQL known when prepared, not when run). */
    static void prepared(Connection c, String sql) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    /**
     * A borrow that ran only plain selects skips the reset (the benchmarks measure that); one that changed the session
     * in any way the handle can see still gets it, however the change was sent: a SET through a prepared statement, a
     * select that calls a function of the user's that sets a setting, a changed isolation level, setClientInfo, and
     * after a clean borrow that followed a dirty one.
     */
    @Test
    void postgresResetsOnlyWhatMayHaveChanged() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ConnectionManager m = poolOfOne(db, db.configBuilder(), true);
            try (Connection c = m.getConnection()) {
                run(c, "CREATE FUNCTION leak_fn() RETURNS text LANGUAGE sql AS $$ SELECT set_config('app.leak', 'fn', false) $$");
            }
            try (Connection c = m.getConnection()) {
                prepared(c, "SET search_path = pg_catalog");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SHOW search_path")).isEqualTo("\"$user\", public");
            }
            try (Connection c = m.getConnection(); var ps = c.prepareStatement("SELECT leak_fn()")) {
                ps.executeQuery().close();
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT current_setting('app.leak', true)")).isIn(null, "");
            }
            try (Connection c = m.getConnection()) {
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
                c.setClientInfo("ApplicationName", "borrower 1");
                assertThat(value(c, "SELECT 1")).isEqualTo(1);
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SHOW transaction_isolation")).isEqualTo("read committed");
                assertThat(value(c, "SHOW application_name")).isEqualTo(m.config().applicationName());
            }
            // a transaction-local setting (what tenant scopes send) ends with the transaction, reset or not
            try (Connection c = m.getConnection()) {
                c.setAutoCommit(false);
                prepared(c, "SELECT set_config('app.leak', 'local', true)");
                assertThat(value(c, "SELECT current_setting('app.leak', true)")).isEqualTo("local");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT current_setting('app.leak', true)")).isIn(null, "");
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }

    /**
     * Asking a lent connection for its {@link LentConnection#physicalId()} (what the statement log does for every
     * statement) leaves a clean borrow's return alone, while unwrapping to the driver's connection counts as a change.
     * Seen through a setting that a plain select of a view sets: the view's function is past what the handle sees,
     * so the setting survives exactly when no reset ran.
     */
    @Test
    void postgresLentConnectionIdLeavesTheCleanReturnAlone() throws Exception {
        try (TestDatabase db = TestDatabases.postgres()) {
            ConnectionManager m = poolOfOne(db, db.configBuilder(), true);
            try (Connection c = m.getConnection()) {
                run(c, "CREATE VIEW marker AS SELECT set_config('app.mark', 'kept', false) AS mark");
            }
            String id;
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT mark FROM marker")).isEqualTo("kept");
                assertThat(c.isWrapperFor(LentConnection.class)).isTrue();
                id = c.unwrap(LentConnection.class).physicalId();
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT current_setting('app.mark', true)")).as("no reset after the id").isEqualTo("kept");
                assertThat(c.unwrap(LentConnection.class).physicalId()).as("the same physical connection").isEqualTo(id);
                assertThat(c.unwrap(org.postgresql.PGConnection.class)).isNotNull();
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT current_setting('app.mark', true)")).as("reset after the driver's unwrap").isIn(null, "");
            }
        }
    }

    @Test
    void mariadbResetsOnlyWhatMayHaveChanged() throws Exception {
        try (TestDatabase db = TestDatabases.mysql()) {
            ConnectionManager m = poolOfOne(db, db.configBuilder(), true);
            try (Connection c = m.getConnection()) {
                prepared(c, "SET @leak = 'prepared'");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT 'clean'")).isEqualTo("clean");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT @leak")).isNull();
                value(c, "SELECT @leak := 'assigned in a select'");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT @leak")).isNull();
                prepared(c, "CREATE TEMPORARY TABLE leak_t (x INT)");
            }
            try (Connection c = m.getConnection()) {
                assertThatThrownBy(() -> value(c, "SELECT count(*) FROM leak_t")).isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void sqliteResetsOnlyWhatMayHaveChanged() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite()) {
            ConnectionManager m = poolOfOne(db, db.configBuilder(), true);
            try (Connection c = m.getConnection()) {
                prepared(c, "PRAGMA foreign_keys = OFF");
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "PRAGMA foreign_keys")).isEqualTo(1);
                prepared(c, "CREATE TEMP TABLE leak_t (x)");
                assertThat(value(c, "SELECT count(*) FROM leak_t")).isEqualTo(0);
            }
            try (Connection c = m.getConnection()) {
                assertThat(value(c, "SELECT count(*) FROM temp.sqlite_master")).isEqualTo(0);
                c.setAutoCommit(false);
                assertThat(value(c, "SELECT 1")).isEqualTo(1); // a transaction left open after a clean select
            }
            try (Connection c = m.getConnection()) {
                assertThat(c.getAutoCommit()).isTrue();
                run(c, "CREATE TABLE kept (x)"); // a write lock would be held if the transaction had not ended
            }
            db.close();
        }
    }
}
