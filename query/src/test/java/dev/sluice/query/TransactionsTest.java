package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transactions on the three real servers, the same code for each: savepoints, read-only, isolation, statement
 * timeouts, {@code db.dsl()} joining the thread's transaction, and use from another thread. Pools of one connection,
 * so a statement that borrowed a second connection would fail (after the 2s borrow timeout) instead of passing.
 */
class TransactionsTest {

    private static Database connect(TestDatabase tdb) {
        Database db = Database.connect(tdb.configBuilder().pool(p -> p.min(0).max(1).connectionTimeout(Duration.ofSeconds(2))).build());
        db.dsl().execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL)");
        return db;
    }

    private static List<Integer> ids(DSLContext dsl) {
        return dsl.select(DSL.field("id", Integer.class)).from("items").orderBy(DSL.field("id")).fetch(0, Integer.class);
    }

    private static void insert(DSLContext dsl, int id) {
        dsl.execute("INSERT INTO items (id, name) VALUES (?, ?)", id, "item " + id);
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aNestedTransactionIsASavepointRolledBackAlone(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb)) {
            db.transaction(tx -> {
                insert(tx, 1);
                assertThatThrownBy(() -> db.transaction(inner -> {
                    insert(inner, 2);
                    insert(inner, 1); // duplicate key: fails the inner transaction only
                    return null;
                })).isInstanceOf(org.jooq.exception.DataAccessException.class);
                db.transaction(inner -> {
                    insert(inner, 3); // a nested transaction that succeeds is kept
                    return null;
                });
                insert(tx, 4); // the outer transaction goes on after the inner failure (PostgreSQL: not aborted)
                return null;
            });
            assertThat(ids(db.dsl())).containsExactly(1, 3, 4);

            // the outer failing rolls back its nested work too
            assertThatThrownBy(() -> db.transaction(tx -> {
                db.transaction(inner -> {
                    insert(inner, 5);
                    return null;
                });
                throw new IllegalStateException("outer failed");
            })).hasMessage("outer failed");
            assertThat(ids(db.dsl())).containsExactly(1, 3, 4);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void readOnlyRejectsWritesAndTheConnectionIsWritableAfterwards(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb)) {
            insert(db.dsl(), 1);
            List<Integer> read = db.readOnly(tx -> ids(tx));
            assertThat(read).containsExactly(1);
            assertThatThrownBy(() -> db.readOnly(tx -> {
                insert(tx, 2);
                return null;
            })).isInstanceOf(org.jooq.exception.DataAccessException.class)
                    .hasMessageContaining(switch (vendor) {
                        case POSTGRESQL -> "read-only transaction";
                        case MYSQL -> "READ ONLY";
                        case SQLITE -> "readonly";
                    });
            // the one pooled connection was handed back writable
            db.transaction(tx -> {
                insert(tx, 3);
                return null;
            });
            assertThat(ids(db.dsl())).containsExactly(1, 3);
            // a nested transaction cannot ask for other options than the outer one's
            assertThatThrownBy(() -> db.transaction(tx -> db.readOnly(inner -> ids(inner))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("options of the outermost");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void isolationLevelPerCall(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb)) {
            TransactionOptions serializable = TransactionOptions.builder().isolation(Isolation.SERIALIZABLE).build();
            String inside = db.transaction(serializable, tx -> isolation(vendor, tx));
            String after = isolation(vendor, db.dsl());
            switch (vendor) {
                case POSTGRESQL -> {
                    assertThat(inside).isEqualTo("serializable");
                    assertThat(after).isEqualTo("read committed");
                }
                case MYSQL -> {
                    assertThat(inside).isEqualTo("SERIALIZABLE");
                    assertThat(after).isEqualTo("REPEATABLE-READ");
                }
                case SQLITE -> assertThat(inside).isEqualTo("0"); // read_uncommitted off: serializable, as always
            }
        }
    }

    private static String isolation(Vendor vendor, DSLContext dsl) {
        return String.valueOf(dsl.fetchValue(switch (vendor) {
            case POSTGRESQL -> "SELECT current_setting('transaction_isolation')";
            case MYSQL -> "SELECT @@session.tx_isolation";
            case SQLITE -> "SELECT CAST(read_uncommitted AS TEXT) FROM pragma_read_uncommitted";
        }));
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a guard against a timeout that does not work, not a measurement
    void statementTimeoutPerCall(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb)) {
            TransactionOptions limited = TransactionOptions.builder().statementTimeout(Duration.ofMillis(300)).build();
            String slow = switch (vendor) {
                case POSTGRESQL -> "SELECT pg_sleep(30)";
                case MYSQL -> "SELECT SLEEP(30)";
                case SQLITE -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) FROM c";
            };
            assertThatThrownBy(() -> db.transaction(limited, tx -> tx.fetch(slow)))
                    .isInstanceOf(org.jooq.exception.DataAccessException.class)
                    .hasMessageContaining(switch (vendor) {
                        case POSTGRESQL -> "statement timeout";
                        case MYSQL -> "max_statement_time";
                        case SQLITE -> "interrupted";
                    });
            // the setting did not stay on the pooled connection
            switch (vendor) {
                case POSTGRESQL -> assertThat(String.valueOf(db.dsl().fetchValue("SHOW statement_timeout"))).isEqualTo("0");
                case MYSQL -> assertThat(Double.parseDouble(String.valueOf(db.dsl().fetchValue("SELECT @@session.max_statement_time")))).isZero();
                case SQLITE -> assertThat(String.valueOf(db.dsl().fetchValue("SELECT 1"))).isEqualTo("1");
            }
            assertThatThrownBy(() -> TransactionOptions.builder().statementTimeout(Duration.ZERO).build())
                    .hasMessageContaining("transaction.statement-timeout").hasMessageContaining("1ms to 24h");
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void dslInsideATransactionJoinsItAndAnotherThreadGetsAClearError(Vendor vendor) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = connect(tdb)) {
            assertThatThrownBy(() -> db.transaction(tx -> {
                insert(tx, 1);
                insert(db.dsl(), 2); // same connection: a second borrow would time out with a pool of one
                assertThat(ids(db.dsl())).containsExactly(1, 2); // sees the transaction's uncommitted rows
                throw new IllegalStateException("roll back");
            })).hasMessage("roll back");
            assertThat(ids(db.dsl())).isEmpty(); // db.dsl()'s insert was part of the rolled back transaction

            ExecutionException escaped = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> db.transaction(tx -> other.submit(() -> ids(tx)).get()));
            assertThat(escaped.getCause()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("belongs to thread '" + Thread.currentThread().getName() + "'");
        } finally {
            other.shutdownNow();
        }
    }
}
