package dev.sluice.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.connection.Vendor;
import dev.sluice.testkit.TestDatabase;
import dev.sluice.testkit.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Statement logging on the three servers: captured from the {@code dev.sluice.query.sql} logger, and the meters. */
class QueryLoggingTest {
    static final Table<?> ACCOUNTS = table(name("accounts"));
    static final Field<Integer> ID = field(name("accounts", "id"), Integer.class);
    static final Field<String> EMAIL = field(name("accounts", "email"), String.class);
    static final Field<String> PASSWORD = field(name("accounts", "password"), String.class);

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void statementsAreLoggedWithRedactedBindsSlowOnesAtWarnAndCounted(Vendor vendor) {
        Logger logger = (Logger) LoggerFactory.getLogger(QueryLogging.LOGGER);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        Level before = logger.getLevel();
        logger.addAppender(captured);
        logger.setLevel(Level.DEBUG);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (TestDatabase tdb = TestDatabases.create(vendor);
                Database base = Database.connect(tdb.configBuilder().meterRegistry(registry).build())) {
            String pool = base.connections().config().name();
            Database db = base.withLogging(QueryLogging.defaults().withSlowQueryThreshold(Duration.ofMillis(20)));
            db.dsl().execute("CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(100) NOT NULL, password VARCHAR(100) NOT NULL)");
            db.dsl().insertInto(ACCOUNTS).columns(ID, EMAIL, PASSWORD).values(1, "ann@example.test", "hunter2-S3cret").execute();
            assertThat(db.dsl().select(ID).from(ACCOUNTS).where(EMAIL.eq("ann@example.test")).fetch()).hasSize(1);
            db.dsl().fetch(switch (vendor) { // slower than the 20ms threshold by construction
                case POSTGRESQL -> "SELECT pg_sleep(0.1)";
                case MYSQL -> "SELECT SLEEP(0.1)";
                case SQLITE -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) FROM c";
            });

            List<String> lines = lines(captured, pool);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("select ").contains("rows=1 ok conn=" + pool + "#")
                    .contains("binds=[1 redacted]").contains("where").contains("?"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("insert ").contains("rows=1").contains("binds=[3 redacted]"));
            assertThat(captured.list).filteredOn(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(pool))
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).startsWith("slow query (over 20 ms): select "));
            assertThat(String.join("\n", lines)).doesNotContain("ann@example.test").doesNotContain("hunter2");

            // with bind values shown: the email is, a password never
            Database verbose = base.withLogging(QueryLogging.defaults().withBindValues(true));
            verbose.dsl().select(ID).from(ACCOUNTS).where(EMAIL.eq("ann@example.test")).fetch();
            verbose.dsl().update(ACCOUNTS).set(PASSWORD, "n3w-pa55word").where(ID.eq(1)).execute();
            verbose.dsl().insertInto(ACCOUNTS).columns(ID, EMAIL, PASSWORD).values(2, "bob@example.test", "bob-pa55").execute();
            lines = lines(captured, pool);
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("select ").contains("binds=['ann@example.test']"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("update ").contains("<redacted>"));
            assertThat(String.join("\n", lines)).doesNotContain("hunter2").doesNotContain("n3w-pa55word").doesNotContain("bob-pa55");

            // statements of one transaction show one connection
            int from = lines(captured, pool).size();
            db.transaction(tx -> tx.select(ID).from(ACCOUNTS).union(org.jooq.impl.DSL.select(ID).from(ACCOUNTS)).fetch()
                    .size() + tx.fetchCount(ACCOUNTS));
            List<String> inTransaction = lines(captured, pool).subList(from, lines(captured, pool).size());
            assertThat(inTransaction).hasSize(2);
            assertThat(inTransaction.stream().map(l -> l.replaceAll(".* conn=(\\S+) .*", "$1")).distinct()).hasSize(1);

            // a failing statement: logged with the database's message, counted as an error
            assertThatThrownBy(() -> db.dsl().fetch("SELECT no_such_column FROM accounts")).isInstanceOf(org.jooq.exception.DataAccessException.class);
            assertThat(lines(captured, pool)).anySatisfy(l -> assertThat(l).contains("failed").contains("error=").contains("no_such_column"));

            assertThat(registry.get("sluice.query.statements").tags("pool", pool, "kind", "select", "outcome", "ok").counter().count())
                    .isGreaterThanOrEqualTo(3);
            assertThat(registry.get("sluice.query.statements").tags("pool", pool, "kind", "select", "outcome", "error").counter().count())
                    .isEqualTo(1);
            assertThat(registry.get("sluice.query.statements").tags("pool", pool, "kind", "ddl").counter().count()).isEqualTo(1);
            assertThat(registry.get("sluice.query.duration").tags("pool", pool, "kind", "insert").timer().count()).isEqualTo(2);
        } finally {
            logger.detachAppender(captured);
            logger.setLevel(before);
        }
    }

    private static List<String> lines(ListAppender<ILoggingEvent> captured, String pool) {
        return captured.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("conn=" + pool + "#"))
                .map(m -> m.startsWith("slow query") ? m.substring(m.indexOf(": ") + 2) : m).toList();
    }
}
