package dev.sluice.connection.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connection.Vendor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which statements let a returned connection skip its session reset: only plain selects (and on PostgreSQL settings
 * that end with the transaction). Every doubt must answer "may change the session"; SessionResetIT shows on the
 * servers that what is let through indeed leaves nothing behind and that the rest is still reset.
 */
class SessionNeutralSqlTest {
    private static final VendorDescriptor PG = VendorDescriptor.of(Vendor.POSTGRESQL);
    private static final VendorDescriptor MYSQL = VendorDescriptor.of(Vendor.MYSQL);
    private static final VendorDescriptor SQLITE = VendorDescriptor.of(Vendor.SQLITE);

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "  select 1  ",
        "select \"items\".\"name\", \"items\".\"qty\" from \"items\" where \"items\".\"id\" = ?",
        "select `items`.`name` from `items` where `items`.`id` = ?",
        "SELECT count(*) FROM t WHERE a IN (1, 2) AND EXISTS (SELECT 1 FROM u WHERE u.x = t.x)",
        "SELECT coalesce(a, 'x;y -- not a comment') FROM t FOR UPDATE",
        "select cast(? as int), lower (name) from t",
        "SELECT 'f(x)' FROM t"})
    void plainSelectsLeaveTheSessionAlone(String sql) {
        assertThat(PG.leavesSessionUnchanged(sql)).as("postgres: %s", sql).isTrue();
        assertThat(MYSQL.leavesSessionUnchanged(sql)).as("mysql: %s", sql).isTrue();
        assertThat(SQLITE.leavesSessionUnchanged(sql)).as("sqlite: %s", sql).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SET search_path = pg_catalog",
        "SET SESSION sql_mode = 'ANSI_QUOTES'",
        "CREATE TEMP TABLE t (x int)",
        "PRAGMA foreign_keys = OFF",
        "ATTACH DATABASE ':memory:' AS x",
        "INSERT INTO t VALUES (1)",
        "PREPARE p AS SELECT 1",
        "LISTEN channel",
        "SELECT set_config('app.x', 'y', false)",
        "SELECT pg_advisory_lock(42)",
        "SELECT pg_catalog.set_config('app.x', 'y', false)",
        "SELECT my_function()",
        "SELECT \"myFunction\"(1)",
        "SELECT nextval('s')",
        "SELECT GET_LOCK('x', 1)",
        "SELECT * INTO TEMP t FROM u",
        "SELECT 1; SET search_path = x",
        "SELECT 1 /*!, GET_LOCK('x', 1) */",
        "SELECT 1 -- comment",
        "SELECT 'a\\'' , my_function(), ''",
        "SELECT $$x$$(1)",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "selectivity",
        ""})
    void everythingElseMayChangeIt(String sql) {
        assertThat(PG.leavesSessionUnchanged(sql)).as("postgres: %s", sql).isFalse();
        assertThat(MYSQL.leavesSessionUnchanged(sql)).as("mysql: %s", sql).isFalse();
        assertThat(SQLITE.leavesSessionUnchanged(sql)).as("sqlite: %s", sql).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT @x := 1", "SELECT 1 INTO @x", "SELECT @@session.sql_mode"})
    void mysqlUserVariablesMayChangeIt(String sql) {
        assertThat(MYSQL.leavesSessionUnchanged(sql)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET LOCAL statement_timeout = 5000", "SELECT set_config('sluice.tenant_id', ?, true)",
        "select set_config('sluice.tenant_id', 'a9c1', TRUE)", "SELECT set_config(?, ?, true)"})
    void postgresTransactionLocalSettingsEndWithTheTransaction(String sql) {
        assertThat(PG.leavesSessionUnchanged(sql)).isTrue();
        assertThat(MYSQL.leavesSessionUnchanged(sql)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET LOCAL statement_timeout = 5000; SET search_path = x", "SELECT set_config('a', ?, false)",
        "SELECT set_config('a', ?, true), set_config('b', 'c', false)", "SET statement_timeout = 5000"})
    void postgresSessionSettingsAreNotTransactionLocal(String sql) {
        assertThat(PG.leavesSessionUnchanged(sql)).isFalse();
    }
}
