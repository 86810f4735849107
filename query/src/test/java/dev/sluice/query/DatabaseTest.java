package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.Clause;
import org.jooq.SQLDialect;
import org.jooq.VisitListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Database on the real servers: dialect per server, transactions, retry of transient failures only. */
class DatabaseTest {

    /** What each vendor's driver reports for a failure worth retrying. */
    static SQLException transientFailure(Vendor vendor) {
        return switch (vendor) {
            case POSTGRESQL -> new SQLException("could not serialize access due to concurrent update", "40001");
            case MYSQL -> new SQLException("Deadlock found when trying to get lock", "40001", 1213);
            case SQLITE -> new SQLException("[SQLITE_BUSY] The database file is locked", null, 5);
        };
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void dialectTransactionsAndRetry(Vendor vendor) throws Exception {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            assertThat(db.dialect()).isEqualTo(switch (vendor) {
                case POSTGRESQL -> SQLDialect.POSTGRES;
                case MYSQL -> SQLDialect.MARIADB; // the machine's MySQL-family server is MariaDB
                case SQLITE -> SQLDialect.SQLITE;
            });
            db.dsl().execute("CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL)");
            db.dsl().execute("INSERT INTO counter VALUES (1, 0)");

            // commit
            db.transaction(tx -> tx.execute("UPDATE counter SET n = n + 1 WHERE id = 1"));
            assertThat(db.dsl().fetchValue("SELECT n FROM counter WHERE id = 1", Integer.class)).isEqualTo(1);

            // rollback on failure, not retried when not transient
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> db.transaction(tx -> {
                attempts.incrementAndGet();
                tx.execute("UPDATE counter SET n = n + 100 WHERE id = 1");
                throw new IllegalStateException("business rule failed");
            })).hasMessage("business rule failed");
            assertThat(attempts.get()).isEqualTo(1);
            assertThat(db.dsl().fetchValue("SELECT n FROM counter WHERE id = 1", Integer.class)).isEqualTo(1);

            // a transient failure (serialization failure, SQLState 40001) is rolled back and retried
            AtomicInteger tries = new AtomicInteger();
            int result = db.transaction(tx -> {
                tx.execute("UPDATE counter SET n = n + 10 WHERE id = 1");
                if (tries.incrementAndGet() < 3) {
                    throw new DataAccessException("simulated", transientFailure(vendor));
                }
                return tries.get();
            });
            assertThat(result).isEqualTo(3);
            assertThat(db.dsl().fetchValue("SELECT n FROM counter WHERE id = 1", Integer.class)).isEqualTo(11);

            // retries are bounded by the policy
            AtomicInteger bounded = new AtomicInteger();
            assertThatThrownBy(() -> db.withRetry(new RetryPolicy(2, java.time.Duration.ZERO, java.time.Duration.ZERO)).transaction(tx -> {
                bounded.incrementAndGet();
                throw new DataAccessException("simulated", transientFailure(vendor));
            })).isInstanceOf(DataAccessException.class);
            assertThat(bounded.get()).isEqualTo(2);
            assertThat(db.dsl().fetchCount(DSL.table("counter"))).isEqualTo(1);
        }
    }

    /**
     * Outside tenant scopes the tenant filter's stand-in turns off jOOQ's clause events, which it otherwise computes for
     * every part; a user's own visit listener on a configuration derived from {@code db.dsl()} must still see them.
     */
    @ParameterizedTest
    @EnumSource(Vendor.class)
    @SuppressWarnings("deprecation") // VisitContext.clause(): deprecated in jOOQ, still what some users' listeners read
    void aUsersOwnVisitListenerStillSeesClausesOutsideTenantScopes(Vendor vendor) {
        try (TestDatabase tdb = TestDatabases.create(vendor); Database db = Database.connect(tdb.config())) {
            Set<Clause> seen = EnumSet.noneOf(Clause.class);
            VisitListener clauses = new VisitListener() {
                @Override
                public void clauseStart(org.jooq.VisitContext ctx) {
                    seen.add(ctx.clause());
                }
            };
            var mine = db.dsl().configuration().deriveAppending(clauses).dsl();
            assertThat(mine.selectOne().where(DSL.inline(1).eq(1)).fetchOne(0, Integer.class)).isEqualTo(1);
            assertThat(seen).contains(Clause.SELECT, Clause.SELECT_WHERE);
            seen.clear();
            assertThat(db.dsl().selectOne().where(DSL.inline(1).eq(1)).fetchOne(0, Integer.class)).isEqualTo(1);
            assertThat(seen).as("the Database's own configuration has no user listener").isEmpty();
        }
    }
}
