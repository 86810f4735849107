package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * On MariaDB a tenant scope adds a predicate to the statement and nothing to the conversation: a scoped transaction
 * sends the same commands as an unscoped one (no session reset on return, no ping, no {@code SET} for the tenant), and
 * the server reads the same rows. Counted from the server's own session counters on the pool's one connection (the
 * general query log does not show every command: {@code COM_RESET_CONNECTION} and {@code COM_PING} are missing
 * there). Benchmark row 3 compares these two transactions; an extra command would cost a round trip on each.
 */
class TenantScopeCommandsTest {
    private static final UUID TENANT = UUID.fromString("00000000-0000-5eed-0000-000000000003");
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<String> BODY = DSL.field(DSL.name("body"), SQLDataType.VARCHAR);
    private static final Table<?> NOTES = DSL.table(DSL.name("notes"));
    private static final Table<?> PLAIN = DSL.table(DSL.name("notes_plain"));
    private static final int TRANSACTIONS = 50;

    /**
     * With statement logging off (the benchmark's case) and at DEBUG (logback's default without a configuration): the
     * log names each statement's connection through {@link dev.sluice.connection.LentConnection}, which leaves the
     * borrow's clean return alone (unwrapping to the driver's connection would reset the session on every return).
     */
    @ParameterizedTest
    @ValueSource(strings = {"INFO", "DEBUG"})
    void aScopedTransactionSendsTheCommandsOfAnUnscopedOneOnMariaDb(String logLevel) {
        Logger sql = (Logger) LoggerFactory.getLogger(QueryLogging.LOGGER);
        Level level = sql.getLevel();
        sql.setLevel(Level.toLevel(logLevel));
        try (TestDatabase tdb = TestDatabases.mysql();
                Database db = Database.connect(tdb.configBuilder().pool(p -> p.min(1).max(1)).build())) {
            for (String table : new String[] {"notes", "notes_plain"}) {
                db.dsl().execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, organization_id CHAR(36) NOT NULL, body VARCHAR(64) NOT NULL)");
                db.dsl().execute("INSERT INTO " + table + " VALUES (1, '" + TENANT + "', 'mine'), (2, '" + UUID.randomUUID() + "', 'theirs')");
            }
            TenantScope scope = db.forTenant(TENANT);
            // the first scoped transaction reads which tables are tenant tables; both sides run once before counting
            assertThat(scoped(scope, 2)).isNull(); // another tenant's row
            assertThat(unscoped(db, 1)).isEqualTo("mine");

            Map<String, Long> before = counters(db);
            for (int i = 0; i < TRANSACTIONS; i++) {
                assertThat(unscoped(db, 1)).isEqualTo("mine");
            }
            Map<String, Long> between = counters(db);
            for (int i = 0; i < TRANSACTIONS; i++) {
                assertThat(scoped(scope, 1)).isEqualTo("mine");
            }
            Map<String, Long> after = counters(db);

            Map<String, Long> unscoped = difference(before, between);
            Map<String, Long> scoped = difference(between, after);
            // 4 statements per transaction (SET autocommit=0, the select, COMMIT, SET autocommit=1) and the counters' read
            assertThat(unscoped.get("QUESTIONS")).isEqualTo(4L * TRANSACTIONS + 1);
            assertThat(scoped).as("commands and rows of %d scoped transactions against as many unscoped", TRANSACTIONS)
                    .isEqualTo(unscoped);
        } finally {
            sql.setLevel(level);
        }
    }

    private static String scoped(TenantScope scope, int id) {
        return scope.transaction(tx -> select(tx, NOTES, id));
    }

    private static String unscoped(Database db, int id) {
        return db.transaction(tx -> select(tx, PLAIN, id));
    }

    private static String select(DSLContext tx, Table<?> table, int id) {
        return tx.select(BODY).from(table).where(ID.eq(id)).fetchOne(BODY);
    }

    /** Counters that are not about commands, rows or handlers: they differ with the statements' text and timing. */
    private static final java.util.Set<String> ROWS_AND_HANDLERS = java.util.Set.of("QUESTIONS", "HANDLER_READ_KEY", "HANDLER_READ_NEXT",
            "HANDLER_READ_RND_NEXT", "HANDLER_COMMIT", "HANDLER_ROLLBACK", "ROWS_READ", "ROWS_SENT", "SELECT_SCAN", "CREATED_TMP_TABLES");

    /**
     * The session's command, row and handler counters, read on the pool's one connection. Filtered here rather than in
     * SQL: this read is a plain select, which leaves the session as it was, so no reset follows it.
     */
    private static Map<String, Long> counters(Database db) {
        Map<String, Long> m = new TreeMap<>();
        for (Record r : db.dsl().fetch("select VARIABLE_NAME, VARIABLE_VALUE from information_schema.SESSION_STATUS")) {
            String name = r.get(0, String.class);
            if (name.startsWith("COM_") || ROWS_AND_HANDLERS.contains(name)) {
                m.put(name, Long.parseLong(r.get(1, String.class)));
            }
        }
        return m;
    }

    private static Map<String, Long> difference(Map<String, Long> from, Map<String, Long> to) {
        Map<String, Long> d = new TreeMap<>();
        to.forEach((k, v) -> {
            long delta = v - from.getOrDefault(k, 0L);
            if (delta != 0) {
                d.put(k, delta);
            }
        });
        return d;
    }
}
