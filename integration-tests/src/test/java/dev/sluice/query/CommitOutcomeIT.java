package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.connection.ConnectionConfig;
import dev.sluice.testkit.PostgresInstance;
import dev.sluice.testkit.TcpProxy;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a caller of {@link Database#transaction} learns when the connection is lost around the commit, checked by
 * counting the rows on the server afterwards: exactly one row and success when the commit took effect before the
 * loss; a {@link CommitFailedException} whose outcome is unknown, and no second run of the work, when the answer to
 * the commit was lost. Faults are placed at the exact statement by a {@link TcpProxy} and by stopping a test-owned
 * PostgreSQL server at commit.
 */
class CommitOutcomeIT {

    /** A config for {@code db} that goes through {@code proxy}; borrowers give up quickly when the server is gone. */
    static ConnectionConfig throughProxy(TestDatabase db, TcpProxy proxy) {
        return db.configBuilder().port(proxy.port()).timeouts(t -> t.socket(Duration.ofSeconds(5)))
                .pool(p -> p.min(0).max(1).connectionTimeout(Duration.ofSeconds(1))).build();
    }

    static long rows(TestDatabase db) {
        try (Database direct = Database.connect(db.configBuilder().pool(p -> p.min(0).max(1)).build())) {
            return ((Number) direct.dsl().fetchValue("SELECT count(*) FROM ledger")).longValue();
        }
    }

    /** Opens the pool's one connection first, so the fault hits the transaction, not the pool's connection setup. */
    static Database connectWarm(ConnectionConfig config) {
        Database db = Database.connect(config);
        db.dsl().fetchValue("SELECT 1");
        return db;
    }

    static int insertOneRow(Database db, AtomicInteger runs) {
        return db.transaction(tx -> {
            runs.incrementAndGet();
            return tx.execute("INSERT INTO ledger (note) VALUES ('paid once')");
        });
    }

    static void createLedger(TestDatabase db, String ddl) {
        try (Database direct = Database.connect(db.config())) {
            direct.dsl().execute(ddl);
        }
    }

    @Test
    void mariadbConnectionLostAfterTheCommitWhileAutoCommitIsRestoredIsOneRowAndSuccess() {
        // Connector/J restores auto-commit with a round trip (SET autocommit=1) after the COMMIT: the transaction is
        // committed when that round trip dies. It used to be classed as a transient failure and run again: two rows.
        try (TestDatabase tdb = TestDatabases.mysql(); TcpProxy proxy = TcpProxy.start("127.0.0.1", tdb.server().port())) {
            createLedger(tdb, "CREATE TABLE ledger (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20) NOT NULL)");
            try (Database db = connectWarm(throughProxy(tdb, proxy))) {
                AtomicInteger runs = new AtomicInteger();
                proxy.cutBeforeClientSends("SET autocommit=1");
                assertThat(insertOneRow(db, runs)).isEqualTo(1);
                assertThat(proxy.triggered()).as("the fault was hit").isTrue();
                assertThat(runs.get()).as("the committed work is not run again").isEqualTo(1);
            }
            assertThat(rows(tdb)).isEqualTo(1);
        }
    }

    @Test
    void mariadbLostCommitReplyIsReportedAsUnknownAndNotRetried() {
        try (TestDatabase tdb = TestDatabases.mysql(); TcpProxy proxy = TcpProxy.start("127.0.0.1", tdb.server().port())) {
            createLedger(tdb, "CREATE TABLE ledger (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20) NOT NULL)");
            try (Database db = connectWarm(throughProxy(tdb, proxy))) {
                AtomicInteger runs = new AtomicInteger();
                // COM_QUERY (0x03) "commit": the bare marker would also match "SET autocommit=0"
                proxy.cutAfterClientSends("\u0003commit");
                CommitFailedException e = catchThrowableOfType(CommitFailedException.class, () -> insertOneRow(db, runs));
                assertThat(e).as("a lost commit reply is a CommitFailedException").isNotNull();
                assertThat(e.outcomeUnknown()).isTrue();
                assertThat(e).hasMessageContaining("unknown");
                assertThat(runs.get()).isEqualTo(1);
            }
            assertThat(rows(tdb)).as("the server committed; the client could not know").isEqualTo(1);
        }
    }

    @Test
    void postgresLostCommitReplyIsReportedAsUnknownAndNotRetried() {
        // The exception from restoring auto-commit on the dead connection used to replace CommitFailedException, and
        // as a "connection closed" error it was retried: two rows.
        try (TestDatabase tdb = TestDatabases.postgres(); TcpProxy proxy = TcpProxy.start("127.0.0.1", tdb.server().port())) {
            createLedger(tdb, "CREATE TABLE ledger (id serial PRIMARY KEY, note text NOT NULL)");
            try (Database db = connectWarm(throughProxy(tdb, proxy))) {
                AtomicInteger runs = new AtomicInteger();
                proxy.cutAfterClientSends("COMMIT");
                CommitFailedException e = catchThrowableOfType(CommitFailedException.class, () -> insertOneRow(db, runs));
                assertThat(e).isNotNull();
                assertThat(e.outcomeUnknown()).isTrue();
                assertThat(runs.get()).isEqualTo(1);
            }
            assertThat(rows(tdb)).isEqualTo(1);
        }
    }

    @Test
    void postgresServerStoppedAtCommitIsReportedAsUnknownAndNotRetried() {
        try (PostgresInstance pg = PostgresInstance.start(); TcpProxy proxy = TcpProxy.start("127.0.0.1", pg.port())) {
            ConnectionConfig direct = pg.server().configFor("postgres").pool(p -> p.min(0).max(1)).build();
            try (Database db = Database.connect(direct)) {
                db.dsl().execute("CREATE TABLE ledger (id serial PRIMARY KEY, note text NOT NULL)");
                db.dsl().execute("CHECKPOINT"); // the instance runs with synchronous_commit off: make the table survive the kill
            }
            ConnectionConfig proxied = pg.server().configFor("postgres").port(proxy.port())
                    .pool(p -> p.min(0).max(1).connectionTimeout(Duration.ofSeconds(1))).build();
            try (Database db = connectWarm(proxied)) {
                AtomicInteger runs = new AtomicInteger();
                proxy.beforeClientSends("COMMIT", pg::kill); // pg_ctl stop -m immediate, as the COMMIT goes out
                CommitFailedException e = catchThrowableOfType(CommitFailedException.class, () -> insertOneRow(db, runs));
                assertThat(e).as("the caller learns that the commit failed, not a generic 'connection closed'").isNotNull();
                assertThat(e.outcomeUnknown()).isTrue();
                assertThat(runs.get()).as("not retried").isEqualTo(1);
            }
            pg.startServer();
            try (Database db = Database.connect(direct)) {
                assertThat(((Number) db.dsl().fetchValue("SELECT count(*) FROM ledger")).longValue())
                        .as("the server died before the COMMIT reached it").isZero();
            }
        }
    }

    @Test
    void postgresCommitRejectedByTheServerIsKnownToBeRolledBack() {
        try (TestDatabase tdb = TestDatabases.postgres()) {
            createLedger(tdb, "CREATE TABLE ledger (id serial PRIMARY KEY, note text NOT NULL,"
                    + " CONSTRAINT ledger_note_key UNIQUE (note) DEFERRABLE INITIALLY DEFERRED)");
            try (Database db = Database.connect(tdb.config())) {
                AtomicInteger runs = new AtomicInteger();
                CommitFailedException e = catchThrowableOfType(CommitFailedException.class, () -> db.transaction(tx -> {
                    runs.incrementAndGet();
                    tx.execute("INSERT INTO ledger (note) VALUES ('twice'), ('twice')"); // checked only at commit
                    return null;
                }));
                assertThat(e).isNotNull();
                assertThat(e.outcomeUnknown()).as("the server answered: rolled back").isFalse();
                assertThat(e).hasMessageContaining("rolled the transaction back");
                assertThat(runs.get()).as("a constraint violation is not transient").isEqualTo(1);
            }
            assertThat(rows(tdb)).isZero();
        }
    }
}
